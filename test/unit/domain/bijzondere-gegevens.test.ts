import { aanmelding, gegeven, verwachtFout, wanneer } from './gegeven';

/** AVG art. 9: health-related belemmeringen only with the person's explicit consent (enforced from 2026-12-01). */
describe('bijzondere persoonsgegevens bij de intake', () => {
  const s = () => gegeven([aanmelding()]);
  const intakeMet = (extra: Record<string, unknown>) => ({
    type: 'registreerIntake' as const,
    datum: '2026-02-02',
    belemmeringen: ['gezondheid', 'kinderopvang'],
    ...extra,
  });

  it('refuses a health-related belemmering without recorded consent, and changes nothing', () => {
    const fout = verwachtFout(s(), intakeMet({}), 'TOESTEMMING_ONTBREEKT', '2026-12-01');
    expect(fout.veld).toBe('toestemmingBijzondereGegevens');
    expect(fout.detail).not.toContain('gezondheid');
  });

  it('records it with consent, and keeps the consent with the intake', () => {
    const { state } = wanneer(s(), intakeMet({ toestemmingBijzondereGegevens: true }), '2026-12-01');
    expect(state.intake).toMatchObject({
      belemmeringen: ['gezondheid', 'kinderopvang'],
      toestemmingBijzondereGegevens: true,
    });
  });

  it('other belemmeringen need no consent', () => {
    const { state } = wanneer(s(), intakeMet({ belemmeringen: ['kinderopvang'] }), '2026-12-01');
    expect(state.intake?.belemmeringen).toEqual(['kinderopvang']);
  });

  it('intakes recorded before the rule applied replay as they were (the rule is versioned by date)', () => {
    const { state } = wanneer(s(), intakeMet({}), '2026-11-30');
    expect(state.intake?.belemmeringen).toContain('gezondheid');
  });
});
