// The background refresh (maintenance-refresh job): recomputes the marked vehicles of every
// location, except one whose daily run holds its maintenance lock (PostgreSQL: another session).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../../test/helpers/factories.ts';
import { makeRepairOrder } from '../../../test/helpers/engine.ts';
import { refreshIdleLocations } from './refresh-idle.ts';
import { maintenanceLockKey } from './refresh.ts';
import { JOBS } from '../../jobs/registry.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

async function marked(orgId: number): Promise<number[]> {
  const rows = await t.db
    .selectFrom('maintenance_dirty')
    .select('vehicle_id')
    .where('org_id', '=', orgId)
    .orderBy('vehicle_id')
    .execute();
  return rows.map((r) => r.vehicle_id);
}

async function predicted(orgId: number, vehicleId: number) {
  return t.db
    .selectFrom('vehicle_maintenance')
    .select(['next_due_on', 'computed_at'])
    .where('org_id', '=', orgId)
    .where('vehicle_id', '=', vehicleId)
    .executeTakeFirst();
}

describe('refreshIdleLocations', () => {
  it('recomputes every marked vehicle once, then has nothing left', async () => {
    const shop = await makeShop(t.db);
    const c = await makeCustomer(t.db, shop);
    const v = await makeVehicle(t.db, shop, c.id, { delivery_date: '2026-01-01' });
    await makeRepairOrder(t.db, shop, {
      customerId: c.id,
      vehicleId: v.id,
      closedOn: '2026-03-01',
      odometer: 4_000,
      isMaintenance: true,
      lines: ['Oil and filter change'],
    });
    expect(await marked(shop.orgId)).toEqual([v.id]);
    const first = await refreshIdleLocations(t.db);
    expect(first.vehicles).toBeGreaterThanOrEqual(1);
    expect(await marked(shop.orgId)).toEqual([]);
    expect((await predicted(shop.orgId, v.id))?.next_due_on).not.toBeNull();
    expect(await refreshIdleLocations(t.db)).toEqual({ locations: 0, vehicles: 0 });
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'leaves a location whose daily run holds its lock, and takes it next time',
    async () => {
      const busy = await makeShop(t.db);
      const idle = await makeShop(t.db);
      const vb = await makeVehicle(t.db, busy, (await makeCustomer(t.db, busy)).id, {
        delivery_date: '2026-01-01',
      });
      const vi = await makeVehicle(t.db, idle, (await makeCustomer(t.db, idle)).id, {
        delivery_date: '2026-01-01',
      });
      const other = new pg.Client({ connectionString: t.url });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query(`SELECT pg_advisory_xact_lock(${maintenanceLockKey('$1::bigint', '$2::bigint')})`, [
          busy.orgId,
          busy.locationId,
        ]);
        const r = await refreshIdleLocations(t.db);
        expect(r.locations).toBe(1);
        expect(await predicted(idle.orgId, vi.id)).toBeDefined();
        expect(await predicted(busy.orgId, vb.id)).toBeUndefined();
        expect(await marked(busy.orgId)).toEqual([vb.id]);
        await other.query('COMMIT');
        expect((await refreshIdleLocations(t.db)).locations).toBe(1);
        expect(await predicted(busy.orgId, vb.id)).toBeDefined();
      } finally {
        await other.end();
      }
    },
  );

  it('runs as a recurring job of npm start', () => {
    expect(JOBS.map((j) => j.name)).toContain('maintenance-refresh');
  });
});
