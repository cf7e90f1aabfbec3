import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { Client } from 'pg';
import {
  apiAls,
  dagen,
  expect,
  maakTraject,
  meldAan,
  nlDatum,
  straks,
  test,
  testBsn,
  testPersoon,
  volledigeNaam,
  vulPersoonIn,
} from './fixtures';

/**
 * The person register in the UI (issue 11's user-facing parts): aanmelden with a person, names in every
 * list, the person page (BSN hidden until asked), corrections, consent for health data, the privacy
 * officer's processing log, the codec session for operations, destroyed data. Throughout: no BSN or name
 * in any URL the browser asks for, nor in its console.
 */

const casemanager = { rol: 'casemanager', gemeente: 'GM0518', medewerker: 'cm-persoon-ui' } as const;

/** Every URL the page requests and every console line, to be searched for personal data afterwards. */
function spoor(page: Page): { urls: string[]; console: string[] } {
  const s = { urls: [] as string[], console: [] as string[] };
  page.on('request', (r) => s.urls.push(r.url()));
  page.on('console', (m) => s.console.push(m.text()));
  return s;
}

function geenPersoonsgegevens(s: { urls: string[]; console: string[] }, geheim: string[]): void {
  expect(s.urls.length).toBeGreaterThan(5);
  for (const g of geheim) {
    const inUrl = s.urls.filter((u) => decodeURIComponent(u).includes(g));
    const inConsole = s.console.filter((c) => c.includes(g));
    expect({ g, inUrl, inConsole }).toEqual({ g, inUrl: [], inConsole: [] });
  }
}

