// The send worker: recover expired leases, claim batches, deliver them with N sends in flight,
// repeat. The next batch is claimed while the current one is still sending, so the SMTP pool
// never waits on the database. Used by `relance worker` (one per process, any number of
// processes) and by the in-process job of `npm start`. Never holds a transaction while talking
// to SMTP.
import { SEND_RETRY } from '../../domain/retry-policy.ts';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Message } from '../../db/schema.ts';
import { createMailer, type Mailer } from '../email/mailer.ts';
import { senderAlignmentProblem } from '../email/sender-alignment.ts';
import { loadSendContext, type SendContext } from '../merge/load-send-context.ts';
import { claimMessages, releaseExpiredLeases, renewLeases } from './claim.ts';
import { deliverMessage, type DeliverDeps, type Outcome } from './deliver-email.ts';
import { deliverText, type TextDeps } from './deliver-text.ts';
import { createTextSender, type TextSender } from '../sms/text-sender.ts';
import { loadTextBatch, type TextBatch } from '../sms/text-batch.ts';
import { SentRecorder } from './sent-recorder.ts';
import { stillValidMany, type StillValid } from './still-valid.ts';
import { countDelivered } from '../../metrics/metrics.ts';

export interface WorkerOptions {
  workerId?: string;
  /** Sends in flight at once (default: 4 x SMTP_POOL_SIZE, so the pool always has work queued). */
  concurrency?: number;
  batchSize?: number;
  leaseMs?: number;
  /** Stop when nothing is due instead of waiting for more. */
  once?: boolean;
  idleMs?: number;
  signal?: AbortSignal;
  mailer?: Mailer;
  /** Texts (channel sms): the location's provider, or the catcher (default). */
  texts?: TextSender;
  log?: (line: string) => void;
  /**
   * Longest wait of a "sent" record for others to share its commit (see SentRecorder; 0: none).
   * Default: SEND_GROUP_COMMIT_MS.
   */
  groupCommitMs?: number;
  /**
   * PostgreSQL URL: the texts' HTTP thread (when this worker creates its text sender) records
   * "sent" and the conversation's line itself, the moment the provider accepts (http-thread.ts).
   */
  recordUrl?: string;
}

export type WorkerTotals = Record<Outcome, number>;

