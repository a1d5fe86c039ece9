// A send worker's proof of life on PostgreSQL: a session advisory lock on its worker id, held on a
// connection of its own for as long as the process lives. PostgreSQL drops the lock the instant
// the process dies (kill -9 closes the socket), so releaseExpiredLeases (claim.ts) hands back only
// the rows of workers that are gone, never those of a live worker whose renewal ran late (a
// starved event loop, a loaded machine): with the lease alone, such rows were claimed again and
// sent twice. Embedded PGlite has one process and no such lock: the lease alone decides there.
import pg from 'pg';

/** The advisory lock's first key: this namespace, the second being hashtext(worker id). */
export const LIVENESS_LOCK_NAMESPACE = 72_001;

export interface WorkerLiveness {
  close(): Promise<void>;
}

/**
 * Takes the worker's lock on its own connection, and takes it again if that connection drops
 * (a PostgreSQL restart): until then, the lease alone protects its rows, as before.
 */
export async function holdWorkerLiveness(databaseUrl: string, workerId: string): Promise<WorkerLiveness> {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: databaseUrl, application_name: 'relance worker liveness' });
    c.on('error', () => undefined);
    c.on('end', () => {
      // Only a connection that held the lock comes back here; a failed connect retries below.
      if (client !== c) return;
      client = null;
      again();
    });
    try {
      await c.connect();
      await c.query('SELECT pg_advisory_lock($1, hashtext($2))', [LIVENESS_LOCK_NAMESPACE, workerId]);
    } catch (err) {
      await c.end().catch(() => undefined);
      throw err;
    }
    if (closed) await c.end();
    else client = c;
  };
  function again(): void {
    if (!closed) retry = setTimeout(() => void connect().catch(again), 1_000);
  }
  await connect().catch(again);
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}
