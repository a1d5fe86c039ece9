// Records "sent" right after the SMTP server accepts a message. Each record is written at once
// when no write is in flight; records arriving while one is in flight join the next write (group
// commit). No timer ever delays a record, so the window (accepted → committed) stays at most about
// two small UPDATEs, while a busy worker commits many sends per round trip.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordSendWindow } from './send-window.ts';

interface Pending {
  orgId: number;
  id: number;
  providerId: string;
  acceptedAt: number;
  done: () => void;
  fail: (err: unknown) => void;
}

export class SentRecorder {
  readonly #db: Kysely<DB>;
  readonly #now: () => Date;
  #queue: Pending[] = [];
  #flushing = false;
  readonly #delayMs: number;

  /** delayMs 0 (default) adds no wait: only sends accepted in the same event-loop turn share a write. */
  constructor(db: Kysely<DB>, now: () => Date, delayMs = 0) {
    this.#db = db;
    this.#now = now;
    this.#delayMs = delayMs;
  }

  record(m: { org_id: number; id: number }, providerId: string): Promise<void> {
    const acceptedAt = performance.now();
    return new Promise<void>((done, fail) => {
      this.#queue.push({ orgId: m.org_id, id: m.id, providerId, acceptedAt, done, fail });
      if (!this.#flushing) {
        // Flush after the current I/O callbacks: sends accepted in the same turn share one write.
        this.#flushing = true;
        if (this.#delayMs > 0) setTimeout(() => void this.#flush(), this.#delayMs);
        else setImmediate(() => void this.#flush());
      }
    });
  }

  async #flush(): Promise<void> {
    try {
      while (this.#queue.length) {
        const batch = this.#queue.splice(0, 500);
        try {
          await this.#write(batch);
          const at = performance.now();
          for (const p of batch) {
            recordSendWindow(at - p.acceptedAt);
            p.done();
          }
        } catch (err) {
          for (const p of batch) p.fail(err);
        }
      }
    } finally {
      this.#flushing = false;
    }
  }

  async #write(batch: Pending[]): Promise<void> {
    const now = this.#now();
    if (batch.length === 1) {
      const p = batch[0]!;
      await sql`UPDATE messages SET status = 'sent', sent_at = ${now}, provider_id = ${p.providerId}, reason = NULL, updated_at = ${now}
                 WHERE org_id = ${p.orgId} AND id = ${p.id} AND status = 'sending'`.execute(this.#db);
      return;
    }
    const rows = sql.join(batch.map((p) => sql`(${p.orgId}::bigint, ${p.id}::bigint, ${p.providerId}::text)`));
    await sql`UPDATE messages m SET status = 'sent', sent_at = ${now}, provider_id = v.provider_id, reason = NULL, updated_at = ${now}
                FROM (VALUES ${rows}) AS v(org_id, id, provider_id)
               WHERE m.org_id = v.org_id AND m.id = v.id AND m.status = 'sending'`.execute(this.#db);
  }
}
