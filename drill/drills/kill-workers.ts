// Drill 1 (and 1b, texts: the same with the text provider in place of the SMTP sink, each
// process telling itself apart by its PUBLIC_URL in the StatusCallback, counted by number texted).
// Two workers at their default concurrency (4 x SMTP_POOL_SIZE = 20 sends in flight)
// send N emails; each is killed with kill -9 K times, every kill after THAT worker process has
// sent a random number of messages (counted at the SMTP sink, which tells the processes apart by
// the user name each signs in with), a random few milliseconds after its last one, and restarted
// at once. A kill that does not land mid-send (that process had sent nothing, or nothing in the
// last 50 ms, or nothing was left to send) fails the drill. The sink counts every Message-ID:
// lost = never received, doubled = received more than once, and each double is charged to the
// killed process that first delivered it: the doubles per kill are measured, not bounded. A double
// can only come from the window between the SMTP server accepting a message and the worker's
// "sent" record committing (its group commit waits up to SEND_GROUP_COMMIT_MS for company). A
// text in that window is looked up at the provider before it goes again (sms/reconcile.ts): its
// doubles come only from lookups that failed or found no match (the notes count the lookups
// that failed and the texts found).
// Must hold: nothing lost, every kill mid-send, every double charged to a kill and no kill doubling
// more than its sends in flight. Goal, reported apart: on average at most one doubled message per
// kill.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config/env.ts';
import type { Drill } from '../drill.ts';
import { startPrivatePostgres } from '../private-postgres.ts';
import { startSinkProcess } from '../sink-process.ts';
import { seedTexts } from '../../bench/cases/delivery-db.ts';
import { deriveKeys } from '../../src/security/keys.ts';
import { shippedText } from '../../src/delivery/sms/text-templates.ts';
import { exited, freePort, relance, sleep, waitUntil } from '../processes.ts';
import { freshDatabase, seedPendingEmails, statusCounts } from '../seed.ts';

/**
 * The workers' default: 4 sends in flight per pooled SMTP connection (SMTP_POOL_SIZE 5).
 * DRILL_WORKER_CONCURRENCY runs the workers at another (--concurrency), to compare; the table says which.
 */
const CONCURRENCY_OVERRIDE = process.env.DRILL_WORKER_CONCURRENCY
  ? Number(process.env.DRILL_WORKER_CONCURRENCY)
  : null;
const CONCURRENCY = CONCURRENCY_OVERRIDE ?? 20;

/** A kill is mid-send when its process's last message reached the sink at most this long before. */
const MID_SEND_MS = 50;

interface Kill {
  worker: number;
  user: string;
  /** Messages that process had delivered to the sink when it was killed. */
  sentBefore: number;
  msSinceLast: number;
  /** performance.now() at the kill. */
  at: number;
  midSend: boolean;
  doubled: number;
}

export const killWorkersDrill: Drill = killDrill('email');
export const killTextWorkersDrill: Drill = killDrill('text');

