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
  rol: Exclude<Rol, 'feed'>;
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
  const verzoek = async (methode: 'GET' | 'POST', pad: string, body?: unknown) => {
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
  };
}

export type Api = Awaited<ReturnType<typeof apiAls>>;

/** A traject made through the API, assigned to `casemanager`. */
export async function maakTraject(
  api: Api,
  opties: { gemeente?: string; casemanager?: string; kennisgevingsdatum?: string; doelgroep?: string } = {},
): Promise<string> {
  const res = await api.post('/api/v1/trajecten', {
    commandId: randomUUID(),
    gemeente: opties.gemeente ?? 'GM0518',
    doelgroep: opties.doelgroep ?? 'asielstatushouder',
    kennisgevingsdatum: opties.kennisgevingsdatum ?? dagen(-30),
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
