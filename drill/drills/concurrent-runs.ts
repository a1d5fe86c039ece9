// Drill 4: the same day's run started twice at once (two processes). Its outbox must equal a
// single clean run's: nothing doubled, nothing lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Drill } from '../drill.ts';
import { startPrivatePostgres } from '../private-postgres.ts';
import { freePort, runToEnd } from '../processes.ts';
import { compareOutboxes, copyOfTemplate, localToday, makeTemplate } from '../run-compare.ts';

export const concurrentRunsDrill: Drill = {
  name: 'daily run started twice at once',
  async run(size, log) {
    const customers = size === 'full' ? 20_000 : 2_000;
    const dataDir = mkdtempSync(join(tmpdir(), 'relance-drill-'));
    const server = startPrivatePostgres(await freePort());
    try {
      await makeTemplate(server.url, customers, dataDir);
      const day = localToday();
      const ref = await copyOfTemplate(server.url, 'drill_ref');
      if ((await runToEnd(ref.env(dataDir), ['run', '--date', day])) !== 0)
        throw new Error('reference run failed');
      const twice = await copyOfTemplate(server.url, 'drill_twice');
      const codes = await Promise.all([
        runToEnd(twice.env(dataDir), ['run', '--date', day]),
        runToEnd(twice.env(dataDir), ['run', '--date', day]),
      ]);
      const cmp = await compareOutboxes(ref.database, twice.database);
      await ref.database.close();
      await twice.database.close();
      log(
        `  exit codes ${codes.join(', ')}; ${cmp.reference} messages in the reference, ${cmp.got} after two concurrent runs`,
      );
      return {
        name: this.name,
        lost: cmp.lost,
        doubled: cmp.doubled,
        allowedDoubles: 0,
        notes: `${customers} customers x3 locations, ${cmp.reference} messages; exit codes ${codes.join(', ')}`,
        ok: cmp.lost === 0 && cmp.doubled === 0 && codes.some((c) => c === 0),
      };
    } finally {
      server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
