// The embedded database shared with local processes (issue 19): while `npm start` holds the PGlite
// folder, `bin/relance` commands reach the same database through a Unix socket in that folder,
// speaking the PostgreSQL protocol (@electric-sql/pglite-socket).
//
// PGlite is ONE session. pglite-socket's own queue takes turns per protocol message, so a CLI's
// Parse/Bind/Execute could run between the server's, or inside the server's transaction. Instead
// each socket session borrows the server's only pooled connection (max 1) from its first message
// until PostgreSQL reports the session idle again (ReadyForQuery 'I'): a transaction, or an
// extended-protocol exchange up to its Sync, runs whole, and the server's own queries wait for it
// exactly as they wait for each other.
import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';
import type pg from 'pg';

/** node-postgres reaches a Unix socket as `host=<folder>`, port 5432 → `<folder>/.s.PGSQL.5432`. */
export const SOCKET_NAME = '.s.PGSQL.5432';
/** Unix socket paths longer than this do not fit in sockaddr_un on Linux. */
const MAX_SOCKET_PATH = 107;

export function socketPath(dataDir: string): string {
  return join(dataDir, SOCKET_NAME);
}

const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/** Turns between socket sessions, and between them and the server through its pool. */
class SessionLease {
  private holder: number | null = null;
  private client: pg.PoolClient | null = null;
  private waiting: Promise<void> = Promise.resolve();
  private release: (() => void) | null = null;
  private readonly gone = new Set<number>();
  private readonly pglite: PGlite;
  private readonly pool: pg.Pool;

  constructor(pglite: PGlite, pool: pg.Pool) {
    this.pglite = pglite;
    this.pool = pool;
  }

  async enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    if (this.holder !== handlerId) await this.acquire(handlerId);
    let bytes = 0;
    let tail: Uint8Array = new Uint8Array(0);
    await this.pglite.runExclusive(() =>
      this.pglite.execProtocolRawStream(message, {
        onRawData: (data) => {
          bytes += data.length;
          tail = data.length >= 6 ? data.subarray(data.length - 6) : concatTail(tail, data);
          onData(data);
        },
      }),
    );
    // The response to a Sync or a simple Query ends with ReadyForQuery: 'Z', length 5, status.
    if (tail.length === 6 && tail[0] === 0x5a && tail[4] === 5 && tail[5] === 0x49) this.free(handlerId);
    return bytes;
  }

  clearQueueForHandler(handlerId: number): void {
    this.gone.add(handlerId);
  }

  /** A session that disconnects mid-transaction or mid-exchange is rolled back before the next turn. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    this.gone.add(handlerId);
    if (this.holder !== handlerId) return;
    await this.pglite.runExclusive(() => this.pglite.execProtocolRaw(SYNC));
    if (this.pglite.isInTransaction()) await this.pglite.exec('ROLLBACK');
    this.free(handlerId);
  }

  private async acquire(handlerId: number): Promise<void> {
    const previous = this.waiting;
    let done!: () => void;
    this.waiting = new Promise<void>((resolve) => (done = resolve));
    await previous;
    if (this.gone.has(handlerId)) {
      done();
      throw new Error('session closed');
    }
    this.client = await this.pool.connect();
    this.holder = handlerId;
    this.release = done;
  }

  private free(handlerId: number): void {
    if (this.holder !== handlerId) return;
    this.client?.release();
    this.client = null;
    this.holder = null;
    const release = this.release;
    this.release = null;
    release?.();
  }
}

function concatTail(tail: Uint8Array, data: Uint8Array): Uint8Array {
  const joined = new Uint8Array(tail.length + data.length);
  joined.set(tail);
  joined.set(data, tail.length);
  return joined.subarray(Math.max(0, joined.length - 6));
}

export interface EmbeddedShare {
  path: string;
  close(): Promise<void>;
}

/**
 * Serves the embedded database on `<dataDir>/.s.PGSQL.5432` (owner-only). Returns null when the
 * path would not fit a Unix socket; the CLI then says the folder is in use, as before.
 */
export async function shareEmbeddedDatabase(
  pglite: PGlite,
  pool: pg.Pool,
  dataDir: string,
): Promise<EmbeddedShare | null> {
  const path = socketPath(dataDir);
  if (path.length > MAX_SOCKET_PATH) return null;
  // The folder lock is ours, so a socket file left here is a crashed server's.
  if (existsSync(path)) unlinkSync(path);
  const lease = new SessionLease(pglite, pool);
  const handlers = new Set<PGLiteSocketHandler>();
  const server: Server = createServer((socket) => {
    const handler = new PGLiteSocketHandler({
      queryQueue: lease as unknown as ConstructorParameters<typeof PGLiteSocketHandler>[0]['queryQueue'],
      closeOnDetach: true,
    });
    handlers.add(handler);
    handler.addEventListener('close', () => handlers.delete(handler));
    handler.addEventListener('error', () => handlers.delete(handler));
    void handler.attach(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return {
    path,
    async close() {
      for (const handler of handlers) await handler.detach(true);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (existsSync(path)) unlinkSync(path);
    },
  };
}
