// Runs a plain SQL text with $n parameters through Kysely (so it joins the caller's transaction).
import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export async function execSql<R = Record<string, unknown>>(
  db: Kysely<DB>,
  text: string,
  params: unknown[] = [],
): Promise<{ rows: R[]; affected: number }> {
  const result = await db.executeQuery<R>(CompiledQuery.raw(text, params));
  return { rows: result.rows, affected: Number(result.numAffectedRows ?? 0) };
}
