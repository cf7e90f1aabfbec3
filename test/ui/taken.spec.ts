import { randomUUID } from 'node:crypto';
import { apiAls, dagen, expect, maakTraject, meldAan, straks, test } from './fixtures';

const wie = { rol: 'casemanager', gemeente: 'GM0518', medewerker: 'cm-inbox' } as const;

test('een taak afronden vanuit de takeninbox (optimistisch), en terugdraaien als de API weigert', async ({
  page,
  bekijk,
}) => {
  const api = await apiAls(wie);
  // Kennisgeving 12 weeks ago: the legal PIP term has passed, so the workflow escalates at once.
  const eerste = await maakTraject(api, { casemanager: wie.medewerker, kennisgevingsdatum: dagen(-84) });
  const tweede = await maakTraject(api, { casemanager: wie.medewerker, kennisgevingsdatum: dagen(-84) });
  const open = async () =>
    (await api.get('/api/v1/taken?casemanager=ik')).json.items as { id: string; trajectId: string }[];
  const taken = await straks(async () => {
    const lijst = await open();
    return lijst.length >= 2 ? lijst : undefined;
  });
  const taakVan = (trajectId: string) => taken.find((t) => t.trajectId === trajectId)?.id as string;

  await meldAan(page, wie);
  // The caseload shows the escalation badge.
  await expect(page.locator(`tr[data-traject="${eerste}"] .badge-escalatie`)).toHaveText('1 escalatie');

  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Takeninbox' }).click();
  const rij = page.locator(`tr[data-taak="${taakVan(eerste)}"]`);
  await expect(rij).toContainText('PIP-termijn verstreken');
  await expect(rij).toContainText('te laat');
  await bekijk('takeninbox');

  await rij.getByRole('button', { name: /Afronden/ }).click();
  await expect(rij).toHaveCount(0);
  const afgerond = await straks(async () => {
    const r = await api.get('/api/v1/taken?casemanager=ik&status=afgerond');
    return (r.json.items as { id: string; afgerondDoor: string }[]).find((t) => t.id === taakVan(eerste));
  });
  expect(afgerond.afgerondDoor).toBe(wie.medewerker);
  // The workflow was told too: its status no longer lists the task.
  await straks(async () => (await api.get(`/api/v1/trajecten/${eerste}`)).json.status.openTaken.length === 0);

  // The second traject closes while the inbox is open: its task became moot, afronden is refused (409),
  // the row comes back with the reason, and the refreshed list then drops it.
  const tweedeRij = page.locator(`tr[data-taak="${taakVan(tweede)}"]`);
  await expect(tweedeRij).toBeVisible();
  const einde = await api.post(`/api/v1/trajecten/${tweede}/beeindiging`, {
    commandId: randomUUID(),
    datum: dagen(0),
    reden: 'vertrokken',
  });
  expect(einde.status).toBe(200);
  await straks(
    async () => (await api.get('/api/v1/taken?casemanager=ik&status=vervallen')).json.items.length > 0,
  );
  await tweedeRij.getByRole('button', { name: /Afronden/ }).click();
  await expect(page.getByRole('alert')).toContainText('De taak is niet afgerond');
  await expect(tweedeRij).toHaveCount(0);
});
