import { randomUUID } from 'node:crypto';
import { addDays, addIsoWeken, isoWeek, maandagVan } from '../../domain/shared/kalender';
import { testToken } from '../support/auth';
import { apiAls, baseUrl, expect, maakTraject, meldAan, nlDatum, straks, test, vandaag } from './fixtures';

const wie = { rol: 'casemanager', gemeente: 'GM0518', medewerker: 'cm-aanwezig' } as const;
const week = (n: number) => addIsoWeken(isoWeek(vandaag), n);

test('de casemanager ziet de aanwezigheid per week die de taalaanbieder meldde (een correctie vervangt de week)', async ({
  page,
  bekijk,
}) => {
  const api = await apiAls(wie);
  const start = maandagVan(week(-6));
  const id = await maakTraject(api, { casemanager: wie.medewerker, kennisgevingsdatum: addDays(start, -60) });
  for (const [commando, body] of [
    ['intake', { datum: addDays(start, -30), geadviseerdeRoute: 'b1' }],
    ['pip', { dagtekening: addDays(start, -14), leerroute: 'b1' }],
    ['aanbod', { datum: start, aanbieder: 'taalschool-ui' }],
  ] as const) {
    expect(
      (await api.post(`/api/v1/trajecten/${id}/${commando}`, { commandId: randomUUID(), ...body })).status,
    ).toBe(200);
  }
  // The taalaanbieder reports three weeks through its own API, then corrects the last one.
  const token = await testToken({
    rol: 'taalaanbieder',
    gemeente: 'GM0518',
    sub: 'ta-ui',
    organisatie: 'taalschool-ui',
  });
  const meld = async (body: Record<string, unknown>) => {
    const res = await fetch(`${baseUrl()}/api/v1/aanbieders/voortgang`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ trajectId: id, verzuimGeoorloofd: 0, verzuimOngeoorloofd: 0, ...body }),
    });
    expect(res.status).toBe(201);
  };
  await meld({ week: week(-3), lesuren: 12 });
  await meld({ week: week(-2), lesuren: 8, verzuimGeoorloofd: 2, verzuimOngeoorloofd: 2 });
  await meld({ week: week(-1), lesuren: 6, verzuimOngeoorloofd: 6 });
  await meld({
    week: week(-1),
    lesuren: 9,
    verzuimOngeoorloofd: 3,
    toetsen: [{ component: 'spreken', niveau: 'A2' }],
  });
  await straks(async () => (await api.get(`/api/v1/trajecten/${id}`)).json.status.state.uren.taal === 29);

  await meldAan(page, wie);
  await page.goto(`/trajecten/${id}`);
  await page.getByRole('link', { name: 'Aanwezigheid' }).click();
  await expect(page).toHaveURL(new RegExp(`/trajecten/${id}/aanwezigheid$`));
  await expect(page.getByRole('heading', { name: 'Aanwezigheid bij de taalaanbieder' })).toBeVisible();
  await expect(page.getByText('Taalaanbieder: taalschool-ui.')).toBeVisible();

  const tabel = page.getByRole('table', { name: /Lesuren en verzuim per week/ });
  const rijen = tabel.getByRole('row');
  // A header row and one row per week: the correction replaced week -1, it did not add a row.
  await expect(rijen).toHaveCount(4);
  const rij = (w: string) =>
    tabel.getByRole('row', { name: new RegExp(`week ${Number(w.slice(6))} \\(${nlDatum(maandagVan(w))}`) });
  await expect(rij(week(-1)).getByRole('cell')).toHaveText(['9', '0', '3', '25%', 'Spreken A2']);
  await expect(rij(week(-2)).getByRole('cell')).toHaveText(['8', '2', '2', '17%', '—']);
  await expect(rij(week(-3)).getByRole('cell')).toHaveText(['12', '0', '0', '0%', '—']);
  // Newest week first.
  await expect(rijen.nth(1)).toContainText(`week ${Number(week(-1).slice(6))}`);
  // The last four full weeks: 5 of 36 planned hours unexcused.
  await expect(page.getByTestId('verzuim-samenvatting')).toContainText('14% van 36 geplande lesuren');
  await expect(page.getByText(/Lesuren van de taalaanbieder samen: 29/)).toBeVisible();
  await bekijk('dossier-aanwezigheid');
});
