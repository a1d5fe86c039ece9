// Drill 1: two workers send N emails; each is killed with kill -9 at random moments K times and
// restarted at once. The SMTP sink counts every Message-ID: lost = never received, doubled =
// received more than once. A double can only come from the window between SMTP accepting a
// message and the worker recording it; the workers log that window's size.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Drill } from '../drill.ts';
import { startPrivatePostgres } from '../private-postgres.ts';
import { startDrillSink } from '../smtp-sink.ts';
import { exited, freePort, relance, waitUntil } from '../processes.ts';
import { freshDatabase, seedPendingEmails, statusCounts } from '../seed.ts';

const CONCURRENCY = 5;

export const killWorkersDrill: Drill = {
  name: 'kill -9 workers mid-send',
  async run(size, log) {
    const messages = size === 'full' ? 10_000 : 1_000;
    const killsEach = size === 'full' ? 25 : 5;
    const dataDir = mkdtempSync(join(tmpdir(), 'relance-drill-'));
    const server = startPrivatePostgres(await freePort());
    const sink = await startDrillSink(await freePort());
    const { url, database } = await freshDatabase(server.url, 'drill_kill');
    const windows: string[] = [];
    try {
      await seedPendingEmails(database, messages);
      const env = { databaseUrl: url, smtpUrl: sink.url, dataDir };
      const args = [
        'worker',
        '--only-send',
        '--concurrency',
        String(CONCURRENCY),
        '--lease-seconds',
        '3',
        '--no-postcards',
      ];
      const start = () => relance(env, args, (l) => l.includes('send window') && windows.push(l));
      const workers: ChildProcess[] = [start(), start()];
      const kills = [0, 0];
      // Each kill waits for sending to progress a random step since the last one, so every kill
      // lands mid-send (not while a restarted worker is still booting).
      const totalKills = 2 * killsEach;
      const maxStep = Math.max(2, Math.floor(messages / (totalKills + 1)));
      const deadline = Date.now() + 240_000;
      while ((kills[0]! < killsEach || kills[1]! < killsEach) && Date.now() < deadline) {
        const target = sink.received() + 1 + Math.floor(Math.random() * maxStep);
        if (!(await waitUntil(() => sink.received() >= target, deadline - Date.now(), 2))) break;
        const i = kills[0]! < killsEach && (kills[1]! >= killsEach || Math.random() < 0.5) ? 0 : 1;
        workers[i]!.kill('SIGKILL');
        await exited(workers[i]!);
        kills[i]!++;
        workers[i] = start();
      }
      log(`  ${kills[0]! + kills[1]!} kills done, ${sink.received()} received so far; waiting for the rest`);
      const done = await waitUntil(
        async () => (await statusCounts(database)).sent === messages,
        180_000,
        250,
      );
      for (const w of workers) w.kill('SIGTERM');
      await Promise.all(workers.map(exited));
      const lost = messages - sink.counts.size;
      const doubled = [...sink.counts.values()].filter((n) => n > 1).length;
      // A kill can only double the sends that were inside SMTP at that instant: at most the
      // worker's concurrency per kill.
      const bound = (kills[0]! + kills[1]!) * CONCURRENCY;
      const lastWindow = windows.at(-1)?.replace(/^\[worker [^\]]+\] /, '') ?? 'no window logged';
      return {
        name: this.name,
        lost,
        doubled,
        allowedDoubles: bound,
        notes: `${messages} emails, ${kills[0]}+${kills[1]} kills, ${done ? 'all sent' : 'NOT all sent in time'}; doubles allowed ≤ kills x concurrency ${CONCURRENCY}; ${lastWindow}`,
        ok: done && lost === 0 && doubled <= bound,
      };
    } finally {
      await database.close();
      await sink.close();
      server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
