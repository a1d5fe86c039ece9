// Records "sent" right after the SMTP server accepts a message, several sends per commit (group
// commit): a commit costs about the same whatever its size (on the reference machine ~0.8 ms of CPU
// between the client and PostgreSQL, its fsync included, against ~0.04 ms per extra row), so
// sharing it is what keeps the send path close to raw SMTP throughput. The first record of a group
// waits at most `lingerMs` for company (0: none, only records of the same event-loop turn share),
// and never once `flushAt` records wait (every lane is waiting: nothing more can come).
// Up to `maxWrites` writes are in flight at once (each on its own pooled connection): a record
// that arrives while one is in flight does not wait for its commit. What matters for a crash is
// when the UPDATE reaches PostgreSQL: once sent, it commits even if this process is killed the
// next instant, so the window a kill -9 can double (accepted → UPDATE sent) is kept short. Records
// arriving while `maxWrites` are in flight join the next write, started as soon as one ends. The
// window (accepted → committed) is measured for every record (send-window.ts) and reported by the
// worker.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordSendWindow } from './send-window.ts';

/** A sent text also joins the customer's conversation, in the same statement as its "sent". */
export interface SentText {
  locationId: number;
  /** null: a staff answer to a number that matches no customer. */
  customerId: number | null;
  phone: string;
  body: string;
}

interface Pending {
  orgId: number;
  id: number;
  providerId: string;
  acceptedAt: number;
  text?: SentText;
  done: () => void;
  fail: (err: unknown) => void;
}

/** PostgreSQL's deadlock_detected. */
const DEADLOCK = '40P01';

export interface GroupCommit {
  /** Longest wait of a group's first record before its write (default 0). */
  lingerMs?: number;
  /** Write at once when this many records wait (default: no limit). */
  flushAt?: number;
  /** Writes in flight at once (default 2). */
  maxWrites?: number;
}

export class SentRecorder {
  readonly #db: Kysely<DB>;
  readonly #now: () => Date;
  #queue: Pending[] = [];
  /** A write is planned (timer or setImmediate) for the records in the queue. */
  #planned = false;
  #timer: NodeJS.Timeout | null = null;
  #writes = 0;
  readonly #lingerMs: number;
  readonly #flushAt: number;
  readonly #maxWrites: number;

  constructor(db: Kysely<DB>, now: () => Date, group: GroupCommit = {}) {
    this.#db = db;
    this.#now = now;
    this.#lingerMs = group.lingerMs ?? 0;
    this.#flushAt = group.flushAt ?? Infinity;
    this.#maxWrites = Math.max(1, group.maxWrites ?? 2);
  }

  /** Writes in flight now (for tests). */
  get writesInFlight(): number {
    return this.#writes;
  }

  /** `acceptedAt`: when the server accepted (performance.now()), if known; else now. */
  record(
    m: { org_id: number; id: number },
    providerId: string,
    acceptedAt = performance.now(),
    text?: SentText,
  ): Promise<void> {
    return new Promise<void>((done, fail) => {
      this.#queue.push({ orgId: m.org_id, id: m.id, providerId, acceptedAt, text, done, fail });
      if (this.#timer && this.#queue.length >= this.#flushAt) this.#start();
      else if (!this.#planned && this.#writes < this.#maxWrites) {
        this.#planned = true;
        // Without linger: after the current I/O callbacks, so sends accepted in the same turn share.
        if (this.#lingerMs > 0 && this.#queue.length < this.#flushAt)
          this.#timer = setTimeout(() => this.#start(), this.#lingerMs);
        else setImmediate(() => this.#start());
      }
      // Else: a write is planned, or all writes are in flight and the next starts when one ends.
    });
  }

  #start(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#planned = false;
    while (this.#queue.length && this.#writes < this.#maxWrites) void this.#flush(this.#queue.splice(0, 500));
  }

  async #flush(batch: Pending[]): Promise<void> {
    this.#writes++;
    try {
      // A deadlock cancels the statement and nothing of it is written: once more (its UPDATE moves
      // only rows still in 'sending' and its conversation line is added once). Failing, its rows
      // would stay in 'sending' for as long as their live worker holds them.
      await this.#write(batch).catch((err: unknown) => {
        if ((err as { code?: string }).code !== DEADLOCK) throw err;
        return this.#write(batch);
      });
      const at = performance.now();
      for (const p of batch) {
        recordSendWindow(at - p.acceptedAt);
        p.done();
      }
    } catch (err) {
      for (const p of batch) p.fail(err);
    } finally {
      this.#writes--;
      // What arrived while every write was in flight has waited long enough: no linger.
      if (this.#queue.length && !this.#planned) this.#start();
    }
  }

  async #write(batch: Pending[]): Promise<void> {
    const now = this.#now();
    const texts = batch.filter((p) => p.text);
    if (texts.length) await this.#writeTexts(texts, now);
    batch = batch.filter((p) => !p.text);
    if (!batch.length) return;
    if (batch.length === 1) {
      const p = batch[0]!;
      await sql`UPDATE messages SET status = 'sent', sent_at = ${now}, provider_id = ${p.providerId}, reason = NULL, updated_at = ${now}
                 WHERE org_id = ${p.orgId} AND id = ${p.id} AND status = 'sending'`.execute(this.#db);
      return;
    }
    const rows = sql.join(
      batch.map((p) => sql`(${p.orgId}::bigint, ${p.id}::bigint, ${p.providerId}::text)`),
    );
    await sql`UPDATE messages m SET status = 'sent', sent_at = ${now}, provider_id = v.provider_id, reason = NULL, updated_at = ${now}
                FROM (VALUES ${rows}) AS v(org_id, id, provider_id)
               WHERE m.org_id = v.org_id AND m.id = v.id AND m.status = 'sending'`.execute(this.#db);
  }

  /**
   * "sent" and the conversation's outgoing line, in one statement (one commit) for the group. The
   * line is kept even when the lease was taken over meanwhile: the text did go out.
   */
  async #writeTexts(batch: Pending[], now: Date): Promise<void> {
    const rows = sql.join(
      batch.map(
        (p) =>
          sql`(${p.orgId}::bigint, ${p.id}::bigint, ${p.providerId}::text, ${p.text!.locationId}::bigint, ${p.text!.customerId}::bigint, ${p.text!.phone}::text, ${p.text!.body}::text)`,
      ),
    );
    await sql`
      WITH v(org_id, id, provider_id, location_id, customer_id, phone, body) AS (VALUES ${rows}),
      u AS (
        UPDATE messages m SET status = 'sent', sent_at = ${now}, provider_id = v.provider_id, reason = NULL, updated_at = ${now}
          FROM v WHERE m.org_id = v.org_id AND m.id = v.id AND m.status = 'sending'
        RETURNING m.id),
      -- A staff answer is in the conversation since it was queued: it only gets its provider id.
      joined AS (
        UPDATE sms_conversation c SET provider_sid = v.provider_id
          FROM v WHERE c.org_id = v.org_id AND c.message_id = v.id AND c.direction = 'out'
        RETURNING c.message_id)
      INSERT INTO sms_conversation (org_id, location_id, customer_id, direction, phone, body, provider_sid, message_id, read_at, at)
      SELECT v.org_id, v.location_id, v.customer_id, 'out', v.phone, v.body, v.provider_id, v.id, ${now}::timestamptz, ${now}::timestamptz
        FROM v
       WHERE NOT EXISTS (SELECT 1 FROM sms_conversation c
                          WHERE c.org_id = v.org_id AND c.message_id = v.id AND c.direction = 'out')
      ON CONFLICT DO NOTHING`.execute(this.#db);
  }
}
