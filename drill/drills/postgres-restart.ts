// Drill 3: PostgreSQL is restarted in the middle of the daily run. The restart waits until the
// run is inside its work (its transaction holds the per-location advisory locks, seen in
// pg_locks), so it is cut whatever the size; the drill fails if it was not (a run that exits 0
// on its first attempt was never cut). Run again as the daily job would, it completes, and its
// outbox equals a clean reference run's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Drill } from '../drill.ts';
import { startPrivatePostgres } from '../private-postgres.ts';
import { exited, freePort, relance, runToEnd, waitUntil } from '../processes.ts';
import { openDatabase } from '../../src/db/database.ts';
import { compareOutboxes, copyOfTemplate, localToday, makeTemplate } from '../run-compare.ts';

/** A run on `database` is inside its work: one of its transactions holds two or more advisory locks (one per location; the migrator takes one). */
async function runIsWorking(client: pg.Client, database: string): Promise<boolean> {
  const r = await client.query(
    `SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND a.datname = $1
      GROUP BY l.pid HAVING count(*) >= 2 LIMIT 1`,
    [database],
  );
  return r.rowCount === 1;
}

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
      if ((await runToEnd(ref.env(dataDir), ['run', '--date', day])) !== 0)
        throw new Error('reference run failed');
      const refMs = performance.now() - t0;
      await ref.database.close(); // the restart cuts every pool; reopened to compare
      // Up to three tries to cut a run (each on a fresh copy): a run that commits between the
      // moment it was seen working and the restart was not cut, and does not count.
      let cutOnTry = 0;
      let code: number | null = null;
      let attempts = 0;
      let faultedUrl = '';
      for (let attempt = 1; attempt <= 3 && !cutOnTry; attempt++) {
        const name = `drill_restart_${attempt}`;
        const test = await copyOfTemplate(server.url, name);
        await test.database.close();
        const watcher = new pg.Client({ connectionString: server.url });
        await watcher.connect();
        const child = relance(test.env(dataDir), ['run', '--date', day]);
        const working = await waitUntil(
          () => child.exitCode === null && runIsWorking(watcher, name),
          120_000,
          2,
        );
        await watcher.end();
        if (!working || child.exitCode !== null) {
          await exited(child);
          log(`  try ${attempt}: the run ended before it was seen working`);
          continue;
        }
        server.restart('fast');
        code = await exited(child);
        attempts = 1;
        if (code === 0) {
          log(`  try ${attempt}: the run committed before the restart (not cut)`);
          continue;
        }
        cutOnTry = attempt;
        while (code !== 0 && attempts < 5) {
          attempts++;
          code = await runToEnd(test.env(dataDir), ['run', '--date', day]);
        }
        faultedUrl = test.url;
      }
      if (!cutOnTry)
        return {
          name: this.name,
          lost: NaN,
          doubled: NaN,
          allowedDoubles: 0,
          notes: `the restart never cut a run in 3 tries (reference run ${Math.round(refMs)} ms): the drill did not cause its fault`,
          ok: false,
        };
      const reference = await openDatabase({ url: ref.url, poolSize: 2 });
      const faulted = await openDatabase({ url: faultedUrl, poolSize: 2 });
      const cmp = await compareOutboxes(reference, faulted);
      await faulted.close();
      await reference.close();
      log(
        `  reference run ${Math.round(refMs)} ms, ${cmp.reference} messages; restart cut the run (try ${cutOnTry}); ${attempts} attempt(s)`,
      );
      return {
        name: this.name,
        lost: cmp.lost,
        doubled: cmp.doubled,
        allowedDoubles: 0,
        notes: `${customers} customers x3 locations, ${cmp.reference} messages decided; restart cut the run inside its transaction (try ${cutOnTry}); completed after ${attempts} attempt(s)`,
        ok: code === 0 && cmp.lost === 0 && cmp.doubled === 0,
      };
    } finally {
      server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
