import { gebruiker, nepAudit } from '../../test/support/fakes';

describe('AuditService', () => {
  it('writes one row per command with ids and codes only, and counts each in /metrics', async () => {
    const { service, rijen, metrieken } = nepAudit();
    await service.schrijfAlle([
      {
        gebruiker: gebruiker(),
        actie: 'registreerIntake',
        trajectId: 't-1',
        commandId: 'c-1',
        uitkomst: 'geaccepteerd',
        requestId: 'r',
      },
      {
        gebruiker: gebruiker(),
        actie: 'registreerIntake',
        uitkomst: 'afgewezen',
        code: 'INTAKE_AL_GEREGISTREERD',
        requestId: 'r',
      },
    ]);
    expect(rijen).toEqual([
      expect.objectContaining({
        actor: 'cm-1',
        rol: 'casemanager',
        gemeente: 'GM0518',
        actie: 'registreerIntake',
        trajectId: 't-1',
        commandId: 'c-1',
        uitkomst: 'geaccepteerd',
        code: null,
        requestId: 'r',
      }),
      expect.objectContaining({
        trajectId: null,
        commandId: null,
        uitkomst: 'afgewezen',
        code: 'INTAKE_AL_GEREGISTREERD',
      }),
    ]);
    const teller = await metrieken.commandos.get();
    expect(teller.values.map((v) => [v.labels.uitkomst, v.value]).sort()).toEqual([
      ['afgewezen', 1],
      ['geaccepteerd', 1],
    ]);
  });
});