export const DEFAULT_LEASE_MS = SEND_RETRY.leaseMs;

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export async function runWorker(ctx: AppContext, options: WorkerOptions = {}): Promise<WorkerTotals> {
  const concurrency = options.concurrency ?? ctx.config.SMTP_POOL_SIZE * 4;
  // Claims of 10 x concurrency (200 by default): each claim costs a handful of round trips (claim,
  // merge data, still-valid), shared by more messages; still about half a second of sends.
  const batchSize = options.batchSize ?? Math.max(100, concurrency * 10);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const workerId = options.workerId ?? newWorkerId();
  const mailer = options.mailer ?? createMailer(ctx.config, ctx.db, { thread: true });
  const alignment = senderAlignmentProblem(ctx.config);
  if (alignment) options.log?.(`warning: ${alignment}`);
  const deps: DeliverDeps = {
    db: ctx.db,
    mailer,
    sender: ctx.config,
    links: { publicUrl: ctx.config.publicUrl, keys: ctx.keys },
    now: ctx.now,
    recorder: new SentRecorder(ctx.db, ctx.now, {
      lingerMs: options.groupCommitMs ?? ctx.config.SEND_GROUP_COMMIT_MS,
      flushAt: concurrency,
      // Half the database pool (5 by default) for "sent" records: a text's record goes out as soon
      // as the provider accepts rather than after an earlier commit (the window a kill -9 doubles
      // is accepted → UPDATE sent); the other half stays for claims and loads.
      maxWrites: Math.max(2, Math.floor(ctx.config.DB_POOL_SIZE / 2)),
    }),
  };
  const textDeps: TextDeps = {
    db: ctx.db,
    keys: ctx.keys,
    texts:
      options.texts ??
      createTextSender(ctx.db, {
        production: ctx.config.NODE_ENV === 'production',
        thread: true,
        recordUrl: options.recordUrl,
      }),
    links: deps.links,
    now: ctx.now,
    recorder: deps.recorder,
    log: options.log,
  };
  const totals: WorkerTotals = { sent: 0, retry: 0, failed: 0, cancelled: 0, held: 0 };
  const queue: Array<{ m: Message; sc: SendContext; check: StillValid; texts: TextBatch }> = [];
  let claiming: Promise<void> | null = null;
  let empty = false;
  let lastRecovery = 0;
  let claims = 0;

  const refill = async () => {
    if (Date.now() - lastRecovery > Math.min(leaseMs / 2, 30_000)) {
      lastRecovery = Date.now();
      const released = await releaseExpiredLeases(ctx.db, { now: ctx.now(), leaseMs });
      if (released) options.log?.(`released ${released} message(s) whose worker stopped mid-send`);
    }
    const batch = await claimMessages(ctx.db, {
      workerId,
      channels: ['email', 'task', 'sms'],
      // The first claim small, so the lanes start at once; the next ones overlap with sending.
      limit: claims++ === 0 ? Math.min(batchSize, concurrency * 2) : batchSize,
      now: ctx.now(),
    });
    if (!batch.length) {
      empty = true;
      return;
    }
    // The engine's still-valid check for the whole batch at once, right after the claim: the
    // queue holds at most a second or so of sends, so the answer is fresh when each one goes out.
    const [sc, checks] = await Promise.all([loadSendContext(ctx.db, batch), stillValidMany(ctx.db, batch)]);
    // The batch's texts: STOPs, consents, providers and short links, set-based (text-batch.ts).
    const texts = await loadTextBatch(ctx.db, ctx.keys, ctx.config.publicUrl, batch, sc, ctx.now());
    for (const [i, m] of batch.entries()) queue.push({ m, sc, check: checks[i]!, texts });
  };
  const startRefill = () => {
    claiming ??= refill()
      .catch((err: unknown) => {
        options.log?.(`claim failed: ${(err as Error).message}`);
        empty = true;
      })
      .finally(() => {
        claiming = null;
      });
    return claiming;
  };

  const lane = async () => {
    while (!options.signal?.aborted) {
      // Claim again while half a claim is still queued: a claim and its loads (four round trips)
      // take longer than sending twice the lanes' worth at a provider's speed.
      if (queue.length < Math.max(concurrency * 2, batchSize / 2) && !empty) void startRefill();
      const item = queue.shift();
      if (!item) {
        if (claiming) {
          await claiming;
          continue;
        }
        if (options.once) return;
        await sleep(options.idleMs ?? 1_000, options.signal);
        empty = false;
        continue;
      }
      const started = performance.now();
      try {
        const outcome =
          item.m.channel === 'sms'
            ? await deliverText(textDeps, item.m, item.sc, item.check, item.texts)
            : await deliverMessage(deps, item.m, item.sc, item.check);
        if (typeof outcome === 'object') await recording(item.m, outcome.recorded, started);
        else done(item.m, outcome, started);
      } catch (err) {
        // A database error mid-delivery: the lease brings the row back later.
        options.log?.(`message ${item.m.org_id}/${item.m.id}: ${(err as Error).message}`);
      }
    }
  };
  const done = (m: Message, outcome: Outcome, started: number) => {
    totals[outcome]++;
    countDelivered(m.kind, m.channel, outcome, (performance.now() - started) / 1000);
  };
  // A text the provider accepted goes on being recorded (SentRecorder) while its lane sends the
  // next one: at a provider's speed the lane would otherwise wait as long for the commit as for the
  // HTTP call. At most `concurrency` records wait at once (a lane past that waits for the oldest),
  // so a kill -9 can double at most the sends in flight plus the records not yet committed.
  const unrecorded = new Set<Promise<void>>();
  const recording = async (m: Message, recorded: Promise<void>, started: number) => {
    const p: Promise<void> = recorded.then(
      () => done(m, 'sent', started),
      (err: unknown) => options.log?.(`message ${m.org_id}/${m.id}: ${(err as Error).message}`),
    );
    unrecorded.add(p);
    void p.finally(() => unrecorded.delete(p));
    while (unrecorded.size > concurrency) await Promise.race(unrecorded);
  };

  // Renewed three times per lease while this worker lives (claim.ts, renewLeases).
  const renewal = setInterval(
    () => void renewLeases(ctx.db, { workerId, now: ctx.now() }).catch(() => undefined),
    Math.max(250, leaseMs / 3),
  );
  renewal.unref();
  try {
    await Promise.all(Array.from({ length: concurrency }, lane));
    await claiming;
    await Promise.all(unrecorded);
  } finally {
    clearInterval(renewal);
    // Stopped with claimed rows not yet sent: hand them back now rather than after the lease.
    if (queue.length) {
      const ids = queue.splice(0).map((q) => sql`(${q.m.org_id}::bigint, ${q.m.id}::bigint)`);
      await sql`UPDATE messages SET status = 'pending', claimed_by = NULL, attempts = attempts - 1
                 WHERE (org_id, id) IN (${sql.join(ids)}) AND status = 'sending' AND claimed_by = ${workerId}`.execute(
        ctx.db,
      );
    }
    if (!options.mailer) mailer.close();
    if (!options.texts) textDeps.texts.close?.();
  }
  return totals;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}
