// Drill 2b: the text provider goes down mid-send for a while (2 minutes in the full drill; its
// port closed, open connections cut: connections refused). While it is down nothing may be marked
// sent that the provider did not accept, and the worker must have seen the outage (texts back to
// pending with "provider unreachable" and retried: a drill that did not cause the fault fails);
// once it is back every text is delivered (retries with backoff), none twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { seedTexts } from '../../bench/cases/delivery-db.ts';
import { deriveKeys } from '../../src/security/keys.ts';
import type { Drill } from '../drill.ts';
import { startPrivatePostgres } from '../private-postgres.ts';
import { startDrillTextProvider } from '../text-provider.ts';
import { exited, freePort, relance, sleep, waitUntil } from '../processes.ts';
import { freshDatabase, statusCounts } from '../seed.ts';

export const providerOutageDrill: Drill = {
  name: 'text provider down mid-send',
  async run(size, log) {
    const messages = size === 'full' ? 10_000 : 1_000;
    const downMs = size === 'full' ? 120_000 : 10_000;
    const dataDir = mkdtempSync(join(tmpdir(), 'relance-drill-'));
    const server = startPrivatePostgres(await freePort());
    const texts = await startDrillTextProvider(await freePort());
    const { url, database } = await freshDatabase(server.url, 'drill_sms_outage');
    const unreachable = async () =>
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM messages
                                  WHERE status = 'pending' AND reason LIKE 'provider unreachable%'`.execute(
          database.db,
        )
      ).rows[0]!.n;
    try {
      await seedTexts(database, messages, 'drill', texts.provider, deriveKeys('d1'.repeat(32)));
      const worker = relance({ databaseUrl: url, dataDir }, [
        'worker',
        '--only-send',
        '--concurrency',
        '5',
        '--no-postcards',
      ]);
      await waitUntil(() => texts.received() >= messages * 0.3, 120_000, 5);
      await texts.down();
      const atDown = texts.received();
      log(`  provider down after ${atDown} accepted, for ${downMs / 1000} s`);
      // While down, the outbox must never claim more sent than the provider accepted, and the
      // worker must see the outage: texts back to pending as unreachable, waiting to be retried.
      let overclaimed = 0;
      let seenUnreachable = 0;
      const downUntil = Date.now() + downMs;
      while (Date.now() < downUntil) {
        const sent = (await statusCounts(database)).sent ?? 0;
        overclaimed = Math.max(overclaimed, sent - texts.counts.size);
        seenUnreachable = Math.max(seenUnreachable, await unreachable());
        await sleep(500);
      }
      const whileDown = await statusCounts(database);
      const acceptedWhileDown = texts.received() - atDown;
      await texts.up();
      log(`  provider back; outbox while down: ${JSON.stringify(whileDown)}, ${seenUnreachable} unreachable`);
      const done = await waitUntil(
        async () => (await statusCounts(database)).sent === messages,
        downMs * 2 + 180_000,
        500,
      );
      worker.kill('SIGTERM');
      await exited(worker);
      const final = await statusCounts(database);
      const retried = (
        await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM messages WHERE status = 'sent' AND attempts > 1`.execute(
          database.db,
        )
      ).rows[0]!.n;
      const lost = messages - texts.counts.size;
      const doubled = [...texts.counts.values()].filter((n) => n > 1).length;
      const problems = [
        !done && 'NOT all sent in time',
        seenUnreachable === 0 &&
          'the worker never saw the provider down (no text back to pending as unreachable)',
        retried === 0 && 'no text was sent on a retry',
        acceptedWhileDown > 0 && `${acceptedWhileDown} accepted while the provider was down`,
        overclaimed > 0 && `${overclaimed} marked sent beyond what the provider accepted`,
      ].filter(Boolean);
      return {
        name: this.name,
        lost,
        doubled,
        allowedDoubles: 0,
        notes:
          `${messages} texts, down ${downMs / 1000} s after ${atDown}; up to ${seenUnreachable} waiting as unreachable while down, ` +
          `${retried} sent on a retry; ${overclaimed} marked sent beyond what arrived while down; final ${JSON.stringify(final)}` +
          (problems.length ? `; ${problems.join('; ')}` : ''),
        ok: problems.length === 0 && lost === 0 && doubled === 0,
      };
    } finally {
      await database.close();
      await texts.close();
      server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
