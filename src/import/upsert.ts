// One multi-row upsert for a batch: rows travel as one array per column (unnest), conflicts
// on the natural key update only when something differs, so re-importing the same file
// writes nothing and leaves updated_at alone. Returns which keys were inserted or updated.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface UpsertColumn {
  name: string;
  type: string;
  values: readonly unknown[];
  /** On conflict: the new value as SQL over `excluded` and the table (default excluded.<name>); false: never updated. */
  update?: RawBuilder<unknown> | false;
}

export interface UpsertOptions {
  table: string;
  columns: UpsertColumn[];
  conflict: string[];
  /** The key column returned to tell rows apart. */
  keyColumn: string;
  touchUpdatedAt?: boolean;
}

export async function upsertRows(
  db: Kysely<DB>,
  options: UpsertOptions,
): Promise<Map<string, 'inserted' | 'updated'>> {
  const changed = new Map<string, 'inserted' | 'updated'>();
  if (options.columns[0]!.values.length === 0) return changed;
  const t = sql.table(options.table);
  const names = sql.join(options.columns.map((c) => sql.ref(c.name)));
  const arrays = sql.join(options.columns.map((c) => sql`${c.values}::${sql.raw(c.type)}[]`));
  const updatable = options.columns.filter((c) => c.update !== false && !options.conflict.includes(c.name));
  const newValue = (c: UpsertColumn) => (c.update ? c.update : sql.ref(`excluded.${c.name}`));
  const sets = sql.join([
    ...updatable.map((c) => sql`${sql.ref(c.name)} = ${newValue(c)}`),
    ...(options.touchUpdatedAt === false ? [] : [sql`updated_at = now()`]),
  ]);
  const current = sql.join(updatable.map((c) => sql`${sql.ref(`${options.table}.${c.name}`)}`));
  const next = sql.join(updatable.map((c) => newValue(c)));
  const rows = await sql<{ key: string; inserted: boolean }>`
    INSERT INTO ${t} (${names}) SELECT * FROM unnest(${arrays})
    ON CONFLICT (${sql.join(options.conflict.map((c) => sql.ref(c)))}) DO UPDATE SET ${sets}
    WHERE (${current}) IS DISTINCT FROM (${next})
    RETURNING ${sql.ref(options.keyColumn)}::text AS key, (xmax = 0) AS inserted`.execute(db);
  for (const r of rows.rows) changed.set(r.key, r.inserted ? 'inserted' : 'updated');
  return changed;
}

/** id by natural key for a batch, within one location (customers by number, vehicles by VIN...). */
export async function idsByKey(
  db: Kysely<DB>,
  table: 'customers' | 'vehicles' | 'repair_orders' | 'appointments',
  column: string,
  scope: { orgId: number; locationId: number },
  keys: string[],
): Promise<Map<string, number>> {
  const unique = [...new Set(keys)];
  const map = new Map<string, number>();
  if (unique.length === 0) return map;
  const rows = await sql<{ id: number; key: string }>`
    SELECT id, ${sql.ref(column)} AS key FROM ${sql.table(table)}
    WHERE org_id = ${scope.orgId} AND location_id = ${scope.locationId} AND ${sql.ref(column)} = ANY(${unique}::text[])`.execute(
    db,
  );
  for (const r of rows.rows) map.set(r.key, Number(r.id));
  return map;
}
