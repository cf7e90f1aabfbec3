import { DomainError } from '../shared/fouten';
import { isNa, type PlainDate, vereisDatum } from '../shared/kalender';

/** CBS municipality code: GM followed by four digits (GM0518 is Den Haag). */
const GEMEENTECODE = /^GM\d{4}$/;

/** Eight or nine digits looks like a BSN: ids in this system must never be one. */
const LIJKT_OP_BSN = /^\d{8,9}$/;

export function vereisGemeente(waarde: unknown, veld: string): string {
  if (typeof waarde !== 'string' || !GEMEENTECODE.test(waarde))
    throw new DomainError('GEMEENTE_ONGELDIG', veld);
  return waarde;
}

export function vereisId(waarde: unknown, veld: string): string {
  if (typeof waarde !== 'string' || waarde.trim() === '') throw new DomainError('VELD_ONTBREEKT', veld);
  if (waarde.length > 200 || LIJKT_OP_BSN.test(waarde.trim())) throw new DomainError('ID_ONGELDIG', veld);
  return waarde;
}

export function vereisEen<T extends string>(waarde: unknown, toegestaan: readonly T[], veld: string): T {
  if (waarde === undefined || waarde === null) throw new DomainError('VELD_ONTBREEKT', veld);
  if (typeof waarde !== 'string' || !(toegestaan as readonly string[]).includes(waarde)) {
    throw new DomainError('WAARDE_ONGELDIG', veld);
  }
  return waarde as T;
}

export function optioneelEen<T extends string>(
  waarde: unknown,
  toegestaan: readonly T[],
  veld: string,
): T | null {
  return waarde === undefined || waarde === null ? null : vereisEen(waarde, toegestaan, veld);
}

export function vereisBoolean(waarde: unknown, veld: string): boolean {
  if (typeof waarde !== 'boolean') throw new DomainError('WAARDE_ONGELDIG', veld);
  return waarde;
}

export function vereisGeheel(waarde: unknown, min: number, max: number, veld: string): number {
  if (typeof waarde !== 'number' || !Number.isInteger(waarde) || waarde < min || waarde > max) {
    throw new DomainError('WAARDE_ONGELDIG', veld);
  }
  return waarde;
}

export function tekstLijst(waarde: unknown, veld: string): string[] {
  if (waarde === undefined || waarde === null) return [];
  if (!Array.isArray(waarde) || !waarde.every((t) => typeof t === 'string')) {
    throw new DomainError('WAARDE_ONGELDIG', veld);
  }
  return [...waarde];
}

/** A recorded fact cannot have happened after `vandaag`. */
export function vereisVerleden(waarde: unknown, vandaag: PlainDate, veld: string): PlainDate {
  const datum = vereisDatum(waarde, veld);
  if (isNa(datum, vandaag)) throw new DomainError('DATUM_IN_TOEKOMST', veld);
  return datum;
}

export function optioneleDatum(waarde: unknown, vandaag: PlainDate, veld: string): PlainDate | null {
  return waarde === undefined || waarde === null ? null : vereisVerleden(waarde, vandaag, veld);
}
