import type { z } from 'zod';
import { bevatBsnVorm } from '../../domain/shared/bsn-vorm';

/**
 * Issue 13, the commandId space per source: the server puts the source in front of every
 * commandId (`ui:` for people through the API, `duo:`, `coa:`, `brp:` for the feeds), so a casemanager who
 * sends `duo:…` first gets `ui:duo:…` and cannot pre-empt a DUO besluit with the same id.
 */
export const BRONNEN = { ui: 'ui:', duo: 'duo:', coa: 'coa:', brp: 'brp:' } as const;

export function bronCommandId(bron: keyof typeof BRONNEN, commandId: string): string {
  return `${BRONNEN[bron]}${commandId}`;
}

/** Fields that carry an id of a person or staff member: never BSN-shaped (elfproef), at the edge. */
const ID_VELDEN = ['casemanager', 'kindId', 'referentie'] as const;

export const GEEN_BSN = 'is een interne id, nooit een BSN (negen cijfers die de elfproef halen)';

/** A zod refinement: refuses a body whose id fields carry a BSN-shaped part (the value is never echoed). */
export function geenBsnInIds(waarde: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const veld of ID_VELDEN) {
    const v = waarde[veld];
    if (typeof v === 'string' && bevatBsnVorm(v)) {
      ctx.addIssue({ code: 'custom', path: [veld], message: `${veld} ${GEEN_BSN}` });
    }
  }
}
