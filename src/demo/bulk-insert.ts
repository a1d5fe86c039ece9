// Bulk loading through one multi-row INSERT per table and chunk: every column travels as one
// array parameter and unnest() turns them back into rows. Works the same on PostgreSQL and
// PGlite (no COPY protocol needed) and keeps the statement count per chunk constant.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface Column {
  name: string;
  /** PostgreSQL element type of the array: 'bigint', 'text', 'date', 'numeric', ... */
  type: string;
  values: readonly unknown[];
}

export async function insertColumns(db: Kysely<DB>, table: string, columns: Column[]): Promise<void> {
  if (columns.length === 0 || columns[0]!.values.length === 0) return;
  const names = sql.join(columns.map((c) => sql.ref(c.name)));
  const arrays = sql.join(columns.map((c) => sql`${c.values}::${sql.raw(c.type)}[]`));
  await sql`INSERT INTO ${sql.table(table)} (${names}) SELECT * FROM unnest(${arrays})`.execute(db);
}

/**
 * Takes `count` ids from a table's identity sequence, so rows can be inserted with their ids
 * known in advance (children reference parents without RETURNING). One nextval per row in one
 * statement: safe next to other writers, which may interleave (the ids need not be consecutive).
 */
export async function reserveIds(db: Kysely<DB>, table: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = await sql<{ id: string | number }>`
    SELECT nextval(pg_get_serial_sequence(${table}, 'id')) AS id FROM generate_series(1, ${count}::int) ORDER BY 1`.execute(
    db,
  );
  return rows.rows.map((r) => Number(r.id));
}

/** Chunk-local indexes (into the parent arrays) → the parents' ids. */
export const toIds = (indexes: readonly number[], ids: readonly number[]): number[] =>
  indexes.map((i) => ids[i]!);
