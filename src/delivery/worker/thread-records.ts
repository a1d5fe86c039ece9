// "Sent" recorded by a sending thread (SMTP or HTTP) the moment the server accepts: the window a
// kill -9 doubles (accepted → statement sent) then waits neither for the hop to the main thread nor
// for its turn. Accepted sends of the same turn go in one statement (up to 500), up to `maxWrites`
// statements in flight, each on its own connection, so a record goes out at once instead of
// waiting for an earlier commit. A kill -9 after the statement reached PostgreSQL does not undo it
// (autocommit: it commits without the client).
import pg from 'pg';

export interface Accepted {
  /** Told whether the record committed; one that failed is left to the main thread. */
  post: (recorded: boolean) => void;
}

export interface ThreadRecords<A extends Accepted> {
  push(accepted: A): void;
  end(): Promise<void>;
}

/** `statement` turns a batch into one SQL statement and its values ($1 is the time sent). */
export function threadRecords<A extends Accepted>(
  recordUrl: string,
  maxWrites: number,
  statement: (batch: A[]) => { text: string; values: unknown[] },
): ThreadRecords<A> {
  // Opened at once and kept open: a connection opened on demand (PostgreSQL forks a backend,
  // several ms on a loaded machine) or reopened after an idle timeout held the accepted send
  // unrecorded that long, the widest of the windows a kill -9 doubles.
  const pool = new pg.Pool({ connectionString: recordUrl, max: maxWrites, idleTimeoutMillis: 0 });
  pool.on('error', () => undefined);
  for (let i = 0; i < maxWrites; i++)
    void pool.connect().then(
      (c) => c.release(),
      () => undefined,
    );
  const queue: A[] = [];
  let planned = false;
  let writes = 0;

  const startWrites = (): void => {
    planned = false;
    while (queue.length && writes < maxWrites) void write(queue.splice(0, 500));
  };
  const write = async (batch: A[]): Promise<void> => {
    writes++;
    let ok = true;
    try {
      const { text, values } = statement(batch);
      await pool.query(text, values);
    } catch {
      ok = false;
    } finally {
      writes--;
      for (const a of batch) a.post(ok);
      if (queue.length && !planned) startWrites();
    }
  };
  return {
    push(a) {
      queue.push(a);
      if (!planned && writes < maxWrites) {
        planned = true;
        setImmediate(startWrites);
      }
    },
    end: () => pool.end(),
  };
}
