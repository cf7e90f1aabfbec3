import type { DataSource, EntityManager } from 'typeorm';

/** A DataSource or the EntityManager of a running transaction: every repository method takes either. */
export type Db = Pick<DataSource | EntityManager, 'query'>;

/** Numbered SQL parameters built up alongside a WHERE clause. */
export class SqlParameters {
  readonly waarden: unknown[] = [];

  /** Adds a value and returns its placeholder (`$n`). */
  zet(waarde: unknown): string {
    this.waarden.push(waarde);
    return `$${this.waarden.length}`;
  }
}

/**
 * The VALUES list of a multi-row INSERT: one `($1, $2, …)` group per row, numbered on, and the
 * parameters in the same order. `casts` gives a column (0-based) a type, e.g. `{ 4: 'uuid' }`.
 */
export function meerRijen(
  rijen: readonly (readonly unknown[])[],
  casts: Readonly<Record<number, string>> = {},
): { values: string; params: unknown[] } {
  const params: unknown[] = [];
  const groepen = rijen.map((rij) => {
    const start = params.length;
    params.push(...rij);
    return `(${rij.map((_, i) => `$${start + i + 1}${casts[i] ? `::${casts[i]}` : ''}`).join(', ')})`;
  });
  return { values: groepen.join(', '), params };
}

/**
 * The gemeente condition of a list: null is every gemeente (national scope), a list is those
 * gemeenten (regional scope; an empty list matches nothing), a string that one gemeente.
 */
export type GemeenteFilter = string | readonly string[] | null;

export function gemeenteVoorwaarde(kolom: string, filter: GemeenteFilter, p: SqlParameters): string | null {
  if (filter === null) return null;
  if (typeof filter === 'string') return `${kolom} = ${p.zet(filter)}`;
  return `${kolom} = ANY(${p.zet([...filter])}::varchar[])`;
}

/** Postgres reachable? (health checks) */
export async function pingDatabase(db: Db): Promise<void> {
  await db.query('SELECT 1');
}

/**
 * The rows of an `UPDATE … RETURNING` / `DELETE … RETURNING`: TypeORM's Postgres driver answers those
 * with `[rows, rowCount]` (other statements with the rows), so `.length` of the raw answer is always 2.
 */
export function geraakteRijen<T = Record<string, unknown>>(resultaat: unknown): T[] {
  if (
    Array.isArray(resultaat) &&
    resultaat.length === 2 &&
    Array.isArray(resultaat[0]) &&
    typeof resultaat[1] === 'number'
  )
    return resultaat[0] as T[];
  return resultaat as T[];
}

/** A timestamp column as ISO-8601 text (null stays null). */
export function iso(d: unknown): string | null {
  return d === null || d === undefined ? null : (d instanceof Date ? d : new Date(String(d))).toISOString();
}