test('aanmelden met een persoon: de naam in caseload, dossier en takeninbox; de persoonspagina met verborgen BSN; een correctie', async ({
  page,
  bekijk,
}) => {
  const api = await apiAls(casemanager);
  // The partner is already registered: the new person joins their household.
  const partner = testPersoon({ voornamen: `Yonas ${randomUUID().slice(0, 4)}` });
  const partnerTraject = await maakTraject(api, {
    casemanager: casemanager.medewerker,
    inburgeraar: partner,
  });
  const partnerId = (await api.get(`/api/v1/trajecten/${partnerTraject}`)).json.inburgeraar.id as string;

  const persoon = testPersoon({ geboortedatum: '1990-05-17' });
  const naam = volledigeNaam(persoon);
  const s = spoor(page);
  await meldAan(page, casemanager);
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Aanmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeVisible();

  // The API's schema judges the person: a wrong BSN and a missing name at their fields, in Dutch.
  await page.getByLabel('Burgerservicenummer (BSN)', { exact: true }).fill('123456789');
  await page.getByRole('radio', { name: 'Gezinsmigrant' }).check();
  await page.getByLabel('Datum van de kennisgeving van DUO').fill(dagen(-84));
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByLabel('Burgerservicenummer (BSN)', { exact: true })).toBeFocused();
  const samenvatting = page.getByRole('alert').filter({ hasText: 'Controleer deze velden' });
  await expect(samenvatting).toContainText(
    'Burgerservicenummer (BSN): bsn is geen geldig burgerservicenummer (negen cijfers, elfproef)',
  );
  await expect(samenvatting).toContainText('Voornamen: voornamen is verplicht');
  await bekijk('aanmelden-persoon-fouten');

  await vulPersoonIn(page, persoon);
  await page.getByLabel('Taal (niet verplicht)').selectOption({ label: 'Tigrinya' });
  await page.getByRole('group', { name: 'Tolk nodig' }).getByRole('radio', { name: 'Ja' }).check();
  await page.getByLabel('Telefoonnummer (niet verplicht)').fill('+31 70 123 4567');
  await page.getByLabel('E-mailadres (niet verplicht)').fill('test.persoon@example.org');
  await page.getByRole('button', { name: 'Kind toevoegen' }).click();
  await page.getByLabel('Voornamen van kind 1 (niet verplicht)').fill('Selam');
  await page.getByLabel('Geboortedatum van kind 1').fill('2010-08-20');
  // Household: the partner, found by BSN (in a POST body, never in the URL).
  await page.getByLabel('BSN van het gezinslid').fill(partner.bsn);
  await page.getByRole('button', { name: 'Zoeken op BSN' }).last().click();
  await expect(page.getByTestId('bsn-gevonden')).toContainText(volledigeNaam(partner));
  await page.getByRole('button', { name: /Koppel aan dit huishouden/ }).click();
  await expect(page.getByTestId('gekozen-huishouden')).toContainText(volledigeNaam(partner));
  await bekijk('aanmelden-persoon');
  await page.getByRole('button', { name: 'Aanmelden' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Het traject is aangemeld.' })).toBeVisible();
  const id = /\/trajecten\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(naam);
  await bekijk('dossier-met-naam');

  // The caseload shows the name (from the list's `naam`); the partner's too.
  await page
    .getByRole('navigation', { name: 'Hoofdmenu' })
    .getByRole('link', { name: 'Mijn caseload' })
    .click();
  await expect(page.locator(`tr[data-traject="${id}"]`).getByRole('link')).toHaveText(naam);
  await expect(page.locator(`tr[data-traject="${partnerTraject}"]`).getByRole('link')).toHaveText(
    volledigeNaam(partner),
  );
  // The task inbox too: the kennisgeving is 12 weeks old, so the PIP term has passed and escalates.
  await straks(async () =>
    ((await api.get('/api/v1/taken?casemanager=ik')).json.items as { trajectId: string }[]).some(
      (t) => t.trajectId === id,
    ),
  );
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Takeninbox' }).click();
  await expect(
    page
      .locator('tr[data-taak]')
      .filter({ hasText: 'PIP-termijn verstreken' })
      .getByRole('link', { name: naam }),
  ).toBeVisible();

  // The person page, from the dossier header: BSN hidden until asked for.
  await page.goto(`/trajecten/${id}`);
  await page.getByTestId('naar-persoon').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(naam);
  expect(page.url()).toMatch(/\/inburgeraars\/[0-9a-f-]{36}$/);
  const bsn = page.getByTestId('bsn');
  await expect(bsn).not.toContainText(persoon.bsn);
  await expect(bsn).toContainText('verborgen');
  await expect(page.getByText('Tigrinya (ti)')).toBeVisible();
  await expect(page.getByText(nlDatum('1990-05-17'))).toBeVisible();
  // The child turns 18 on the date the rulebook counts (T9).
  const kind = page.getByRole('row', { name: /Selam/ });
  await expect(kind).toContainText(nlDatum('2010-08-20'));
  await expect(kind).toContainText(nlDatum('2028-08-20'));
  // The household links the partner (by id: their data shows on their own page).
  await expect(page.getByTestId('huishouden').getByRole('link')).toHaveAttribute(
    'href',
    `/inburgeraars/${partnerId}`,
  );
  await bekijk('persoon');
  await page.getByRole('button', { name: 'Toon BSN' }).click();
  await expect(bsn).toHaveText(persoon.bsn);
  await page.getByRole('button', { name: 'Verberg BSN' }).click();
  await expect(bsn).not.toContainText(persoon.bsn);

  // A correction: the API's schema at the field, then saved with only what changed.
  await page.getByRole('button', { name: 'Gegevens corrigeren' }).click();
  const formulier = page.getByRole('form', { name: 'Gegevens corrigeren' });
  await expect(formulier.getByLabel('Voornamen', { exact: true })).toBeFocused();
  await formulier.getByLabel('Voornamen', { exact: true }).fill('');
  await formulier.getByLabel('Telefoonnummer (niet verplicht)').fill('bel mij');
  await formulier.getByRole('button', { name: 'Correctie opslaan' }).click();
  await expect(formulier.getByText('voornamen is verplicht')).toBeVisible();
  await expect(formulier.getByText('telefoon is een telefoonnummer, bijv. +31 70 123 4567')).toBeVisible();
  await bekijk('persoon-correctie-fouten');
  const nieuweVoornaam = `Amina-Noor ${randomUUID().slice(0, 4)}`;
  await formulier.getByLabel('Voornamen', { exact: true }).fill(nieuweVoornaam);
  await formulier.getByLabel('Telefoonnummer (niet verplicht)').fill('+31 6 1234 5678');
  await formulier.getByRole('button', { name: 'Correctie opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Gecorrigeerd' })).toHaveText(
    'Gecorrigeerd: voornamen, telefoonnummer. De oude waarden blijven versleuteld bewaard.',
  );
  const nieuweNaam = `${nieuweVoornaam} ${persoon.achternaam}`;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(nieuweNaam);
  const inburgeraarId = (await page.getByTestId('inburgeraar-id').textContent()) as string;
  const opgeslagen = (await api.get(`/api/v1/inburgeraars/${inburgeraarId}`)).json;
  expect(opgeslagen).toMatchObject({
    voornamen: nieuweVoornaam,
    telefoon: '+31 6 1234 5678',
    tolkNodig: true,
  });
  // The dossier follows.
  await page.goto(`/trajecten/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(nieuweNaam);

  geenPersoonsgegevens(s, [
    persoon.bsn,
    partner.bsn,
    persoon.voornamen,
    persoon.achternaam,
    nieuweVoornaam,
    '1990-05-17',
    '2010-08-20',
    '123 4567',
    'test.persoon',
  ]);
});

test('bestaande inburgeraar zoeken op BSN; een tweede lopend traject in de gemeente is 409, in het Nederlands', async ({
  page,
  bekijk,
}) => {
  const api = await apiAls(casemanager);
  const persoon = testPersoon();
  const open = await maakTraject(api, { casemanager: casemanager.medewerker, inburgeraar: persoon });
  const s = spoor(page);
  await meldAan(page, casemanager);
  await page.goto('/trajecten/nieuw');

  // New person, but the BSN already has an open traject here: the API says 409, the UI says why and helps.
  await vulPersoonIn(page, { ...persoon, voornamen: 'Andere', achternaam: 'Naam' });
  await page.getByRole('radio', { name: 'Asielstatushouder' }).check();
  await page.getByLabel('Datum van de kennisgeving van DUO').fill(dagen(-10));
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  const melding = page.getByRole('alert').filter({ hasText: 'Niet aangemeld' });
  await expect(melding).toContainText(
    'Niet aangemeld: Deze persoon heeft in uw gemeente al een lopend traject; er komt geen tweede.',
  );
  await bekijk('aanmelden-traject-bestaat-al');
  await melding.getByRole('button', { name: 'Het bestaande traject zoeken op dit BSN' }).click();
  const gevonden = page.getByTestId('bsn-gevonden');
  await expect(gevonden).toContainText(volledigeNaam(persoon));
  await expect(gevonden.getByRole('alert')).toContainText('al een lopend traject');
  await expect(gevonden.getByRole('button', { name: /Kies deze inburgeraar/ })).toHaveCount(0);
  await bekijk('aanmelden-bestaand-lopend');
  await gevonden
    .getByRole('link', { name: /traject/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(volledigeNaam(persoon));
  expect(page.url()).toContain(`/trajecten/${open}`);

  // Once that traject is closed, the same person can be picked for a new one (by id: inburgeraarId).
  const einde = await api.post(`/api/v1/trajecten/${open}/beeindiging`, {
    commandId: randomUUID(),
    datum: dagen(0),
    reden: 'vertrokken',
  });
  expect(einde.status).toBe(200);
  await straks(async () => (await api.get(`/api/v1/trajecten/${open}`)).json.readModel?.afgesloten);
  await page.goto('/trajecten/nieuw');
  await page.getByRole('radio', { name: 'Bestaande inburgeraar: zoeken op BSN' }).check();
  // Not picked yet: the form says so at the search field.
  await page.getByRole('radio', { name: 'Gezinsmigrant' }).check();
  await page.getByLabel('Datum van de kennisgeving van DUO').fill(dagen(-5));
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByText('Zoek de inburgeraar op BSN en kies hem of haar').first()).toBeVisible();
  // An unknown BSN: nobody found, with the offer to register them as new.
  await page.getByLabel('BSN van de inburgeraar').fill(testBsn());
  await page.getByLabel('BSN van de inburgeraar').press('Enter');
  await expect(page.getByTestId('bsn-niet-gevonden')).toContainText('Geen inburgeraar gevonden');
  await page.getByLabel('BSN van de inburgeraar').fill(persoon.bsn);
  await page.getByRole('button', { name: 'Zoeken op BSN' }).click();
  await page.getByRole('button', { name: /Kies deze inburgeraar/ }).click();
  await expect(page.getByTestId('gekozen-inburgeraar')).toContainText(volledigeNaam(persoon));
  await bekijk('aanmelden-bestaand-gekozen');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Het traject is aangemeld.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(volledigeNaam(persoon));
  const tweede = /\/trajecten\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;
  expect(tweede).not.toBe(open);

  // Another gemeente's casemanager: the person answers like an unknown one.
  const inburgeraarId = (await api.get(`/api/v1/trajecten/${tweede}`)).json.inburgeraar.id as string;
  await meldAan(page, { rol: 'casemanager', gemeente: 'GM0344', medewerker: 'cm-utrecht-persoon' });
  await page.goto(`/inburgeraars/${inburgeraarId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Inburgeraar niet gevonden' })).toBeVisible();
  await bekijk('persoon-andere-gemeente');

  geenPersoonsgegevens(s, [persoon.bsn, persoon.voornamen, persoon.achternaam]);
});

test('intake: een gezondheidscode vraagt om uitdrukkelijke toestemming (AVG art. 9)', async ({
  page,
  bekijk,
}) => {
  const api = await apiAls(casemanager);
  const id = await maakTraject(api, { casemanager: casemanager.medewerker, inburgeraar: testPersoon() });
  await meldAan(page, casemanager);
  await page.goto(`/trajecten/${id}/acties/intake`);
  const formulier = page.getByRole('region', { name: 'Brede intake vastleggen' });
  await formulier.getByLabel('Datum van de brede intake').fill(dagen(-1));
  const toestemming = formulier.getByRole('checkbox', { name: /uitdrukkelijk toestemming/ });
  await formulier.getByLabel('Belemmeringen (niet verplicht)').fill('kinderopvang');
  await expect(toestemming).toHaveCount(0);
  await formulier.getByLabel('Belemmeringen (niet verplicht)').fill('kinderopvang\ngezondheid');
  await expect(toestemming).toBeVisible();
  await expect(formulier).toContainText('AVG artikel 9');

  // Without consent: refused at the field, nothing sent.
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  await expect(toestemming).toBeFocused();
  await expect(
    formulier.getByText('Zonder uitdrukkelijke toestemming van de inburgeraar').first(),
  ).toBeVisible();
  await bekijk('actie-intake-toestemming');
  expect((await api.get(`/api/v1/trajecten/${id}`)).json.status.state.intake).toBeNull();

  await toestemming.check();
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Brede intake vastleggen: vastgelegd.' }),
  ).toBeVisible();
  const intake = (await api.get(`/api/v1/trajecten/${id}`)).json.status.state.intake;
  expect(intake).toMatchObject({
    belemmeringen: ['kinderopvang', 'gezondheid'],
    toestemmingBijzondereGegevens: true,
  });
  // Only the own casemanager sees the health code; the teamleider sees the rest.
  const tl = await apiAls({ rol: 'teamleider', gemeente: 'GM0518' });
  expect((await tl.get(`/api/v1/trajecten/${id}`)).json.status.state.intake.belemmeringen).toEqual([
    'kinderopvang',
  ]);
});

test('de privacyfunctionaris ziet wie wat met de gegevens van een persoon deed, met bladeren', async ({
  page,
  bekijk,
}) => {
  const api = await apiAls(casemanager);
  const persoon = testPersoon();
  const id = await maakTraject(api, { casemanager: casemanager.medewerker, inburgeraar: persoon });
  const inburgeraarId = (await api.get(`/api/v1/trajecten/${id}`)).json.inburgeraar.id as string;
  expect(
    (await api.patch(`/api/v1/inburgeraars/${inburgeraarId}`, { telefoon: '+31 70 765 4321' })).status,
  ).toBe(200);
  // Enough reads for more than one page (50 rows a page).
  for (let i = 0; i < 52; i++)
    expect((await api.get(`/api/v1/inburgeraars/${inburgeraarId}`)).status).toBe(200);
  const privacy = await apiAls({ rol: 'privacy', gemeente: 'GM0518', medewerker: 'fg-ui' });
  const alles = (await privacy.get(`/api/v1/verwerkingen?inburgeraar=${inburgeraarId}&limiet=500`)).json
    .items as { id: string }[];
  expect(alles.length).toBeGreaterThanOrEqual(55);

  const s = spoor(page);
  await meldAan(page, { rol: 'privacy', gemeente: 'GM0518', medewerker: 'fg-ui' });
  await expect(page.getByRole('heading', { level: 1, name: 'Verwerkingen' })).toBeVisible();
  const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
  await expect(menu.getByRole('link')).toHaveText(['Verwerkingen']);
  await bekijk('verwerkingen-leeg');

  // A BSN typed by habit never reaches the URL.
  await page.getByLabel('Inburgeraar-id').fill(persoon.bsn);
  await page.getByRole('button', { name: 'Verwerkingen tonen' }).click();
  await expect(page.getByText('Dit lijkt een BSN.')).toBeVisible();
  expect(page.url()).not.toContain(persoon.bsn);

  await page.getByLabel('Inburgeraar-id').fill(inburgeraarId);
  await page.getByRole('button', { name: 'Verwerkingen tonen' }).click();
  const tabel = page.getByTestId('verwerkingen');
  await expect(tabel.locator('tbody tr')).toHaveCount(50);
  // Newest first: the reads, then (on the last page) the correction and the registration.
  const eerste = tabel.locator('tbody tr').first();
  await expect(eerste).toContainText('cm-persoon-ui');
  await expect(eerste).toContainText('casemanager');
  await expect(eerste).toContainText('inzien');
  await expect(eerste).toContainText('AVG art. 6 lid 1 sub c en e; Wet inburgering 2021');
  await bekijk('verwerkingen');

  await page.getByRole('link', { name: 'Volgende pagina' }).click();
  await expect(tabel).toContainText('(vervolgpagina)');
  await expect(tabel.locator('tbody tr')).toHaveCount(alles.length - 50);
  await expect(tabel.locator('tr[data-verwerking="wijzigen"]')).toContainText('telefoonnummer');
  await expect(tabel.locator('tr[data-verwerking="toevoegen"]')).toContainText('inburgeraar registreren');
  await expect(page.getByRole('link', { name: 'Volgende pagina' })).toHaveCount(0);
  await bekijk('verwerkingen-vervolg');
  await page.getByRole('link', { name: 'Eerste pagina' }).click();
  await expect(tabel.locator('tbody tr')).toHaveCount(50);

  geenPersoonsgegevens(s, [persoon.bsn, persoon.voornamen, persoon.achternaam, '765 4321']);
});

test('bladeren door de verwerkingen slaat niets over, ook niet binnen één milliseconde', async ({ page }) => {
  const api = await apiAls(casemanager);
  const id = await maakTraject(api, { casemanager: casemanager.medewerker, inburgeraar: testPersoon() });
  const inburgeraarId = (await api.get(`/api/v1/trajecten/${id}`)).json.inburgeraar.id as string;
  // 51 rows within one millisecond, microseconds apart: a page of 50 ends in the middle of them.
  const db = new Client({ connectionString: process.env.UI_DATABASE_URL });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO verwerking (tijdstip, actie_naam, handeling, verwerkingsactiviteit, grondslag, vertrouwelijkheid,
         uitvoerder, gebruiker, rol, systeem, inburgeraar_id, soorten_gegevens)
       SELECT date_trunc('milliseconds', now() + interval '1 hour') + make_interval(secs => i / 1000000.0),
              'inburgeraar inzien', 'lezen', 'test', 'test', 'normaal', 'GM0518', 'test-ms-' || i, 'casemanager',
              'test', $1, '{naam}'
         FROM generate_series(1, 51) AS i`,
      [inburgeraarId],
    );
  } finally {
    await db.end();
  }
  const privacy = await apiAls({ rol: 'privacy', gemeente: 'GM0518' });
  const totaal = (await privacy.get(`/api/v1/verwerkingen?inburgeraar=${inburgeraarId}&limiet=500`)).json
    .items.length as number;
  expect(totaal).toBeGreaterThan(51);

  await meldAan(page, { rol: 'privacy', gemeente: 'GM0518', medewerker: 'fg-ms' });
  await page.goto(`/verwerkingen?inburgeraar=${inburgeraarId}`);
  const tabel = page.getByTestId('verwerkingen');
  await expect(tabel.locator('tbody tr')).toHaveCount(50);
  await expect(tabel.locator('tbody tr').first()).toContainText('test-ms-51');
  await page.getByRole('link', { name: 'Volgende pagina' }).click();
  await expect(tabel.locator('tbody tr')).toHaveCount(totaal - 50);
  await expect(tabel.locator('tbody tr').first()).toContainText('test-ms-1');
});

test('operations zet het ontsleutelen voor de Temporal UI aan (codec-sessie)', async ({ page, bekijk }) => {
  await meldAan(page, { rol: 'operations', gemeente: '*', medewerker: 'ops-codec' });
  await page.goto('/operations');
  const sectie = page.getByRole('region', { name: 'Geschiedenissen leesbaar maken in de Temporal UI' });
  await expect(sectie).toContainText('Include cross-origin credentials');
  await sectie.getByRole('button', { name: 'Ontsleutelen aanzetten' }).click();
  await expect(sectie.getByRole('status')).toContainText('Ontsleutelen staat aan voor deze browser');
  const cookie = (await page.context().cookies()).find((c) => c.name === 'inburgering_codec');
  expect(cookie).toMatchObject({ httpOnly: true, path: '/api/v1/codec/', sameSite: 'Strict' });
  // The cookie alone (no bearer token, as the Temporal UI calls) opens the codec endpoint.
  const decode = await page.request.post('/api/v1/codec/decode', { data: { payloads: [] } });
  expect(decode.status()).toBe(200);
  await bekijk('operations-codec');
});

test('gegevens vernietigd na de bewaartermijn: de persoonspagina zegt het (410)', async ({
  page,
  bekijk,
}) => {
  // A person whose data key was destroyed (crypto-shredding), linked to a traject of this gemeente.
  const inburgeraarId = randomUUID();
  const db = new Client({ connectionString: process.env.UI_DATABASE_URL });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO inburgeraar (id, bsn_index, bsn, gegevens, huishouden_id, aangemaakt_door_gemeente)
       VALUES ($1, $2, $3, $3, $4, 'GM0518')`,
      [inburgeraarId, randomUUID().replace(/-/g, '').repeat(2), `p:${inburgeraarId}|AAAA`, randomUUID()],
    );
    await db.query(
      `INSERT INTO persoonssleutel (inburgeraar_id, master_sleutel_id, sleutel, vernietigd_op)
       VALUES ($1, 'k-test', NULL, now())`,
      [inburgeraarId],
    );
    await db.query(
      `INSERT INTO traject_persoon (traject_id, inburgeraar_id, gemeente) VALUES ($1, $2, 'GM0518')`,
      [randomUUID(), inburgeraarId],
    );
  } finally {
    await db.end();
  }
  await meldAan(page, casemanager);
  await page.goto(`/inburgeraars/${inburgeraarId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Gegevens vernietigd' })).toBeVisible();
  await expect(page.getByTestId('vernietigd')).toContainText('vernietigd na de bewaartermijn');
  await bekijk('persoon-vernietigd');
});
