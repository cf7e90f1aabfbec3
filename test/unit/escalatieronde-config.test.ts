import { ConfigError, loadConfig } from '../../platform/config';
import { nachtelijkeEscalatiesSchedule } from '../../platform/temporal/nachtelijke-escalaties';

describe('configuratie van de nachtelijke escalatieronde', () => {
  it('standaard 04:00, inhaalvenster 24 uur, geen afwijkend beleid', () => {
    expect(loadConfig({}).escalatieronde).toEqual({
      tijd: '04:00',
      inhaalvensterUren: 24,
      scheduleId: 'nachtelijke-escalaties',
      beleid: {},
      smtp: null,
    });
  });

  it('tijd, venster en beleid per gemeente uit de omgeving', () => {
    const config = loadConfig({
      ESCALATIERONDE_TIJD: '05:15',
      ESCALATIERONDE_INHAALVENSTER_UREN: '12',
      ESCALATIE_BELEID: '{"GM0518":{"taakTeLaatWerkdagen":3}}',
      ESCALATIERONDE_SCHEDULE_ID: 'nachtelijke-escalaties-acceptatie',
    });
    expect(config.escalatieronde).toEqual({
      tijd: '05:15',
      inhaalvensterUren: 12,
      scheduleId: 'nachtelijke-escalaties-acceptatie',
      beleid: { GM0518: { taakTeLaatWerkdagen: 3 } },
      smtp: null,
    });
  });

  it.each([
    [{ ESCALATIERONDE_TIJD: '02:30' }, /02:00 en 03:00/],
    [{ ESCALATIERONDE_TIJD: '4 uur' }, /HH:MM/],
    [{ ESCALATIERONDE_INHAALVENSTER_UREN: '0' }, /1-168/],
    [{ ESCALATIE_BELEID: '{"GM0518":{"taakTeLaatWerkdagen":-1}}' }, /taakTeLaatWerkdagen/],
    [{ ESCALATIE_BELEID: 'geen json' }, /ESCALATIE_BELEID/],
    [{ ESCALATIERONDE_SCHEDULE_ID: 'Nachtelijk Schedule' }, /ESCALATIERONDE_SCHEDULE_ID/],
  ])('%j wordt geweigerd', (env, melding) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(melding);
  });

  it('het schedule: elke dag op de tijd in Europe/Amsterdam, SKIP, expliciet inhaalvenster', () => {
    const s = nachtelijkeEscalatiesSchedule({
      tijd: '04:00',
      inhaalvensterUren: 24,
      taskQueue: 'q',
      beleid: {},
    });
    expect(s).toMatchObject({
      scheduleId: 'nachtelijke-escalaties',
      spec: { calendars: [{ hour: 4, minute: 0 }], timezone: 'Europe/Amsterdam' },
      action: {
        workflowType: 'escalatieRondeWorkflow',
        workflowId: 'nachtelijke-escalaties',
        taskQueue: 'q',
      },
      policies: { overlap: 'SKIP', catchupWindow: '24 hours' },
    });
  });
});
