// The send worker: recover expired leases, claim a batch, deliver it with N sends in flight,
// repeat. Used by `relance worker` (one per process, any number of processes) and by the
// in-process job of `npm start`. Never holds a transaction while talking to SMTP.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { createMailer, type Mailer } from '../email/mailer.ts';
import { loadSendContext } from '../merge/load-send-context.ts';
import { claimMessages, releaseExpiredLeases } from './claim.ts';
import { deliverMessage, type DeliverDeps, type Outcome } from './deliver-email.ts';

export interface WorkerOptions {
  workerId?: string;
  /** Sends in flight at once (default: SMTP_POOL_SIZE). */
  concurrency?: number;
  batchSize?: number;
  leaseMs?: number;
  /** Stop when nothing is due instead of waiting for more. */
  once?: boolean;
  idleMs?: number;
  signal?: AbortSignal;
  mailer?: Mailer;
  log?: (line: string) => void;
}

export type WorkerTotals = Record<Outcome, number>;

export const DEFAULT_LEASE_MS = 120_000;

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export async function runWorker(ctx: AppContext, options: WorkerOptions = {}): Promise<WorkerTotals> {
  const concurrency = options.concurrency ?? ctx.config.SMTP_POOL_SIZE;
  const batchSize = options.batchSize ?? Math.max(20, concurrency * 10);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const workerId = options.workerId ?? newWorkerId();
  const mailer = options.mailer ?? createMailer(ctx.config, ctx.db);
  const deps: DeliverDeps = {
    db: ctx.db,
    mailer,
    sender: ctx.config,
    links: { publicUrl: ctx.config.publicUrl, keys: ctx.keys },
    now: ctx.now,
  };
  const totals: WorkerTotals = { sent: 0, retry: 0, failed: 0, cancelled: 0 };
  let lastRecovery = 0;
  try {
    while (!options.signal?.aborted) {
      if (Date.now() - lastRecovery > Math.min(leaseMs / 2, 30_000)) {
        lastRecovery = Date.now();
        const released = await releaseExpiredLeases(ctx.db, { now: ctx.now(), leaseMs });
        if (released) options.log?.(`released ${released} message(s) whose worker stopped mid-send`);
      }
      const batch = await claimMessages(ctx.db, { workerId, channels: ['email', 'task'], limit: batchSize, now: ctx.now() });
      if (!batch.length) {
        if (options.once) break;
        await sleep(options.idleMs ?? 1_000, options.signal);
        continue;
      }
      const sc = await loadSendContext(ctx.db, batch);
      let next = 0;
      const lane = async () => {
        while (next < batch.length) {
          const m = batch[next++]!;
          try {
            totals[await deliverMessage(deps, m, sc)]++;
          } catch (err) {
            // A database error mid-delivery: the lease brings the row back later.
            options.log?.(`message ${m.org_id}/${m.id}: ${(err as Error).message}`);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, lane));
    }
  } finally {
    if (!options.mailer) mailer.close();
  }
  return totals;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });
}
