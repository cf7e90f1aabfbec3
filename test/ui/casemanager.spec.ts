import type { Locator, Page } from '@playwright/test';
import {
  apiAls,
  dagen,
  expect,
  maakTraject,
  meldAan,
  nlDatum,
  straks,
  test,
  testPersoon,
  volledigeNaam,
  vulPersoonIn,
} from './fixtures';

const casemanager = { rol: 'casemanager', gemeente: 'GM0518', medewerker: 'cm-reis' } as const;

async function kies(page: Page, label: string, optie: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).selectOption({ label: optie });
}

async function actie(page: Page, naam: string): Promise<Locator> {
  await page.getByRole('complementary', { name: 'Acties' }).getByRole('link', { name: naam }).click();
  const formulier = page.getByRole('region', { name: naam });
  await expect(formulier.getByRole('heading', { name: naam })).toBeVisible();
  return formulier;
}

async function legVast(page: Page, verwacht: string): Promise<void> {
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  await expect(page.getByRole('status').filter({ hasText: verwacht })).toBeVisible();
}

async function tab(page: Page, naam: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Onderdelen van het dossier' })
    .getByRole('link', { name: naam, exact: true })
    .click();
}

function trajectIdUitUrl(page: Page): string {
  const match = /\/trajecten\/([0-9a-f-]{36})/.exec(page.url());
  if (!match) throw new Error(`geen traject in ${page.url()}`);
  return match[1];
}

