// Prometheus metrics of the jobs (issue 19): the daily run counts what it decided by kind,
// channel and status, and the scheduler times every job's tick, ok or failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../test/helpers/factories.ts';
import { allRulesOff, setRule } from '../../test/helpers/engine.ts';
import { testContext } from '../../test/helpers/delivery.ts';
import { dailyRunJob } from '../jobs/daily-run.job.ts';
import { startScheduler } from '../jobs/scheduler.ts';
import { registry } from './metrics.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

const DAY = '2026-05-10';
const NOW = new Date('2026-05-10T16:00:00Z'); // past the shop's run hour that day

/** The value of one sample of the registry's text, 0 when absent. */
async function sample(line: RegExp): Promise<number> {
  const m = new RegExp(`^${line.source} (\\S+)$`, 'm').exec(await registry.metrics());
  return m ? Number(m[1]) : 0;
}

describe('job metrics', () => {
  it('the daily run counts the messages it decided, by kind, channel and status; each job tick is timed', async () => {
    const shop = await makeShop(t.db);
    await allRulesOff(t.db, shop);
    await setRule(t.db, shop, 'V01', { email: 1 });
    for (let i = 0; i < 3; i++)
      await makeVehicle(t.db, shop, (await makeCustomer(t.db, shop)).id, { captured_on: DAY });
    await t.db
      .insertInto('engine_location_state')
      .values({ org_id: shop.orgId, location_id: shop.locationId, caught_up_to: '2026-05-09' })
      .execute();
    const decided = /relance_messages_decided_total\{kind="V01",channel="email",status="pending"\}/;
    const ticks = /relance_job_duration_seconds_count\{job="engine-daily-run",result="ok"\}/;
    const failed = /relance_job_duration_seconds_count\{job="broken",result="error"\}/;
    const [decidedBefore, ticksBefore] = [await sample(decided), await sample(ticks)];

    const ctx = testContext(t, {}, () => NOW);
    const scheduler = startScheduler(
      ctx,
      [
        dailyRunJob,
        {
          name: 'broken',
          everyMs: 60_000,
          tick: () => Promise.reject(new Error('no')),
        },
      ],
      () => undefined,
    );
    // The first ticks start at once; stop once both have ended (stopping aborts a tick in progress).
    for (let i = 0; i < 400 && ((await sample(ticks)) === ticksBefore || !(await sample(failed))); i++)
      await new Promise((r) => setTimeout(r, 50));
    await scheduler.stop();

    expect(await sample(decided)).toBe(decidedBefore + 3);
    expect(await sample(ticks)).toBe(ticksBefore + 1);
    expect(await sample(failed)).toBe(1);
    expect(await registry.metrics()).toContain('# TYPE relance_job_duration_seconds histogram');
  });
});
