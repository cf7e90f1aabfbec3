import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as basis, expect, type Page } from '@playwright/test';
import { addDays, datumVanInstant } from '../../domain/shared/kalender';
import type { Rol } from '../../platform/auth';
import { testToken } from '../support/auth';

export { expect };

export const vandaag = datumVanInstant(Date.now());
export const dagen = (n: number) => addDays(vandaag, n);

/** Screenshots of every screen, for people to look at (git-ignored). */
export const SCHERMAFDRUKKEN = path.join(__dirname, 'schermafdrukken');

export function baseUrl(): string {
  const url = process.env.UI_BASE_URL;
  if (!url) throw new Error('UI_BASE_URL ontbreekt: de global setup startte geen systeem');
  return url;
}

export const test = basis.extend<{ bekijk: (naam: string) => Promise<void> }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures destructure their dependencies (none here)
  baseURL: async ({}, use) => {
    await use(baseUrl());
  },
  /** Every screen a test visits: 0 axe violations (WCAG 2.0/2.1 A and AA) and a screenshot. */
  bekijk: async ({ page }, use) => {
    await use(async (naam: string) => {
      await page.waitForLoadState('networkidle');
      await expect(page.locator('.laden')).toHaveCount(0);
      const resultaat = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      const samenvatting = resultaat.violations.map((v) => ({
        regel: v.id,
        impact: v.impact,
        elementen: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
      }));
      expect(samenvatting, `toegankelijkheid van ${naam}`).toEqual([]);
      fs.mkdirSync(SCHERMAFDRUKKEN, { recursive: true });
      await page.screenshot({ path: path.join(SCHERMAFDRUKKEN, `${naam}.png`), fullPage: true });
    });
  },
});

export interface Medewerker {
  rol: Exclude<Rol, 'feed' | 'taalaanbieder'>;
  gemeente: string | null;
  medewerker: string;
}

const ROL_TEKST: Record<Medewerker['rol'], string> = {
  casemanager: 'Casemanager',
  teamleider: 'Teamleider',
  operations: 'Functioneel beheer (operations)',
  admin: 'Beheerder',
  privacy: 'Privacyfunctionaris (FG)',
};

/** Signs in through the UI's development login page, as a person would. */
export async function meldAan(page: Page, wie: Medewerker): Promise<void> {
  await page.goto('/inloggen');
  await page.getByLabel('Rol').selectOption({ label: ROL_TEKST[wie.rol] });
  await page.getByLabel('Gemeente (CBS-code)').fill(wie.gemeente ?? '');
  await page.getByLabel('Medewerker-id').fill(wie.medewerker);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByRole('button', { name: 'Afmelden' })).toBeVisible();
}

/** The API as another client sees it (to check what the UI shows, and to prepare data). */
export async function apiAls(wie: Omit<Medewerker, 'medewerker'> & { medewerker?: string }) {
  const token = await testToken({
    rol: wie.rol,
    gemeente: wie.gemeente,
    sub: wie.medewerker ?? `test-${wie.rol}`,
  });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const verzoek = async (methode: 'GET' | 'POST' | 'PATCH', pad: string, body?: unknown) => {
    const res = await fetch(`${baseUrl()}${pad}`, {
      method: methode,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const tekst = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: test bodies are checked by the assertions that read them
    let json: any = null;
    try {
      json = JSON.parse(tekst);
    } catch {
      json = tekst;
    }
    return { status: res.status, json };
  };
  return {
    get: (pad: string) => verzoek('GET', pad),
    post: (pad: string, body?: unknown) => verzoek('POST', pad, body ?? {}),
    patch: (pad: string, body: unknown) => verzoek('PATCH', pad, body),
  };
}

export type Api = Awaited<ReturnType<typeof apiAls>>;

/** A random BSN that passes the elfproef: a test person, nobody real. */
export function testBsn(): string {
  for (;;) {
    const d = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10));
    if (d[0] === 0) continue;
    const laatste = d.reduce((s, c, i) => s + c * (9 - i), 0) % 11;
    if (laatste < 10) return [...d, laatste].join('');
  }
}

export interface TestPersoon {
  bsn: string;
  voornamen: string;
  achternaam: string;
  geboortedatum: string;
  [veld: string]: unknown;
}

/** A test person with a name no other test uses (so a name on screen is this test's). */
export function testPersoon(over: Partial<TestPersoon> = {}): TestPersoon {
  const merk = randomUUID().slice(0, 6);
  return {
    bsn: testBsn(),
    voornamen: `Amina ${merk}`,
    achternaam: `Testpersoon-${merk}`,
    geboortedatum: '1991-03-14',
    ...over,
  };
}

export const volledigeNaam = (p: TestPersoon) => `${p.voornamen} ${p.achternaam}`;

/** Fills the aanmelding's person fields (new person) as a user does. */
export async function vulPersoonIn(page: Page, p: TestPersoon): Promise<void> {
  await page.getByLabel('Burgerservicenummer (BSN)', { exact: true }).fill(p.bsn);
  await page.getByLabel('Voornamen', { exact: true }).fill(p.voornamen);
  await page.getByLabel('Achternaam', { exact: true }).fill(p.achternaam);
  await page.getByLabel('Geboortedatum', { exact: true }).fill(p.geboortedatum);
}

/** A traject made through the API, assigned to `casemanager`; with a person when `inburgeraar` is given. */
export async function maakTraject(
  api: Api,
  opties: {
    gemeente?: string;
    casemanager?: string;
    kennisgevingsdatum?: string;
    doelgroep?: string;
    inburgeraar?: TestPersoon;
    inburgeraarId?: string;
  } = {},
): Promise<string> {
  const res = await api.post('/api/v1/trajecten', {
    commandId: randomUUID(),
    gemeente: opties.gemeente ?? 'GM0518',
    doelgroep: opties.doelgroep ?? 'asielstatushouder',
    kennisgevingsdatum: opties.kennisgevingsdatum ?? dagen(-30),
    ...(opties.inburgeraar ? { inburgeraar: opties.inburgeraar } : {}),
    ...(opties.inburgeraarId ? { inburgeraarId: opties.inburgeraarId } : {}),
  });
  expect(res.status).toBe(201);
  const id = res.json.id as string;
  if (opties.casemanager) {
    const cm = await api.post(`/api/v1/trajecten/${id}/casemanager`, {
      commandId: randomUUID(),
      casemanager: opties.casemanager,
    });
    expect(cm.status).toBe(200);
  }
  return id;
}

/** Waits until `probe` returns a value (the read model and tasks follow the workflow shortly after). */
export async function straks<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const grens = Date.now() + timeoutMs;
  for (;;) {
    const waarde = await probe();
    if (waarde) return waarde;
    if (Date.now() > grens) throw new Error('voorwaarde niet bereikt binnen de tijd');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** "1 december 2026", as the UI writes dates. */
export function nlDatum(iso: string): string {
  return new Intl.DateTimeFormat('nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));
}
