// Drill 3: PostgreSQL is restarted in the middle of the daily run. The run's transaction is cut;
// run again as the daily job would, it completes, and its outbox equals a clean reference run's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Drill } from '../drill.ts';
import { startPrivatePostgres } from '../private-postgres.ts';
import { exited, freePort, relance, runToEnd, sleep } from '../processes.ts';
import { openDatabase } from '../../src/db/database.ts';
import { compareOutboxes, copyOfTemplate, localToday, makeTemplate } from '../run-compare.ts';

export const postgresRestartDrill: Drill = {
  name: 'PostgreSQL restarted mid-run',
  async run(size, log) {
    const customers = size === 'full' ? 20_000 : 2_000;
    const dataDir = mkdtempSync(join(tmpdir(), 'relance-drill-'));
    const server = startPrivatePostgres(await freePort());
    try {
      await makeTemplate(server.url, customers, dataDir);
      const day = localToday();
      const ref = await copyOfTemplate(server.url, 'drill_ref');
      const t0 = performance.now();
      if ((await runToEnd(ref.env(dataDir), ['run', '--date', day])) !== 0) throw new Error('reference run failed');
      const refMs = performance.now() - t0;
      const test = await copyOfTemplate(server.url, 'drill_restart');
      await test.database.close(); // the restart would cut this pool too; reopen after
      const child = relance(test.env(dataDir), ['run', '--date', day]);
      await sleep(refMs / 2);
      const cutWhileRunning = child.exitCode === null;
      server.restart('fast');
      let code = await exited(child);
      let attempts = 1;
      while (code !== 0 && attempts < 5) {
        attempts++;
        code = await runToEnd(test.env(dataDir), ['run', '--date', day]);
      }
      const faulted = await openDatabase({ url: test.url, poolSize: 2 });
      const cmp = await compareOutboxes(ref.database, faulted);
      await faulted.close();
      await ref.database.close();
      log(`  reference run ${Math.round(refMs)} ms, ${cmp.reference} messages; restart ${cutWhileRunning ? 'cut the run' : 'came after the run ended'}; ${attempts} attempt(s)`);
      return {
        name: this.name,
        lost: cmp.lost,
        doubled: cmp.doubled,
        allowedDoubles: 0,
        notes: `${customers} customers x3 locations, ${cmp.reference} messages decided; restart ${cutWhileRunning ? 'mid-run' : 'after the run (run too fast to cut)'}; completed after ${attempts} attempt(s)`,
        ok: code === 0 && cmp.lost === 0 && cmp.doubled === 0,
      };
    } finally {
      server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
