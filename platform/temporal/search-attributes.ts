import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { ALL_SEARCH_ATTRIBUTES } from '../../contract/search-attributes';

const INDEXED_VALUE_TYPE: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  TEXT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  INT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  KEYWORD_LIST: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

const GRPC_ALREADY_EXISTS = 6;
const GRPC_UNIMPLEMENTED = 12;
const grpcCode = (err: unknown): number | undefined => (err as { code?: number } | null)?.code;

/**
 * Registers the custom search attributes on any server (dev server, cluster, time-skipping test
 * server); idempotent: only missing ones are added, so a restart or a second worker changes nothing.
 * The time-skipping server cannot list attributes, so there each one is added and "already exists"
 * is fine.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  let present = new Set<string>();
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    present = new Set(Object.keys(existing.customAttributes ?? {}));
  } catch (err) {
    if (grpcCode(err) !== GRPC_UNIMPLEMENTED) throw err;
  }
  const added: string[] = [];
  for (const key of ALL_SEARCH_ATTRIBUTES.filter((k) => !present.has(k.name))) {
    try {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: { [key.name]: INDEXED_VALUE_TYPE[key.type] },
      });
      added.push(key.name);
    } catch (err) {
      if (grpcCode(err) !== GRPC_ALREADY_EXISTS) throw err;
    }
  }
  return added;
}
