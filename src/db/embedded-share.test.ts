// The embedded database shared on a socket (issue 19): a session through the socket and the
// server's own queries take whole turns. Nothing of one runs inside the other's transaction or
// between the messages of the other's extended-protocol exchange, and a session that drops
// mid-transaction is rolled back. About PGlite only: skipped on the PostgreSQL pass.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.ts';
import { socketPath } from './embedded-share.ts';

const dir = mkdtempSync(join(tmpdir(), 'relance-share-'));
const folder = join(dir, 'pglite');
let server: Database;

const client = async () => {
  const c = new pg.Client({ host: folder, port: 5432, user: 'postgres', database: 'postgres' });
  await c.connect();
  return c;
};

describe.skipIf(!!process.env.DATABASE_URL)('the embedded database shared with local processes', () => {
  beforeAll(async () => {
    server = await openDatabase({ dataDir: folder });
    await server.pool.query('CREATE TABLE shared_probe (n int)');
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves a socket only its owner can open', () => {
    expect(statSync(socketPath(folder)).mode & 0o777).toBe(0o600);
  });

  it('keeps the server out of a socket session’s transaction until it ends', async () => {
    const c = await client();
    try {
      await c.query('BEGIN');
      await c.query('INSERT INTO shared_probe VALUES (1)');
      let seen: number | null = null;
      const serverRead = server.pool
        .query<{ n: number }>('SELECT count(*)::int AS n FROM shared_probe')
        .then((r) => (seen = r.rows[0]!.n));
      await new Promise((r) => setTimeout(r, 300));
      expect(seen, 'the server read ran inside the open transaction').toBeNull();
      await c.query('ROLLBACK');
      await serverRead;
      expect(seen).toBe(0);
    } finally {
      await c.end();
    }
  });

  it('keeps each side’s parameterized queries whole when both run at once', async () => {
    const c = await client();
    try {
      const socketSide = Array.from({ length: 150 }, (_, i) =>
        c.query<{ n: number }>('SELECT $1::int * 2 AS n', [i]).then((r) => r.rows[0]!.n),
      );
      const serverSide = Array.from({ length: 150 }, (_, i) =>
        server.pool.query<{ n: number }>('SELECT $1::int * 3 AS n', [i]).then((r) => r.rows[0]!.n),
      );
      expect(await Promise.all(socketSide)).toEqual(Array.from({ length: 150 }, (_, i) => i * 2));
      expect(await Promise.all(serverSide)).toEqual(Array.from({ length: 150 }, (_, i) => i * 3));
    } finally {
      await c.end();
    }
  });

  it('rolls back a session that drops mid-transaction, and the server goes on', async () => {
    const c = await client();
    await c.query('BEGIN');
    await c.query('INSERT INTO shared_probe VALUES (2)');
    // The connection drops without COMMIT (a CLI killed mid-command).
    c.on('error', () => undefined);
    (c as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const after = await server.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM shared_probe');
    expect(after.rows[0]!.n).toBe(0);
    await server.pool.query('INSERT INTO shared_probe VALUES (3)');
    const c2 = await client();
    try {
      const seen = await c2.query<{ n: number }>('SELECT count(*)::int AS n FROM shared_probe');
      expect(seen.rows[0]!.n).toBe(1);
    } finally {
      await c2.end();
    }
  });

  it('is gone once the server closes', async () => {
    const path = socketPath(folder);
    await server.close();
    expect(() => statSync(path)).toThrow();
    server = await openDatabase({ dataDir: folder });
  });
});
