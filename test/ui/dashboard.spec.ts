import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { apiAls, dagen, expect, maakTraject, meldAan, straks, test } from './fixtures';

// A gemeente of its own: the numbers are this test's alone.
const GEMEENTE = 'GM0599';
const teamleider = { rol: 'teamleider', gemeente: GEMEENTE, medewerker: 'tl-rotterdam' } as const;

test('het dashboard van de teamleider toont dezelfde getallen als de API, en de CBS-CSV per kwartaal', async ({
  page,
  bekijk,
}) => {
  const api = await apiAls({ rol: 'casemanager', gemeente: GEMEENTE, medewerker: 'cm-a' });
  const ids = [
    await maakTraject(api, { gemeente: GEMEENTE, casemanager: 'cm-a' }),
    await maakTraject(api, { gemeente: GEMEENTE, casemanager: 'cm-a', kennisgevingsdatum: dagen(-84) }),
    await maakTraject(api, { gemeente: GEMEENTE, casemanager: 'cm-b', doelgroep: 'gezinsmigrant' }),
    await maakTraject(api, { gemeente: GEMEENTE }),
  ];
  const intake = await api.post(`/api/v1/trajecten/${ids[0]}/intake`, {
    commandId: randomUUID(),
    datum: dagen(-20),
  });
  expect(intake.status).toBe(200);
  const tl = await apiAls(teamleider);
  const overzicht = await straks(async () => {
    const o = (await tl.get('/api/v1/rapportage/overzicht')).json.gemeenten[0];
    // Every traject's read-model row settled, its casemanager included (cm-a 2, cm-b 1, none 1).
    const caseload = Object.fromEntries(
      ((o?.caseloadPerCasemanager ?? []) as { casemanager: string; open: number }[]).map((c) => [
        c.casemanager,
        c.open,
      ]),
    );
    const klaar =
      o?.trajecten === 4 &&
      o.perFase.intake_afgerond === 1 &&
      o.openEscalatiesPerCasemanager.length > 0 &&
      caseload['cm-a'] === 2 &&
      caseload['cm-b'] === 1 &&
      caseload['(geen)'] === 1;
    return klaar ? o : undefined;
  });

  await meldAan(page, teamleider);
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('kpi-trajecten')).toHaveText(String(overzicht.trajecten));
  await expect(page.getByTestId('kpi-open')).toHaveText(String(overzicht.open));

  const cel = (tabel: string, categorie: string) =>
    page.getByTestId(tabel).locator(`tr[data-categorie="${categorie}"] td`).first();
  await expect(cel('tabel-fase', 'Aangemeld')).toHaveText(String(overzicht.perFase.aangemeld));
  await expect(cel('tabel-fase', 'Intake afgerond')).toHaveText(String(overzicht.perFase.intake_afgerond));
  await expect(cel('tabel-doelgroep', 'Asielstatushouder')).toHaveText(
    String(overzicht.perDoelgroep.asielstatushouder),
  );
  await expect(cel('tabel-doelgroep', 'Gezinsmigrant')).toHaveText(
    String(overzicht.perDoelgroep.gezinsmigrant),
  );
  for (const c of overzicht.caseloadPerCasemanager as { casemanager: string; open: number }[]) {
    await expect(cel('tabel-caseload', c.casemanager)).toHaveText(String(c.open));
  }
  await expect(page.getByTestId('tabel-caseload').locator('tbody tr')).toHaveCount(
    overzicht.caseloadPerCasemanager.length,
  );
  for (const e of overzicht.openEscalatiesPerCasemanager as { casemanager: string; escalaties: number }[]) {
    await expect(cel('tabel-escalaties', e.casemanager)).toHaveText(String(e.escalaties));
  }
  // Every chart has its table, and the chart itself is hidden from assistive technology.
  await expect(page.locator('figure.grafiek')).toHaveCount(
    await page.locator('figure.grafiek table').count(),
  );
  await expect(page.locator('.grafiek-vlak svg').first()).toBeVisible();

  const cohorten = (await tl.get(`/api/v1/rapportage/cohorten?van=${dagen(-400)}&tot=${dagen(0)}`)).json
    .cohorten;
  await page.getByLabel('Kennisgeving vanaf').fill(dagen(-400));
  await page.getByRole('button', { name: 'Toon cohorten' }).click();
  const totaalUi = await page
    .getByTestId('tabel-cohorten')
    .locator('tbody tr')
    .evaluateAll((rijen) =>
      rijen.reduce((som, r) => som + Number(r.querySelectorAll('td')[0]?.textContent ?? 0), 0),
    );
  expect(totaalUi).toBe(cohorten.reduce((som: number, c: { trajecten: number }) => som + c.trajecten, 0));
  await bekijk('dashboard');

  // The CBS delivery: a CSV download for the chosen quarter.
  const kwartaal = await page.getByLabel('Kwartaal').inputValue();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'CSV downloaden' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`cbs-swi-${GEMEENTE}-${kwartaal}.csv`);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  const vanApi = (await tl.get(`/api/v1/rapportage/cbs-swi?kwartaal=${kwartaal}`)).json;
  expect(csv).toBe(vanApi);
});
