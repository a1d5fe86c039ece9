// Text send path vs raw HTTP, side by side in one run, to the same local fake provider
// (test/helpers/fake-sms-provider.ts, in its own process as a real provider would be): N decided
// texts sent by the real worker path (claim, still-valid check, consent and STOP checks, quiet
// hours, render with a short link, POST to the provider, record "sent" and the conversation) vs
// the same number of raw POSTs of the same form bodies (To, From, Body, StatusCallback; Basic
// auth; the JSON answer read) with the same number in flight (the worker's default concurrency).
// The provider must have accepted every one, on both sides. Goal: ours ≥ 0.8x raw.
import { sql } from 'kysely';
import { loadConfig } from '../../src/config/env.ts';
import type { AppContext } from '../../src/context.ts';
import { createMailer } from '../../src/delivery/email/mailer.ts';
import { createTextSender } from '../../src/delivery/sms/text-sender.ts';
import { runWorker } from '../../src/delivery/worker/run-worker.ts';
import { resetSendWindow, sendWindowStats } from '../../src/delivery/worker/send-window.ts';
import { deriveKeys } from '../../src/security/keys.ts';
import { createLogger } from '../../src/config/logger.ts';
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { BenchCase, BenchSize } from '../case.ts';
import { benchDatabase, seedTexts } from './delivery-db.ts';
import { cpuMsOfPid, cpuMsOfProcesses } from './proc-cpu.ts';

// Short rounds, alternating which side goes first, median of the rounds' ratios (see send-path.ts).
const MESSAGES: Record<BenchSize, number> = { small: 1_000, medium: 2_000, large: 4_000, '1m': 5_000 };
const ROUNDS = 15;
/** The fake provider's answer delay (sms-provider-process.ts): 0, a CPU race on loopback; a real
 * provider answers a POST in tens to hundreds of ms, and then the texts in flight set the pace. */
const LATENCY_MS = Number(process.env.TEXT_PROVIDER_LATENCY_MS ?? 0) || 0;
const WARM_UP = 300;

