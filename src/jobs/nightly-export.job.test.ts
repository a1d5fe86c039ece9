// The nightly export job: due after the local export hour, yesterday in the location's time
// zone, once per day even when ticked twice or concurrently, failures retried after a backoff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../test/helpers/factories.ts';
import {
  makeContext,
  makeRepairOrder,
  setPartner,
  startPartnerEndpoint,
} from '../../test/helpers/partners.ts';
import { findDueExports } from '../partners/find-due-exports.ts';
import { nightlyExportJob } from './nightly-export.job.ts';

let database: TestDatabase;
let ctx: ReturnType<typeof makeContext>;
let endpoint: Awaited<ReturnType<typeof startPartnerEndpoint>>;
const signal = new AbortController().signal;
const lines: string[] = [];
const tick = () =>
  (nightlyExportJob.tick as (c: typeof ctx, s: AbortSignal, log: (l: string) => void) => Promise<void>)(
    ctx,
    signal,
    (l) => lines.push(l),
  );

beforeAll(async () => {
  database = await createTestDatabase();
  ctx = makeContext(database);
  endpoint = await startPartnerEndpoint();
});
afterAll(async () => {
  await endpoint.close();
  await database.close();
});

async function shopWithCarfax(timeZone: string, values: Parameters<typeof setPartner>[3] = { settings: {} }) {
  const shop = await makeShop(ctx.db, { time_zone: timeZone });
  const c = await makeCustomer(ctx.db, shop);
  const v = await makeVehicle(ctx.db, shop, c.id);
  for (const day of ['2026-11-21', '2026-11-22'])
    await makeRepairOrder(ctx, shop, { customerId: c.id, vehicleId: v.id, closedOn: day }, [
      { kind: 'package', description: `Package of ${day}` },
    ]);
  await setPartner(ctx, shop, 'carfax', {
    ...values,
    settings: { endpoint: endpoint.url, export_hour: 2, ...values.settings },
  });
  return shop;
}

describe('nightly export job', () => {
  it('exports the previous local day once the local export hour has passed, once', async () => {
    const toronto = await shopWithCarfax('America/Toronto');
    const honolulu = await shopWithCarfax('Pacific/Honolulu');
    const off = await shopWithCarfax('America/Toronto', { enabled: false, settings: {} });
    const noTerms = await shopWithCarfax('America/Toronto', { consentUserId: null, settings: {} });
    const badZone = await shopWithCarfax('Mars/Olympus_Mons');

    ctx.setNow(new Date('2026-11-23T06:30:00Z')); // Toronto 01:30 (before 02:00), Honolulu 20:30 on the 22nd
    expect((await findDueExports(ctx.db, ctx.now())).map((d) => [d.location_id, d.run_on])).toEqual([
      [honolulu.locationId, '2026-11-21'],
    ]);

    ctx.setNow(new Date('2026-11-23T07:30:00Z')); // Toronto 02:30
    const due = await findDueExports(ctx.db, ctx.now());
    expect(due.map((d) => [d.location_id, d.partner, d.run_on])).toEqual([
      [toronto.locationId, 'carfax', '2026-11-22'],
      [honolulu.locationId, 'carfax', '2026-11-21'],
    ]);
    expect(
      due.some((d) => [off.locationId, noTerms.locationId, badZone.locationId].includes(d.location_id)),
    ).toBe(false);

    await Promise.all([tick(), tick()]);
    await tick();
    expect(endpoint.hits()).toBe(2);
    const bodies = endpoint.received.map((r) => r.body.toString('utf8'));
    expect(bodies.find((b) => b.includes('Package of 2026-11-22'))).not.toContain('Package of 2026-11-21');
    const runs = await ctx.db
      .selectFrom('export_runs')
      .select(['location_id', 'run_on', 'status', 'attempts'])
      .orderBy('location_id')
      .execute();
    expect(runs).toEqual([
      { location_id: toronto.locationId, run_on: '2026-11-22', status: 'succeeded', attempts: 1 },
      { location_id: honolulu.locationId, run_on: '2026-11-21', status: 'succeeded', attempts: 1 },
    ]);
    expect(lines.filter((l) => l.includes('sent 1 rows'))).toHaveLength(2);
    expect(await findDueExports(ctx.db, ctx.now())).toEqual([]);
  });

  it('retries a failed day after its backoff, counting attempts', async () => {
    const failing = await startPartnerEndpoint([400, 400]);
    try {
      const shop = await shopWithCarfax('Europe/Paris', { settings: { endpoint: failing.url } });
      ctx.setNow(new Date('2026-11-24T03:00:00Z')); // Paris 04:00: the 23rd is due
      await tick();
      const run = () =>
        ctx.db
          .selectFrom('export_runs')
          .selectAll()
          .where('location_id', '=', shop.locationId)
          .executeTakeFirstOrThrow();
      expect(await run()).toMatchObject({
        run_on: '2026-11-23',
        status: 'failed',
        attempts: 1,
        error: expect.stringMatching(/answered 400/),
      });
      await tick(); // within the 5 minutes of backoff: not retried
      expect(failing.hits()).toBe(1);
      ctx.setNow(new Date('2026-11-24T03:05:00Z'));
      await tick();
      expect(await run()).toMatchObject({ status: 'failed', attempts: 2 });
      ctx.setNow(new Date('2026-11-24T03:14:00Z')); // second backoff is 10 minutes
      await tick();
      expect(failing.hits()).toBe(2);
      ctx.setNow(new Date('2026-11-24T03:15:00Z'));
      await tick();
      expect(await run()).toMatchObject({ status: 'succeeded', attempts: 3, error: null });
      expect(failing.hits()).toBe(3);
    } finally {
      await failing.close();
    }
  });
});

describe('nightly export catch-up', () => {
  it('sends the nights the service was down, oldest first, within the staleness window, once', async () => {
    // The shops of the tests above would catch up too: this test looks at its own shop only.
    await ctx.db.updateTable('partner_settings').set({ enabled: false }).execute();
    const shop = await shopWithCarfax('America/Toronto');
    await ctx.db
      .updateTable('locations')
      .set({ staleness_days: 3 })
      .where('id', '=', shop.locationId)
      .execute();
    const mine = async () =>
      (await findDueExports(ctx.db, ctx.now()))
        .filter((d) => d.location_id === shop.locationId)
        .map((d) => d.run_on);
    ctx.setNow(new Date('2026-11-23T07:30:00Z')); // Toronto 02:30 on the 23rd
    expect(await mine()).toEqual(['2026-11-22']);
    await tick();
    expect(await mine()).toEqual([]);
    // Down from the 24th to the 30th: back at 02:30 on 1 December.
    ctx.setNow(new Date('2026-12-01T07:30:00Z'));
    expect(await mine()).toEqual(['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30']);
    await tick();
    expect(await mine()).toEqual([]);
    const runs = await ctx.db
      .selectFrom('export_runs')
      .select(['run_on', 'status'])
      .where('location_id', '=', shop.locationId)
      .orderBy('run_on')
      .execute();
    expect(runs.map((r) => [r.run_on, r.status])).toEqual(
      ['2026-11-22', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'].map((d) => [d, 'succeeded']),
    );
  });
});
