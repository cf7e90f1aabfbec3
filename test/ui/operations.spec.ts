import { apiAls, expect, maakTraject, meldAan, straks, test } from './fixtures';

const operations = { rol: 'operations', gemeente: '*', medewerker: 'ops-nacht' } as const;

test('operations pauzeert en hervat de nachtelijke ronde, zoekt workflows en leest een geschiedenis', async ({
  page,
  bekijk,
}) => {
  const ops = await apiAls(operations);
  const schedule = async () => (await ops.get('/api/v1/operations/escalatierondes')).json.schedule;
  await straks(async () => (await schedule()) !== null);
  const id = await maakTraject(
    await apiAls({ rol: 'casemanager', gemeente: 'GM0518', medewerker: 'cm-ops' }),
    {
      casemanager: 'cm-ops',
    },
  );

  await meldAan(page, operations);
  await expect(page.getByRole('heading', { level: 1, name: 'Operations' })).toBeVisible();
  const status = page.getByTestId('schedule-status');
  await expect(status).toHaveText('Actief');
  await bekijk('operations');

  await page.getByLabel('Reden (voor de notitie, zonder persoonsgegevens)').fill('migratie van de database');
  await page.getByRole('button', { name: 'Pauzeren' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'De nachtelijke ronde is gepauzeerd.' }),
  ).toBeVisible();
  await expect(status).toHaveText('Gepauzeerd');
  expect(await schedule()).toMatchObject({
    gepauzeerd: true,
    notitie: 'Gepauzeerd door ops-nacht: migratie van de database',
  });
  await bekijk('operations-gepauzeerd');

  await page.getByLabel('Reden (voor de notitie, zonder persoonsgegevens)').fill('migratie klaar');
  await page.getByRole('button', { name: 'Hervatten' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De nachtelijke ronde is hervat.' })).toBeVisible();
  await expect(status).toHaveText('Actief');
  expect(await schedule()).toMatchObject({
    gepauzeerd: false,
    notitie: 'Hervat door ops-nacht: migratie klaar',
  });

  // Workflow search on the search attributes, then the decoded history with a link to the Temporal UI.
  await straks(async () => {
    const r = await ops.get('/api/v1/operations/workflows?gemeente=GM0518');
    return (r.json.items as { workflowId: string }[]).some((w) => w.workflowId === `traject-${id}`);
  });
  await page.getByLabel('Gemeente').fill('GM0518');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  const link = page.getByTestId('workflows').getByRole('link', { name: `traject-${id}`, exact: true });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Geschiedenis van');
  const geschiedenis = page.getByTestId('geschiedenis');
  await expect(geschiedenis).toContainText('WORKFLOW_EXECUTION_STARTED');
  await expect(geschiedenis).toContainText('wijsCasemanagerToe');
  await expect(page.getByTestId('temporal-ui')).toHaveAttribute(
    'href',
    new RegExp(`/namespaces/default/workflows/traject-${id}/[0-9a-f-]{36}/history$`),
  );
  await bekijk('operations-geschiedenis');
});

test('rollen en schermen: wat een rol niet mag, staat niet in het menu', async ({ page, bekijk }) => {
  await meldAan(page, { rol: 'teamleider', gemeente: 'GM0518', medewerker: 'tl-menu' });
  const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
  await expect(menu.getByRole('link', { name: 'Dashboard' })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'Operations' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  await bekijk('team');
  await page.goto('/bestaat-niet');
  await expect(page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeVisible();
  await bekijk('niet-gevonden');
  // The API under /api is never answered with the UI's index.html (without a token: 401, checked
  // before routing; with one: 404).
  const res = await page.request.get('/api/v1/bestaat-niet');
  expect(res.status()).toBe(401);
  expect(res.headers()['content-type']).toContain('application/problem+json');
  const metToken = await page.request.get('/api/v1/bestaat-niet', {
    headers: {
      authorization: `Bearer ${await page.evaluate(() => sessionStorage.getItem('inburgering.token'))}`,
    },
  });
  expect(metToken.status()).toBe(404);
  expect(metToken.headers()['content-type']).toContain('application/problem+json');
  expect(res.headers()['content-type']).toContain('application/problem+json');
  // Afmelden: back to the login page; the token is gone.
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.getItem('inburgering.token'))).toBeNull();
  await bekijk('inloggen');
  // An expired or refused token (401) sends the user back to the login page.
  await page.evaluate(() =>
    sessionStorage.setItem(
      'inburgering.token',
      'x.eyJzdWIiOiJ4Iiwicm9sIjoiY2FzZW1hbmFnZXIiLCJleHAiOjQxMDI0NDQ4MDB9.y',
    ),
  );
  await page.goto('/team');
  await expect(page).toHaveURL(/\/inloggen\?terug=%2Fteam/);
});
