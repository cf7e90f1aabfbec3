import { z } from 'zod';
import type { VeldSpec } from './formulieren';

type Waarden = Record<string, unknown>;

export function lees(waarden: Waarden, pad: string): unknown {
  return pad
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Waarden)[k] : undefined), waarden);
}

function zet(doel: Waarden, pad: string, waarde: unknown): void {
  const delen = pad.split('.');
  let o = doel;
  for (const k of delen.slice(0, -1)) {
    o[k] = (o[k] as Waarden | undefined) ?? {};
    o = o[k] as Waarden;
  }
  o[delen[delen.length - 1]] = waarde;
}

/** One form value (strings from inputs) as the API's command field; empty means "not given". */
function alsWaarde(soort: VeldSpec['soort'], ruw: unknown): unknown {
  switch (soort) {
    case 'getal': {
      if (ruw === '' || ruw === undefined || ruw === null) return undefined;
      const n = Number(String(ruw).replace(',', '.'));
      return Number.isNaN(n) ? String(ruw) : n;
    }
    case 'ja-nee':
      return ruw === 'ja' ? true : ruw === 'nee' ? false : undefined;
    case 'lijst': {
      const regels = String(ruw ?? '')
        .split('\n')
        .map((r) => r.trim())
        .filter(Boolean);
      return regels.length > 0 ? regels : undefined;
    }
    case 'meerkeuze':
      return Array.isArray(ruw) && ruw.length > 0 ? ruw : undefined;
    case 'vinkje':
      return ruw === true ? true : undefined;
    default:
      return ruw === '' || ruw === undefined || ruw === null ? undefined : String(ruw).trim();
  }
}

/** The fields on the form now: a field with `toonAls` only while the other values ask for it. */
export function zichtbareVelden(velden: VeldSpec[], waarden: Waarden): VeldSpec[] {
  return velden.filter((v) => !v.toonAls || v.toonAls(waarden));
}

/** The form's values as the command body: only the fields of this form, nested where the schema nests. */
export function naarPayload(velden: VeldSpec[], waarden: Waarden, commandId: string): Waarden {
  const payload: Waarden = { commandId };
  for (const v of zichtbareVelden(velden, waarden)) {
    const w = alsWaarde(v.soort, lees(waarden, v.naam));
    if (w !== undefined) zet(payload, v.naam, w);
  }
  return payload;
}

/** The API's own command schema, fed with the converted form values: one rule, on both sides. */
export function formulierSchema(schema: z.ZodType, velden: VeldSpec[], commandId: string): z.ZodType {
  return z.preprocess((waarden) => naarPayload(velden, (waarden ?? {}) as Waarden, commandId), schema);
}