function killDrill(channel: 'email' | 'text'): Drill {
  // A text's worker goes on sending while the texts the provider accepted are being recorded (at
  // most `concurrency` of them, run-worker.ts): a kill may double those as well as its sends in flight.
  const inFlight = channel === 'text' ? 2 * CONCURRENCY : CONCURRENCY;
  return {
    name: channel === 'email' ? 'kill -9 workers mid-send' : 'kill -9 text workers mid-send',
    async run(size, log) {
      const messages = size === 'full' ? 40_000 : 8_000;
      const killsEach = size === 'full' ? 25 : 5;
      // Each incarnation sends between MIN and MAX messages before its kill: in its steady state
      // (past the opening of its SMTP and database connections), and leaving enough for every kill
      // of both workers (each incarnation's sends, and the other worker's meanwhile).
      const [minStep, maxStep] = [100, Math.max(200, Math.floor(messages / (4 * killsEach)))];
      const dataDir = mkdtempSync(join(tmpdir(), 'relance-drill-'));
      const server = startPrivatePostgres(await freePort());
      // In a process of its own, like a real server (sink-process.ts says why).
      const sink = await startSinkProcess(channel === 'text' ? 'text' : 'smtp', await freePort());
      const { url, database } = await freshDatabase(server.url, `drill_kill_${channel}`);
      const windows: string[] = [];
      /** Lookups at the provider that failed (the worker sent those texts again). */
      const unknown: string[] = [];
      /** Texts found at the provider and recorded instead of being sent again. */
      let found = 0;
      const errors: string[] = [];
      const linger = loadConfig({
        SEND_GROUP_COMMIT_MS: process.env.SEND_GROUP_COMMIT_MS,
      }).SEND_GROUP_COMMIT_MS;
      let incarnation = 0;
      try {
        if (channel === 'text') {
          const shop = await seedTexts(
            database,
            messages,
            'drill',
            sink.provider,
            deriveKeys('d1'.repeat(32)),
          );
          // The shipped text with a fixed link in place of {{short_link}}: each process has its own
          // PUBLIC_URL (the provider tells them apart by it), which a short link would carry, so a
          // text sent again by another process would differ from the first and could not be found
          // at the provider (sms/reconcile.ts matches the exact body). Every worker of a real
          // installation has the same PUBLIC_URL.
          await database.db
            .insertInto('templates')
            .values(
              (['en', 'fr', 'es'] as const).map((language) => ({
                org_id: shop.orgId,
                location_id: shop.locationId,
                kind: 'DEFERRED',
                channel: 'sms',
                language,
                body: shippedText('DEFERRED', language)!.replace(
                  '{{short_link}}',
                  'http://relance.drill/t/1/drill-01',
                ),
              })),
            )
            .execute();
        } else await seedPendingEmails(database, messages);
        const args = ['worker', '--only-send', '--lease-seconds', '3', '--no-postcards'];
        if (CONCURRENCY_OVERRIDE) args.push('--concurrency', String(CONCURRENCY_OVERRIDE));
        const start = () => {
          const user = `w${++incarnation}`;
          // Each process signs in to the SMTP sink with its own user name, or sends texts with its
          // own PUBLIC_URL (in the StatusCallback): the sink and the provider tell them apart.
          const smtp = new URL(sink.url);
          smtp.username = user;
          smtp.password = 'drill';
          const env =
            channel === 'email'
              ? { databaseUrl: url, smtpUrl: smtp.toString(), dataDir }
              : { databaseUrl: url, dataDir, publicUrl: `http://${user}.relance.drill` };
          const child = relance(env, args, (l) => {
            if (l.includes('could not ask')) unknown.push(l);
            // A record or delivery that failed: its row stays in 'sending' while its worker lives.
            if (/\] message \d+\/\d+: /.test(l)) errors.push(l.replace(/^\[worker [^\]]+\] /, ''));
            if (l.includes('found at the provider')) found++;
            return l.includes('send window') && windows.push(l);
          });
          return { child, user };
        };
        const sentBy = (user: string) => sink.byUser.get(user)?.received ?? 0;
        const kills: Kill[] = [];
        const workers = [start(), start()];
        const deadline = Date.now() + (size === 'full' ? 300_000 : 120_000);
        const killLoop = async (i: number) => {
          for (let k = 0; k < killsEach && Date.now() < deadline; k++) {
            const { user } = workers[i]!;
            const target = minStep + Math.floor(Math.random() * (maxStep - minStep + 1));
            const reached = await waitUntil(
              () => sentBy(user) >= target || sink.counts.size >= messages,
              deadline - Date.now(),
              2,
            );
            if (!reached || sink.counts.size >= messages) return;
            // A random moment between two sends, not right after one.
            await sleep(Math.random() * 10);
            const at = performance.now();
            const last = sink.byUser.get(user)!;
            workers[i]!.child.kill('SIGKILL');
            const msSinceLast = at - last.lastAt;
            kills.push({
              worker: i,
              user,
              sentBefore: last.received,
              msSinceLast,
              at,
              midSend: last.received > 0 && msSinceLast <= MID_SEND_MS && sink.counts.size < messages,
              doubled: 0,
            });
            await exited(workers[i]!.child);
            workers[i] = start();
          }
        };
        await Promise.all([killLoop(0), killLoop(1)]);
        log(`  ${kills.length} kills done, ${sink.received()} received so far; waiting for the rest`);
        const done = await waitUntil(
          async () => (await statusCounts(database)).sent === messages,
          180_000,
          250,
        );
        for (const w of workers) w.child.kill('SIGTERM');
        await Promise.all(workers.map((w) => exited(w.child)));
        const lost = messages - sink.counts.size;
        // Rows a dead worker held when its lease ran out (messages.unsure_since): a text among them
        // is looked up at the provider before it goes again (sms/reconcile.ts).
        const unsure = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM messages WHERE unsure_since IS NOT NULL`.execute(database.db);
        let doubled = 0;
        let unexplained = 0;
        const killOf = new Map(kills.map((k) => [k.user, k]));
        /** How long before its kill each doubled message had been accepted (ms). */
        const ages: number[] = [];
        for (const [id, n] of sink.counts) {
          if (n < 2) continue;
          doubled++;
          const k = killOf.get(sink.firstFrom.get(id) ?? '');
          if (k) {
            k.doubled++;
            ages.push(k.at - (sink.firstAt.get(id) ?? NaN));
          } else unexplained++;
        }
        ages.sort((a, b) => a - b);
        // DRILL_AGES=1: of the messages each killed process had delivered shortly before its kill,
        // how many were doubled, by how long before the kill the sink accepted them (the window).
        if (process.env.DRILL_AGES) {
          const edges = [0, 1, 2, 3, 4, 6, 8, 12, 16, 32];
          const acc = edges.map(() => 0);
          const dbl = edges.map(() => 0);
          for (const [id, user] of sink.firstFrom) {
            const k = killOf.get(user);
            if (!k) continue;
            const age = k.at - sink.firstAt.get(id)!;
            const b = edges.findLastIndex((e) => age >= e);
            if (b < 0 || age > 32) continue;
            acc[b]!++;
            if ((sink.counts.get(id) ?? 0) > 1) dbl[b]!++;
          }
          log(`  age buckets (ms ≥ edge): ${edges.map((e, i) => `${e}:${dbl[i]}/${acc[i]}`).join(' ')}`);
          log(`  per kill: ${kills.map((k) => `${k.doubled}@${k.msSinceLast.toFixed(1)}`).join(' ')}`);
        }
        const notMidSend = kills.filter((k) => !k.midSend);
        const perKill = kills.length ? doubled / kills.length : NaN;
        const most = Math.max(0, ...kills.map((k) => k.doubled));
        const gaps = kills.map((k) => k.msSinceLast).sort((a, b) => a - b);
        const lastWindow = windows.at(-1)?.replace(/^\[worker [^\]]+\] /, '') ?? 'no window logged';
        const problems = [
          !done && `NOT all sent in time (${JSON.stringify(await statusCounts(database))})`,
          kills.length < 2 * killsEach && `only ${kills.length} of ${2 * killsEach} kills`,
          notMidSend.length &&
            `${notMidSend.length} kill(s) not mid-send (${notMidSend.map((k) => `${k.user}: ${k.sentBefore} sent, last ${k.msSinceLast.toFixed(0)} ms before`).join('; ')})`,
          unexplained && `${unexplained} double(s) first sent by a process that was not killed`,
          most > inFlight && `a kill doubled ${most}, more than its ${inFlight} sends in flight`,
        ].filter(Boolean);
        return {
          name: this.name,
          lost,
          doubled,
          // What must hold: a kill doubles at most the sends it had in flight.
          allowedDoubles: kills.length * inFlight,
          goal: { text: `≤ 1 doubled per kill (${kills.length})`, met: perKill <= 1 },
          notes:
            `${messages} ${channel === 'email' ? 'emails' : 'texts'}, ${kills.length} kills at concurrency ${CONCURRENCY}${CONCURRENCY_OVERRIDE ? ' (DRILL_WORKER_CONCURRENCY)' : ' (the default)'}, group-commit linger ${linger} ms; ` +
            `doubled per kill ${perKill.toFixed(2)} (most ${most}; kills with none ${kills.filter((k) => !k.doubled).length}); ` +
            `${unsure.rows[0]!.n} rows held by a killed worker taken back${channel === 'text' ? ` (each looked up at the provider first: ${found} found there and recorded, ${unknown.length} lookups failed)` : ''}; ` +
            `each kill after ${Math.min(...kills.map((k) => k.sentBefore))}–${Math.max(...kills.map((k) => k.sentBefore))} sends of its process, ` +
            `median ${gaps[Math.floor(gaps.length / 2)]?.toFixed(1)} ms after its last; ` +
            (ages.length
              ? `the doubles had been accepted ${ages[0]!.toFixed(1)}–${ages.at(-1)!.toFixed(1)} ms (median ${ages[Math.floor(ages.length / 2)]!.toFixed(1)}) before their kill; `
              : '') +
            `${lastWindow}` +
            (errors.length ? `; ${errors.length} send errors logged (first: ${errors[0]})` : '') +
            (problems.length ? `; ${problems.join('; ')}` : ''),
          ok: problems.length === 0 && lost === 0 && doubled <= kills.length * inFlight,
        };
      } finally {
        await database.close();
        await sink.close();
        server.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
