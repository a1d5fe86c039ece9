// Drill 2: the SMTP server goes down mid-send for a while (2 minutes in the full drill). While it
// is down nothing may be marked sent that the server did not receive; once it is back, every
// message is delivered (retries with backoff), none twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Drill } from '../drill.ts';
import { startPrivatePostgres } from '../private-postgres.ts';
import { startDrillSink } from '../smtp-sink.ts';
import { exited, freePort, relance, sleep, waitUntil } from '../processes.ts';
import { freshDatabase, seedPendingEmails, statusCounts } from '../seed.ts';

export const smtpOutageDrill: Drill = {
  name: 'SMTP server down mid-send',
  async run(size, log) {
    const messages = size === 'full' ? 10_000 : 1_000;
    const downMs = size === 'full' ? 120_000 : 10_000;
    const dataDir = mkdtempSync(join(tmpdir(), 'relance-drill-'));
    const server = startPrivatePostgres(await freePort());
    const sink = await startDrillSink(await freePort());
    const { url, database } = await freshDatabase(server.url, 'drill_smtp');
    try {
      await seedPendingEmails(database, messages);
      const worker = relance({ databaseUrl: url, smtpUrl: sink.url, dataDir }, [
        'worker',
        '--only-send',
        '--concurrency',
        '5',
        '--no-postcards',
      ]);
      await waitUntil(() => sink.received() >= messages * 0.3, 120_000, 5);
      await sink.down();
      const atDown = sink.received();
      log(`  SMTP down after ${atDown} received, for ${downMs / 1000} s`);
      // While down, the outbox must never claim more sent than the server received.
      let overclaimed = 0;
      const downUntil = Date.now() + downMs;
      while (Date.now() < downUntil) {
        const sent = (await statusCounts(database)).sent ?? 0;
        overclaimed = Math.max(overclaimed, sent - sink.counts.size);
        await sleep(500);
      }
      const whileDown = await statusCounts(database);
      await sink.up();
      log(`  SMTP back; outbox while down: ${JSON.stringify(whileDown)}`);
      // Backoff after a 2-minute outage reaches a few minutes: allow for it.
      const done = await waitUntil(
        async () => (await statusCounts(database)).sent === messages,
        downMs * 2 + 180_000,
        500,
      );
      worker.kill('SIGTERM');
      await exited(worker);
      const final = await statusCounts(database);
      const lost = messages - sink.counts.size;
      const doubled = [...sink.counts.values()].filter((n) => n > 1).length;
      return {
        name: this.name,
        lost,
        doubled,
        allowedDoubles: 0,
        notes: `${messages} emails, down ${downMs / 1000} s after ${atDown}; ${overclaimed} marked sent beyond what arrived while down; final ${JSON.stringify(final)}`,
        ok: done && lost === 0 && doubled === 0 && overclaimed <= 0,
      };
    } finally {
      await database.close();
      await sink.close();
      server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
