// Prometheus metrics (prom-client), one registry per process. Counters count what this process
// did; Prometheus sums them over every web and worker process it scrapes. The queue depth is read
// from the database at scrape time, so every process reports the same shared queue.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'relance_' });

const decided = new Counter({
  name: 'relance_messages_decided_total',
  help: 'Outbox rows the daily run added, by kind, channel and status (pending = to send, held = held back with a reason)',
  labelNames: ['kind', 'channel', 'status'] as const,
  registers: [registry],
});

const delivered = new Counter({
  name: 'relance_messages_delivered_total',
  help: 'Send attempts finished by this process, by kind, channel and outcome (sent, retry, failed, cancelled)',
  labelNames: ['kind', 'channel', 'outcome'] as const,
  registers: [registry],
});

const sendSeconds = new Histogram({
  name: 'relance_send_duration_seconds',
  help: 'From taking a claimed message off the queue to its outcome being recorded',
  labelNames: ['channel'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const jobSeconds = new Histogram({
  name: 'relance_job_duration_seconds',
  help: 'Duration of one tick of a recurring job',
  labelNames: ['job', 'result'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
  registers: [registry],
});

/** Counts of a day's run, keyed "KIND:channel:status" as RunDayResult.channelCounts is. */
export function countDecided(counts: Record<string, number>): void {
  for (const [key, n] of Object.entries(counts)) {
    const [kind = 'unknown', channel = 'unknown', status = 'unknown'] = key.split(':');
    decided.inc({ kind, channel, status }, n);
  }
}

export function countDelivered(kind: string, channel: string, outcome: string, seconds: number): void {
  delivered.inc({ kind, channel, outcome });
  sendSeconds.observe({ channel }, seconds);
}

export function timeJob(job: string, seconds: number, ok: boolean): void {
  jobSeconds.observe({ job, result: ok ? 'ok' : 'error' }, seconds);
}

/** Adds the queue depth gauge, read through the given database at each scrape. */
export function watchQueue(db: Kysely<DB>): void {
  if (registry.getSingleMetric('relance_queue_depth')) registry.removeSingleMetric('relance_queue_depth');
  new Gauge({
    name: 'relance_queue_depth',
    help: 'Messages due now and not yet claimed, by channel (the partial index messages_ready_channel_idx)',
    labelNames: ['channel'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const { rows } = await sql<{ channel: string; n: string }>`
        SELECT channel, count(*) AS n FROM messages
         WHERE status = 'pending' AND next_attempt_at <= now() GROUP BY channel`.execute(db);
      for (const r of rows) this.set({ channel: r.channel }, Number(r.n));
    },
  });
}
