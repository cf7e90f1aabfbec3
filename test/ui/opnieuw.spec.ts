import { randomUUID } from 'node:crypto';
import { apiAls, dagen, expect, maakTraject, meldAan, test } from './fixtures';

const wie = { rol: 'casemanager', gemeente: 'GM0518', medewerker: 'cm-opnieuw' } as const;

function worker(signaal: 'SIGSTOP' | 'SIGCONT'): void {
  const pid = Number(process.env.UI_WORKER_PID);
  if (!pid) throw new Error('UI_WORKER_PID ontbreekt');
  process.kill(pid, signaal);
}

test('geen worker (503): "probeer opnieuw" houdt de invoer vast, en het opnieuw proberen telt één keer', async ({
  page,
  bekijk,
}) => {
  const api = await apiAls(wie);
  const id = await maakTraject(api, { casemanager: wie.medewerker });
  await meldAan(page, wie);
  await page.goto(`/trajecten/${id}/acties/intake`);
  const formulier = page.getByRole('region', { name: 'Brede intake vastleggen' });
  await formulier.getByLabel('Datum van de brede intake').fill(dagen(-2));
  await formulier.getByLabel('Score leerbaarheidstoets (niet verplicht)').fill('37');

  // The real worker process pauses: the API waits COMMAND_TIMEOUT_MS for the workflow, then answers 503.
  worker('SIGSTOP');
  try {
    await page.getByRole('button', { name: 'Vastleggen' }).click();
    const melding = page.getByRole('alert').filter({ hasText: 'Probeer het opnieuw' });
    await expect(melding).toContainText('het commando is niet verwerkt', { timeout: 30_000 });
    await expect(melding).toContainText('Uw invoer is bewaard.');
    await expect(formulier.getByLabel('Datum van de brede intake')).toHaveValue(dagen(-2));
    await expect(formulier.getByLabel('Score leerbaarheidstoets (niet verplicht)')).toHaveValue('37');
    await bekijk('actie-probeer-opnieuw');
  } finally {
    worker('SIGCONT');
  }

  // The same commandId again: applied once, however often the request reached the workflow.
  await expect(async () => {
    await page.getByRole('button', { name: 'Probeer opnieuw' }).click({ timeout: 2_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Brede intake vastleggen' })).toBeVisible({
      timeout: 8_000,
    });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('fase')).toHaveText('Intake afgerond');
  const tijdlijn = (await api.get(`/api/v1/trajecten/${id}/tijdlijn`)).json.regels as {
    beschrijving: string;
  }[];
  expect(tijdlijn.filter((r) => r.beschrijving.startsWith('Brede intake afgerond'))).toHaveLength(1);
  const status = (await api.get(`/api/v1/trajecten/${id}`)).json.status;
  expect(status.state.intake.leerbaarheidstoetsScore).toBe(37);
  // A second form opened later gets a new commandId: an intake again is refused by the rulebook (409).
  const nogmaals = await api.post(`/api/v1/trajecten/${id}/intake`, {
    commandId: randomUUID(),
    datum: dagen(-1),
  });
  expect(nogmaals.status).toBe(409);
});