test('casemanager: aanmelden → intake → PIP → examens → voldaan, elke stap zichtbaar in het dossier', async ({
  page,
  bekijk,
}) => {
  await meldAan(page, casemanager);
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn caseload' })).toBeVisible();
  await bekijk('caseload-leeg');

  // Aanmelden
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Aanmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeVisible();
  await bekijk('aanmelden');
  const persoon = testPersoon();
  await vulPersoonIn(page, persoon);
  await page.getByRole('radio', { name: 'Asielstatushouder' }).check();
  await page.getByLabel('Datum van de kennisgeving van DUO').fill(dagen(-40));
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Het traject is aangemeld.' })).toBeVisible();
  const id = trajectIdUitUrl(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(volledigeNaam(persoon));
  await expect(page.getByTestId('fase')).toHaveText('Aangemeld');
  await expect(page.getByTestId('ontbreekt')).toContainText('Een vastgesteld PIP');
  const pipRij = page.locator('[data-deadline="pip"]');
  await expect(pipRij).toContainText(nlDatum(dagen(-40 + 70)));
  // The legal basis comes from the rulebook (domain/wet.ts), with the version that applied.
  await expect(pipRij).toContainText('Besluit inburgering 2021 art. 5.3 lid 1');
  await expect(pipRij).toContainText('10 weken');
  await expect(pipRij).toContainText('regelversie geldig vanaf 1 januari 2022');
  await expect(page.getByText('cm-reis', { exact: true })).toBeVisible();
  await bekijk('dossier-overzicht');

  // The traject is in my caseload, with its next deadline and days left.
  await page
    .getByRole('navigation', { name: 'Hoofdmenu' })
    .getByRole('link', { name: 'Mijn caseload' })
    .click();
  const rij = page.locator(`tr[data-traject="${id}"]`);
  await expect(rij.getByRole('link')).toHaveText(volledigeNaam(persoon));
  await expect(rij).toContainText('Aangemeld');
  await expect(rij).toContainText(nlDatum(dagen(30)));
  await expect(rij).toContainText('nog 30 dagen');
  await bekijk('caseload');
  await rij.getByRole('link').click();
  await expect(page.getByTestId('fase')).toHaveText('Aangemeld');

  // Intake
  const intake = await actie(page, 'Brede intake vastleggen');
  await intake.getByLabel('Datum van de brede intake').fill(dagen(-30));
  await kies(page, 'Geadviseerde leerroute (niet verplicht)', 'B1-route');
  await bekijk('actie-intake');
  await legVast(page, 'Brede intake vastleggen: vastgelegd.');
  await expect(page.getByTestId('fase')).toHaveText('Intake afgerond');

  // PIP: first the dry run (what-if), then for real.
  const pip = await actie(page, 'PIP vaststellen');
  await pip.getByLabel('Dagtekening van het PIP').fill(dagen(-20));
  await kies(page, 'Leerroute', 'B1-route');
  await page.getByRole('button', { name: 'Proefberekening' }).click();
  const proef = page.getByTestId('proef');
  await expect(proef).toContainText('Intake afgerond → PIP vastgesteld');
  const termijn = proef.locator('[data-proef-deadline="termijn-overschreden"]');
  await expect(termijn).toContainText('Wet inburgering 2021 art. 11 lid 1');
  await expect(termijn).toContainText('3 jaar');
  await expect(proef.locator('[data-proef-deadline="pip"]')).toContainText('vervalt');
  await bekijk('actie-pip-proefberekening');
  // The dry run applied nothing.
  const api = await apiAls(casemanager);
  expect((await api.get(`/api/v1/trajecten/${id}`)).json.status.state.fase).toBe('intake_afgerond');
  await legVast(page, 'PIP vaststellen: vastgelegd.');
  await expect(page.getByTestId('fase')).toHaveText('PIP vastgesteld');
  await expect(page.getByTestId('ontbreekt')).toContainText('Examen lezen op niveau B1');
  await expect(page.getByText(/Inburgeringstermijn: .* tot en met/)).toBeVisible();

  await tab(page, 'PIP-versies');
  await expect(page.getByRole('table')).toContainText('Eerste PIP');
  await expect(page.getByRole('table')).toContainText('Algemene wet bestuursrecht art. 6:7 en 6:8');
  await bekijk('dossier-pip-versies');

  // Exam results: four language components at B1 and KNM.
  for (const component of ['Lezen', 'Luisteren', 'Schrijven', 'Spreken', 'KNM']) {
    const examen = await actie(page, 'Examenresultaat vastleggen');
    await kies(page, 'Examenonderdeel', component);
    if (component !== 'KNM') await kies(page, 'Niveau (niet verplicht)', 'B1');
    await examen.getByRole('radio', { name: 'Ja' }).check();
    await examen.getByLabel('Datum van het examen').fill(dagen(-5));
    await legVast(page, 'Examenresultaat vastleggen: vastgelegd.');
    await expect(page.getByTestId('ontbreekt')).not.toContainText(
      component === 'KNM' ? 'KNM-examen behaald' : `Examen ${component.toLowerCase()}`,
    );
  }
  await tab(page, 'Examens & uren');
  await expect(page.getByTestId('examens').getByRole('row')).toHaveCount(6);
  await bekijk('dossier-examens');
  await tab(page, 'Overzicht');
  await expect(page.getByTestId('ontbreekt')).toContainText('PVT afgerond');
  await expect(page.getByTestId('ontbreekt')).toContainText('MAP afgerond');

  // PVT and MAP: then the duty is met.
  for (const onderdeel of [
    'PVT (Participatieverklaringstraject)',
    'MAP (Module Arbeidsmarkt en Participatie)',
  ]) {
    const formulier = await actie(page, 'Onderdeel afgerond (MAP, PVT, …)');
    await kies(page, 'Onderdeel', onderdeel);
    await formulier.getByLabel('Afgerond op').fill(dagen(-3));
    await legVast(page, 'Onderdeel afgerond (MAP, PVT, …): vastgelegd.');
  }
  await expect(page.getByTestId('fase')).toHaveText('Voldaan');
  await expect(page.getByTestId('voldaan')).toHaveText(
    `Aan de inburgeringsplicht is voldaan op ${nlDatum(dagen(-3))}.`,
  );
  await expect(page.getByText('Er zijn geen acties meer mogelijk: het traject is afgesloten.')).toBeVisible();
  await bekijk('dossier-voldaan');

  await tab(page, 'Tijdlijn');
  const tijdlijn = page.getByTestId('tijdlijn-gebeurd');
  await expect(tijdlijn).toContainText('Brede intake afgerond op');
  await expect(tijdlijn).toContainText(`PIP vastgesteld (B1-route), dagtekening ${nlDatum(dagen(-20))}`);
  await expect(tijdlijn).toContainText('Inburgeringsplicht voldaan');
  await bekijk('dossier-tijdlijn');
  await tab(page, 'Besluiten');
  await expect(page.getByTestId('besluiten')).toContainText('Inburgeringsplicht voldaan');
  await bekijk('dossier-besluiten');
  await tab(page, 'Taken');
  await bekijk('dossier-taken');
  await tab(page, 'Ontzorgen');
  await expect(page.getByText('Ontzorgen is (nog) niet gestart.')).toBeVisible();
  await bekijk('dossier-ontzorgen');
});

test('een geweigerd commando toont de Nederlandse melding en verandert niets', async ({ page, bekijk }) => {
  const api = await apiAls(casemanager);
  const id = await maakTraject(api, { casemanager: casemanager.medewerker });
  const ops = await apiAls({ rol: 'operations', gemeente: '*' });
  const geschiedenis = async () =>
    (await ops.get(`/api/v1/operations/trajecten/${id}/geschiedenis?limiet=1000`)).json.items.length;
  await straks(async () => (await api.get(`/api/v1/trajecten/${id}`)).json.readModel);
  // The aanmelding's last effects (its audit row, written by the workflow) settle first: the count
  // to compare with is the history once nothing more happens.
  let events = await geschiedenis();
  await straks(async () => {
    await new Promise((r) => setTimeout(r, 1000));
    const nu = await geschiedenis();
    const stil = nu === events;
    events = nu;
    return stil;
  });
  const voor = {
    status: (await api.get(`/api/v1/trajecten/${id}`)).json.status,
    events,
  };

  await meldAan(page, casemanager);
  await page.goto(`/trajecten/${id}`);
  const boete = await actie(page, 'Boete opleggen');
  await boete.getByLabel('Bedrag in euro').fill('900');
  await kies(page, 'Reden', 'Niet verschenen bij de intake');
  await boete.getByLabel('Datum van het besluit').fill(dagen(-1));
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  const melding = page.getByRole('alert').filter({ hasText: 'Niet vastgelegd' });
  await expect(melding).toHaveText('Niet vastgelegd: Het boetebedrag is hoger dan het wettelijk maximum');
  // The rulebook's field at the field, in Dutch; the input is kept.
  await expect(boete.getByText('Het boetebedrag is hoger dan het wettelijk maximum').first()).toBeVisible();
  await expect(boete.getByLabel('Bedrag in euro')).toHaveValue('900');
  await bekijk('actie-geweigerd');

  // A form-level rule of the API's schema (the same zod schema) at the field, before anything is sent.
  await boete.getByLabel('Bedrag in euro').fill('');
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  await expect(boete.getByText('Vul in: bedrag in euro').first()).toBeVisible();

  const na = (await api.get(`/api/v1/trajecten/${id}`)).json.status;
  expect(na.versie).toBe(voor.status.versie);
  expect(na.state.boetes).toEqual([]);
  expect(await geschiedenis()).toBe(voor.events);
});

test('een casemanager van een andere gemeente kan het traject niet openen', async ({ page, bekijk }) => {
  const id = await maakTraject(await apiAls(casemanager), { casemanager: casemanager.medewerker });
  await meldAan(page, { rol: 'casemanager', gemeente: 'GM0344', medewerker: 'cm-utrecht' });
  await page.goto(`/trajecten/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Traject niet gevonden' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('Er is geen traject met deze id.');
  await expect(page.getByTestId('fase')).toHaveCount(0);
  await bekijk('dossier-andere-gemeente');
  await page.goto(`/trajecten/${id}/acties/intake`);
  await expect(page.getByRole('heading', { level: 1, name: 'Traject niet gevonden' })).toBeVisible();
  await page.goto('/team');
  await expect(page.locator(`tr[data-traject="${id}"]`)).toHaveCount(0);
});