export const textSendPathCase: BenchCase = {
  name: 'text send path',
  async run({ size, postgresUrl, log }) {
    const n = MESSAGES[size];
    const account = {
      accountSid: `AC${randomBytes(16).toString('hex')}`,
      authToken: randomBytes(16).toString('hex'),
    };
    const provider = await startProviderProcess(account.accountSid, account.authToken);
    const d = await benchDatabase(postgresUrl);
    try {
      const env = {
        NODE_ENV: 'test',
        SECRET_KEY: 'ef'.repeat(32),
        DEMO_DATA: 'off',
        PUBLIC_URL: 'http://relance.test',
      };
      const config = loadConfig(env);
      const ctx: AppContext = {
        config,
        keys: deriveKeys('ef'.repeat(32)),
        database: d,
        db: d.db,
        now: () => new Date(),
        log: createLogger({ LOG_LEVEL: 'warn' }),
      };
      // The worker's default sends in flight; raw keeps as many POSTs in flight.
      const concurrency = config.SMTP_POOL_SIZE * 4;
      const mailer = createMailer(config, d.db);
      // As a running worker: one text sender (its HTTP thread) across rounds, as one mailer; on
      // PostgreSQL the thread records "sent" and the conversation's line itself (as `relance worker`).
      const texts = createTextSender(d.db, { production: false, thread: true, recordUrl: d.url });
      const target = { url: provider.url, ...account };
      // Warm-up (not counted): JIT, connections, template cache. Its texts give raw its bodies.
      const warm = await seedTexts(d, WARM_UP, 'w', target, ctx.keys);
      const warmed = await runWorker(ctx, { once: true, mailer, texts, concurrency });
      if (warmed.sent !== WARM_UP) throw new Error(`warm-up: the worker sent ${warmed.sent} of ${WARM_UP}`);
      const bodies = (
        await d.db.selectFrom('sms_conversation').select('body').where('org_id', '=', warm.orgId).execute()
      ).map((r) => r.body);
      const endpoint = `${provider.url}/2010-04-01/Accounts/${account.accountSid}/Messages.json`;
      const authorization = `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64')}`;
      const callback = `http://relance.test/hooks/sms/${warm.orgId}/${warm.locationId}/status`;
      const rawForms = (round: number) =>
        Array.from({ length: n }, (_, i) =>
          new URLSearchParams({
            To: `+1${3000000000 + round * n + i}`,
            Body: bodies[i % bodies.length]!,
            From: '+15145550100',
            StatusCallback: callback,
          }).toString(),
        );
      const post = async (body: string) => {
        const res = await fetch(endpoint, {
          method: 'POST',
          headers: {
            authorization,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body,
          signal: AbortSignal.timeout(15_000),
        });
        const answer = (await res.json()) as { sid?: string };
        if (!res.ok || !answer.sid) throw new Error(`raw: the provider answered ${res.status}`);
      };
      await Promise.all(rawForms(-1).slice(0, WARM_UP).map(post));

      const rounds: Array<{ raw: number; ours: number }> = [];
      // Each side's CPU per text, all parts counted (sender, PostgreSQL, provider): ours' bounds the
      // rate the machine's cores allow it, whatever the code's concurrency.
      const cpuPerText: Record<'raw' | 'ours', number[]> = { raw: [], ours: [] };
      let receivedTotal = 0;
      resetSendWindow();
      for (let round = 0; round < ROUNDS; round++) {
        await seedTexts(d, n, `s${round}`, target, ctx.keys, (round + 1) * n);
        await sql`VACUUM (ANALYZE) messages, customers, customer_consents`.execute(d.db);
        await sql`CHECKPOINT`.execute(d.db);
        const forms = rawForms(round);
        const raw = async () => {
          const t0 = performance.now();
          let next = 0;
          await Promise.all(
            Array.from({ length: concurrency }, async () => {
              while (next < forms.length) await post(forms[next++]!);
            }),
          );
          return n / ((performance.now() - t0) / 1000);
        };
        const ours = async () => {
          const t0 = performance.now();
          const totals = await runWorker(ctx, { once: true, mailer, texts, concurrency });
          const rate = totals.sent / ((performance.now() - t0) / 1000);
          if (totals.sent !== n)
            throw new Error(`worker sent ${totals.sent} of ${n} (${JSON.stringify(totals)})`);
          return rate;
        };
        const cpu = async (side: string, f: () => Promise<number>) => {
          const received0 = await provider.count();
          const c0 = process.cpuUsage();
          const [pg0, p0] = [cpuMsOfProcesses('postgres'), cpuMsOfPid(provider.pid)];
          const rate = await f();
          const c = process.cpuUsage(c0);
          const [pgMs, pMs] = [cpuMsOfProcesses('postgres') - pg0, cpuMsOfPid(provider.pid) - p0];
          const received = (await provider.count()) - received0;
          if (received !== n) throw new Error(`${side}: the provider accepted ${received} of ${n} sent`);
          receivedTotal += received;
          cpuPerText[side as 'raw' | 'ours'].push(((c.user + c.system) / 1000 + pgMs + pMs) / n);
          log(
            `  ${side.padEnd(4)} ${rate.toFixed(0).padStart(5)} texts/s; cpu ms/text: sender ${((c.user + c.system) / 1000 / n).toFixed(2)}, database ${(pgMs / n).toFixed(2)}, provider ${(pMs / n).toFixed(2)}`,
          );
          return rate;
        };
        const r =
          round % 2 === 0
            ? { raw: await cpu('raw', raw), ours: await cpu('ours', ours) }
            : { ours: await cpu('ours', ours), raw: await cpu('raw', raw) };
        rounds.push(r);
        log(
          `round ${round + 1}: raw ${r.raw.toFixed(0)} texts/s, ours ${r.ours.toFixed(0)} texts/s, ratio ${(r.ours / r.raw).toFixed(2)}`,
        );
      }
      mailer.close();
      texts.close?.();
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const ratio = median(rounds.map((r) => r.ours / r.raw));
      const rawRate = median(rounds.map((r) => r.raw));
      const ourRate = median(rounds.map((r) => r.ours));
      const w = sendWindowStats();
      const cores = availableParallelism();
      const [ourCpu, rawCpu] = [median(cpuPerText.ours), median(cpuPerText.raw)];
      // The most texts/s ours could reach with every core busy on it alone, as a share of raw's rate.
      const ceiling = (cores * 1000) / ourCpu / rawRate;
      return [
        {
          name: 'text send path vs raw HTTP',
          measured: `median of ${ROUNDS} rounds: ${ourRate.toFixed(0)} vs ${rawRate.toFixed(0)} texts/s (${n} texts, ${concurrency} in flight, ${d.label}${LATENCY_MS ? `, provider answering after ${LATENCY_MS} ms` : ', provider on loopback answering at once'}); provider accepted ${receivedTotal} of ${2 * ROUNDS * n}; window p50 ${w.p50} ms, p99 ${w.p99} ms; CPU per text (sender, database, provider) ours ${ourCpu.toFixed(2)} ms vs raw ${rawCpu.toFixed(2)} ms: on ${cores} cores ours could reach at most ${ceiling.toFixed(2)}x raw`,
          value: ratio,
          goal: '>= 0.8x',
          ok: ratio >= 0.8,
          details: {
            messages: n,
            ours_texts_s: +ourRate.toFixed(1),
            raw_texts_s: +rawRate.toFixed(1),
            in_flight: concurrency,
            database: d.label,
            provider_accepted: receivedTotal,
            cpu_ms_per_text_ours: +ourCpu.toFixed(3),
            cpu_ms_per_text_raw: +rawCpu.toFixed(3),
            cores,
            ceiling_ratio: +ceiling.toFixed(3),
          },
        },
      ];
    } finally {
      await d.close();
      provider.close();
    }
  },
};

async function startProviderProcess(
  accountSid: string,
  authToken: string,
): Promise<{ url: string; pid: number | undefined; count(): Promise<number>; close(): void }> {
  const child = spawn(
    process.execPath,
    [new URL('./sms-provider-process.ts', import.meta.url).pathname, accountSid, authToken],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (b: Buffer) => resolve(Number(b.toString().trim())));
    child.once('exit', () => reject(new Error('the fake provider process exited')));
  });
  const count = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m) => resolve(Number(m)));
      child.send('count');
    });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, count, close: () => child.kill('SIGTERM') };
}
