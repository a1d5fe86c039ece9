import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, backendName, type TestDatabase } from '../../test/helpers/db.ts';
import { migrate, migrationFiles } from './migrate.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../test/helpers/factories.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.close());

describe(`migrations on ${backendName}`, () => {
  it('applies every file once and is a no-op the second time', async () => {
    const applied = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(
      t.db,
    );
    expect(applied.rows.map((r) => r.name)).toEqual(migrationFiles());
    expect(await migrate(t.pool)).toEqual([]);
  });

  it('puts org_id first in the primary key of every tenant table', async () => {
    const rows = await sql<{ table_name: string; first_col: string }>`
      SELECT tc.table_name, kcu.column_name AS first_col
      FROM information_schema.table_constraints tc
      JOIN information_schema.key_column_usage kcu
        ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
      WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'public' AND kcu.ordinal_position = 1
    `.execute(t.db);
    const global = new Set([
      'organizations',
      'users',
      'sessions',
      'password_resets',
      'schema_migrations',
      'audit_log',
      'sign_in_attempts', // counted by email and address before any organization is known
    ]);
    const tenant = rows.rows.filter((r) => !global.has(r.table_name));
    expect(tenant.length).toBeGreaterThan(20);
    for (const r of tenant) expect([r.table_name, r.first_col]).toEqual([r.table_name, 'org_id']);
  });

  it('creates a location with default rules and schedule', async () => {
    const shop = await makeShop(t.db);
    const rules = await t.db
      .selectFrom('message_rules')
      .selectAll()
      .where('location_id', '=', shop.locationId)
      .execute();
    expect(rules.find((r) => r.kind === 'INACTIVE' && r.channel === 'email')).toMatchObject({
      days: 180,
      interval_days: 90,
      dead_days: 540,
    });
    const items = await t.db
      .selectFrom('maintenance_schedule_items')
      .select('code')
      .where('org_id', '=', shop.orgId)
      .execute();
    expect(items.map((i) => i.code)).toContain('OIL');
  });

  it('refuses a double booking of a mechanic at the database', async () => {
    const shop = await makeShop(t.db);
    const c = await makeCustomer(t.db, shop);
    const v = await makeVehicle(t.db, shop, c.id);
    const m = await t.db
      .insertInto('mechanics')
      .values({ org_id: shop.orgId, location_id: shop.locationId, name: 'Ana' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const base = {
      org_id: shop.orgId,
      location_id: shop.locationId,
      customer_id: c.id,
      vehicle_id: v.id,
      mechanic_id: m.id,
    };
    await t.db
      .insertInto('appointments')
      .values({ ...base, starts_at: '2026-03-02T14:00:00Z', ends_at: '2026-03-02T15:00:00Z' })
      .execute();
    await expect(
      t.db
        .insertInto('appointments')
        .values({ ...base, starts_at: '2026-03-02T14:30:00Z', ends_at: '2026-03-02T15:30:00Z' })
        .execute(),
    ).rejects.toThrow(/exclu|conflict/i);
    // Back to back is fine.
    await t.db
      .insertInto('appointments')
      .values({ ...base, starts_at: '2026-03-02T15:00:00Z', ends_at: '2026-03-02T16:00:00Z' })
      .execute();
  });

  it('returns dates as plain strings and ids as numbers', async () => {
    const shop = await makeShop(t.db);
    const c = await makeCustomer(t.db, shop, { birthday: '2000-02-29' });
    expect(c.birthday).toBe('2000-02-29');
    expect(typeof c.id).toBe('number');
  });
});
