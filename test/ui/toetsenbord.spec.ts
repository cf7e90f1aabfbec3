import type { Locator, Page } from '@playwright/test';
import { apiAls, dagen, expect, test, testPersoon, volledigeNaam } from './fixtures';

/** Presses Tab until `doel` has the focus (at most `max` times): how a keyboard user gets there. */
async function tabNaar(page: Page, doel: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await doel.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`niet met Tab bereikt: ${doel}`);
}

type Volgorde = 'dmj' | 'mdj' | 'jmd';

/**
 * The order in which this Chromium's date input takes its segments (dd-mm-jjjj in a Dutch browser; the
 * Debian package without its language files keeps the US order), probed on a blank page.
 */
async function datumVolgorde(page: Page): Promise<Volgorde> {
  const proef = await page.context().newPage();
  await proef.setContent('<input type="date" id="d" aria-label="proef">');
  await proef.focus('#d');
  await proef.keyboard.type('01022003');
  const waarde = await proef.inputValue('#d');
  await proef.close();
  return waarde === '2003-02-01' ? 'dmj' : waarde === '2003-01-02' ? 'mdj' : 'jmd';
}

/** Types a date into a focused date input, segment by segment, as a keyboard user does. */
async function typDatum(page: Page, volgorde: Volgorde, iso: string): Promise<void> {
  const [jaar, maand, dag] = iso.split('-');
  const tekst =
    volgorde === 'dmj'
      ? `${dag}${maand}${jaar}`
      : volgorde === 'mdj'
        ? `${maand}${dag}${jaar}`
        : `${jaar}${maand}${dag}`;
  await page.keyboard.type(tekst);
}

test('aanmelden met alleen het toetsenbord', async ({ page, bekijk }) => {
  const volgorde = await datumVolgorde(page);
  await page.goto('/');
  // Sign in: the role list, the fields, Enter.
  await tabNaar(page, page.getByLabel('Rol'));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('GM0518');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('cm-toetsenbord');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn caseload' })).toBeFocused();

  // After a page load the skip link is the first stop.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn caseload' })).toBeVisible();
  // The list has loaded (as a user waits for the page): nothing that arrives later may take the focus.
  await expect(page.getByRole('table', { name: /Mijn caseload/ })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Direct naar de inhoud' })).toBeFocused();

  await tabNaar(
    page,
    page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Aanmelden' }),
  );
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeFocused();

  // The person: a new one is the default; BSN, names and birth date typed field by field.
  const persoon = testPersoon({ geboortedatum: '1994-07-09' });
  await tabNaar(page, page.getByLabel('Burgerservicenummer (BSN)', { exact: true }));
  await page.keyboard.type(persoon.bsn);
  await tabNaar(page, page.getByLabel('Voornamen', { exact: true }));
  await page.keyboard.type(persoon.voornamen);
  await tabNaar(page, page.getByLabel('Achternaam', { exact: true }));
  await page.keyboard.type(persoon.achternaam);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Geboortedatum', { exact: true })).toBeFocused();
  await typDatum(page, volgorde, persoon.geboortedatum);
  // A child: the new row's first field gets the focus.
  await tabNaar(page, page.getByRole('button', { name: 'Kind toevoegen' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Voornamen van kind 1 (niet verplicht)')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Geboortedatum van kind 1')).toBeFocused();
  await typDatum(page, volgorde, '2015-02-03');

  // Doelgroep: Tab into the radio group, arrow to the second option (this selects it).
  await tabNaar(page, page.getByRole('radio', { name: 'Asielstatushouder' }));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Gezinsmigrant' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Datum van de kennisgeving van DUO')).toBeFocused();
  await typDatum(page, volgorde, dagen(-21));
  await tabNaar(page, page.getByLabel('Datum van inschrijving in de BRP (niet verplicht)'));
  await typDatum(page, volgorde, dagen(-14));
  await tabNaar(page, page.getByRole('button', { name: 'Aanmelden' }));
  await bekijk('aanmelden-toetsenbord');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('status').filter({ hasText: 'Het traject is aangemeld.' })).toBeVisible();
  await expect(page.getByTestId('fase')).toHaveText('Aangemeld');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(volledigeNaam(persoon));
  const id = /\/trajecten\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;
  const api = await apiAls({ rol: 'casemanager', gemeente: 'GM0518', medewerker: 'cm-toetsenbord' });
  const traject = (await api.get(`/api/v1/trajecten/${id}`)).json;
  expect(traject.status.state).toMatchObject({
    doelgroep: 'gezinsmigrant',
    kennisgevingsdatum: dagen(-21),
    brpDatum: dagen(-14),
    casemanager: 'cm-toetsenbord',
  });
  // The rulebook got the dates only: the child's birthday, for the 18th-birthday signal.
  expect(traject.status.state.kinderen.map((k: { geboortedatum: string }) => k.geboortedatum)).toEqual([
    '2015-02-03',
  ]);
  expect(traject.inburgeraar.naam).toBe(volledigeNaam(persoon));

  // From the dossier, a keyboard user reaches the actions and a form field shows its error at the field.
  await tabNaar(page, page.getByRole('link', { name: 'Brede intake vastleggen' }), 80);
  await page.keyboard.press('Enter');
  await tabNaar(page, page.getByRole('button', { name: 'Vastleggen' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Datum van de brede intake')).toBeFocused();
  await expect(page.getByText('Vul in: datum van de brede intake').first()).toBeVisible();
});
