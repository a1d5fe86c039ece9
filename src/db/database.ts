// One way to reach the database: Kysely over a node-postgres pool, for PostgreSQL (DATABASE_URL)
// and for embedded PGlite alike, so the same SQL runs on both.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { shareEmbeddedDatabase, socketPath, type EmbeddedShare } from './embedded-share.ts';
import { FolderLockedError, lockFolder, type FolderLock } from './folder-lock.ts';
import type { DB } from './schema.ts';

export type Backend = 'postgres' | 'pglite';

export interface Database {
  db: Kysely<DB>;
  pool: pg.Pool;
  backend: Backend;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent, PGlite is used. */
  url?: string;
  /** PGlite data folder (locked for this process while open), or 'memory://' for a throw-away database. */
  dataDir?: string;
  poolSize?: number;
  /** Where a non-fatal problem is reported (the service's logger; the console by default). */
  warn?: (message: string) => void;
}

// Dates stay 'YYYY-MM-DD' strings (a DATE has no time zone; a JS Date would invent one),
// and int8 ids become numbers (all ids stay far below 2^53).
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v: string) => Number(v));

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // The daily run works in temp tables of a few MB; PostgreSQL's default of 8 MB of buffers for
    // them spills to disk and cost the run ~10 % at 1M vehicles. Allocated only when used; a
    // client's queries run in order, so this comes before any of them.
    pool.on('connect', (client) => {
      client.query("SET temp_buffers = '64MB'").catch(() => undefined);
    });
    pool.on('error', () => {
      /* an idle client lost its server (restart); the pool replaces it on next use */
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, pool, backend: 'postgres', close: () => db.destroy() };
  }
  return openPglite(options.dataDir ?? 'memory://', options.warn ?? console.warn);
}

async function openPglite(dataDir: string, warn: (message: string) => void): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  let lock: FolderLock | null = null;
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    try {
      lock = lockFolder(resolve(dataDir));
    } catch (err) {
      // Another process (`npm start`) holds the folder: use the database it shares, if it does.
      if (err instanceof FolderLockedError && !err.byThisProcess && existsSync(socketPath(resolve(dataDir))))
        return openShared(resolve(dataDir));
      throw err;
    }
  }
  let pglite;
  try {
    pglite = await PGlite.create(dataDir, { extensions: { btree_gist } });
  } catch (err) {
    lock?.release();
    throw err;
  }
  // Every client of one PGlite shares ONE session, so a single pooled connection is the
  // only safe shape: transactions then queue instead of interleaving.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let share: EmbeddedShare | null = null;
  if (lock)
    share = await shareEmbeddedDatabase(pglite, pool, resolve(dataDir)).catch((err: Error) => {
      warn(`the embedded database is not shared with other local processes: ${err.message}`);
      return null;
    });
  return {
    db,
    pool,
    backend: 'pglite',
    close: async () => {
      try {
        await share?.close();
        await db.destroy();
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** The embedded database of a running server, through the socket it shares (embedded-share.ts). */
async function openShared(dataDir: string): Promise<Database> {
  // One connection: the server serializes sessions anyway, and one session keeps this process's
  // transactions in order.
  const pool = new pg.Pool({ host: dataDir, port: 5432, user: 'postgres', database: 'postgres', max: 1 });
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, backend: 'pglite', close: () => db.destroy() };
}
