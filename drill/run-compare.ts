// For the daily-run drills: a demo dataset made once as a template database, copies of it, and a
// comparison of a faulted run's outbox against a clean reference run's outbox.
import { sql } from 'kysely';
import type { Database } from '../src/db/database.ts';
import type { DrillEnv } from './processes.ts';
import { runToEnd } from './processes.ts';
import { freshDatabase } from './seed.ts';

export function localToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(new Date());
}

/** A migrated database with demo data, used as the TEMPLATE of every copy. */
export async function makeTemplate(serverUrl: string, customers: number, dataDir: string): Promise<void> {
  const { url, database } = await freshDatabase(serverUrl, 'drill_template');
  await database.close();
  const code = await runToEnd({ databaseUrl: url, dataDir }, [
    'demo',
    '--locations',
    '3',
    '--customers',
    String(customers),
    '--seed',
    'drill',
  ]);
  if (code !== 0) throw new Error(`relance demo failed with exit code ${code}`);
}

export async function copyOfTemplate(
  serverUrl: string,
  name: string,
): Promise<{ url: string; database: Database; env: (dataDir: string) => DrillEnv }> {
  const { url, database } = await freshDatabase(serverUrl, name, 'drill_template');
  return { url, database, env: (dataDir) => ({ databaseUrl: url, dataDir }) };
}

async function outboxKeys(database: Database): Promise<{ keys: Set<string>; rows: number; logical: number }> {
  const r = await sql<{ dedupe_key: string }>`SELECT dedupe_key FROM messages`.execute(database.db);
  const l = await sql<{ n: number }>`
    SELECT count(DISTINCT (coalesce(customer_id, -1), coalesce(vehicle_id, -1), coalesce(appointment_id, -1), kind, due_on, channel))::int AS n
      FROM messages`.execute(database.db);
  return { keys: new Set(r.rows.map((x) => x.dedupe_key)), rows: r.rows.length, logical: l.rows[0]!.n };
}

/** lost: messages the reference run decided and this one did not; doubled: anything extra. */
export async function compareOutboxes(
  reference: Database,
  faulted: Database,
): Promise<{ lost: number; doubled: number; reference: number; got: number }> {
  const ref = await outboxKeys(reference);
  const got = await outboxKeys(faulted);
  const lost = [...ref.keys].filter((k) => !got.keys.has(k)).length;
  const extra = [...got.keys].filter((k) => !ref.keys.has(k)).length;
  return { lost, doubled: extra + (got.rows - got.logical), reference: ref.rows, got: got.rows };
}
