import { randomUUID } from 'node:crypto';
import { apiAls, dagen, expect, maakTraject, meldAan, nlDatum, straks, test } from './fixtures';

const wie = { rol: 'casemanager', gemeente: 'GM0518', medewerker: 'cm-route-ui' } as const;

test('de route van de gemeente als afvinklijst: status in woorden, een te late stap afvinken met het formulier', async ({
  page,
  bekijk,
}) => {
  const api = await apiAls(wie);
  const id = await maakTraject(api, { casemanager: wie.medewerker, kennisgevingsdatum: dagen(-90) });
  // The intake two months ago: the brugklas (six weeks after it) is late; the intake itself is done by its fact.
  expect(
    (
      await api.post(`/api/v1/trajecten/${id}/intake`, {
        commandId: randomUUID(),
        datum: dagen(-60),
        leerbaarheidstoetsScore: 50,
      })
    ).status,
  ).toBe(200);
  await straks(async () => (await api.get(`/api/v1/trajecten/${id}`)).json.status.state.intake !== null);

  await meldAan(page, wie);
  await page.goto(`/trajecten/${id}`);
  await page
    .getByRole('navigation', { name: 'Onderdelen van het dossier' })
    .getByRole('link', { name: 'Route', exact: true })
    .click();
  await expect(page).toHaveURL(new RegExp(`/trajecten/${id}/route$`));
  await expect(page.getByRole('heading', { name: 'Route van de gemeente' })).toBeVisible();
  await expect(page.getByTestId('route-samenvatting')).toHaveText(
    '2 van 11 stappen afgerond (route denhaag-asielstatushouder, versie 1).',
  );
  const tabel = page.getByRole('table', { name: 'Stappen van de route, in volgorde' });
  await expect(tabel.getByRole('row')).toHaveCount(12);
  const rij = (naam: RegExp) => tabel.getByRole('row', { name: naam });
  await expect(rij(/^3\. Brede intakegesprek/).getByRole('cell')).toHaveText([
    'Casemanager',
    '—',
    'Afgerond',
    `${nlDatum(dagen(-60))}, vastgelegd feit`,
    '—',
  ]);
  await expect(
    rij(/^4\. Brugklas/)
      .getByRole('cell')
      .nth(2),
  ).toHaveText('Te laat');
  await bekijk('dossier-route');

  await rij(/^4\. Brugklas/)
    .getByRole('link', { name: /Afvinken/ })
    .click();
  const formulier = page.getByRole('region', { name: 'Stap van de route afvinken' });
  await expect(formulier.getByLabel('Stap van de route', { exact: true })).toHaveValue('brugklas');
  await formulier.getByLabel('Datum waarop de stap is gedaan').fill(dagen(-1));
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Stap van de route afvinken: vastgelegd.' }),
  ).toBeVisible();

  await page.goto(`/trajecten/${id}/route`);
  await expect(rij(/^4\. Brugklas/).getByRole('cell')).toHaveText([
    'Taalaanbieder',
    nlDatum(dagen(-18)),
    'Afgerond',
    `${nlDatum(dagen(-1))}, door ${wie.medewerker}`,
    '—',
  ]);
  await expect(page.getByTestId('route-samenvatting')).toContainText('3 van 11 stappen afgerond');
});
