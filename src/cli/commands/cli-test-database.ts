// For CLI tests: a database the CLI opens as a user's would (RELANCE_DATA_DIR or DATABASE_URL),
// and `relance …` run through the CLI entry (runCli) with its output captured.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { openDatabase } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import type { DB } from '../../db/schema.ts';
import { runCli } from '../main.ts';

export interface CliDatabase {
  /** The environment the CLI runs with. */
  env: Record<string, string>;
  /** Runs fn on the database; on PGlite the folder is opened for it and closed after (one process, one opener). */
  use<T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function cliDatabase(): Promise<CliDatabase> {
  if (process.env.DATABASE_URL) {
    const t: TestDatabase = await createTestDatabase();
    return { env: { DATABASE_URL: t.url! }, use: (fn) => fn(t.db), close: () => t.close() };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'relance-cli-'));
  const use = async <T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T> => {
    const database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    try {
      await migrate(database.pool);
      return await fn(database.db);
    } finally {
      await database.close();
    }
  };
  // The CLI refuses a missing embedded database (it never creates one by surprise): make it now.
  await use(async () => undefined);
  return {
    env: { RELANCE_DATA_DIR: dataDir },
    use,
    close: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export interface CliRun {
  code: number;
  /** What went to stdout (console.log). */
  out: string;
  /** What went to stderr (console.error and the progress lines). */
  err: string;
}

/** `relance ...argv` through the CLI entry, in this process, with the database's environment. */
export async function relance(database: CliDatabase, ...argv: string[]): Promise<CliRun> {
  const saved = { ...process.env };
  delete process.env.DATABASE_URL;
  Object.assign(process.env, { DEMO_DATA: 'off' }, database.env);
  let out = '';
  let err = '';
  const log = vi
    .spyOn(console, 'log')
    .mockImplementation((...a: unknown[]) => void (out += `${a.join(' ')}\n`));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((...a: unknown[]) => void (err += `${a.join(' ')}\n`));
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  try {
    const code = await runCli(argv);
    return { code, out, err };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}
