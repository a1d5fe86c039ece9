// The set-up and staffing commands called as the CLI or an import would, without HTTP: each
// checks its rules, writes, audits, and leaves nothing half-written when it refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transaction } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeShop, makeCustomer, makeVehicle } from '../../test/helpers/factories.ts';
import { makeStaff } from '../../test/helpers/api.ts';
import type { DB } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';
import { deriveKeys, decryptSecret } from '../security/keys.ts';
import { createMechanic } from './mechanics/create-mechanic.ts';
import { setMechanicHours } from './mechanics/set-mechanic-hours.ts';
import { updateMaintenanceSchedule } from './maintenance/update-maintenance-schedule.ts';
import { deleteMaintenanceSchedule } from './maintenance/delete-maintenance-schedule.ts';
import { setMessageRule } from './rules/set-message-rule.ts';
import { savePartnerSettings } from './settings/save-partner-settings.ts';
import { saveSettingsTab } from './settings/save-settings-tab.ts';
import { openLocation } from './locations/open-location.ts';
import { createRepairOrder } from './repair-orders/create-repair-order.ts';
import { updateRepairOrder } from './repair-orders/update-repair-order.ts';

let t: TestDatabase;
const NOW = new Date('2026-03-09T14:00:00Z');
const keys = deriveKeys('cd'.repeat(32));

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

type Shop = Awaited<ReturnType<typeof makeShop>>;
const ownerOf = async (shop: Shop): Promise<Scope> => {
  const user = await makeStaff(t.db, shop, [{ locationId: shop.locationId, role: 'owner' }]);
  return {
    orgId: shop.orgId,
    actor: { type: 'user', id: user.id },
    userId: user.id,
    locationIds: [shop.locationId],
  };
};
const run = <T>(fn: (trx: Transaction<DB>) => Promise<T>) => t.db.transaction().execute(fn);
const auditOf = (shop: Shop, entity: string) =>
  t.db
    .selectFrom('audit_log')
    .select(['action', 'changes'])
    .where('org_id', '=', shop.orgId)
    .where('entity', '=', entity)
    .orderBy('id')
    .execute();

describe('set-up and staffing commands', () => {
  it('a mechanic’s hours never overlap on a day, on create as on replace; a refusal writes nothing', async () => {
    const shop = await makeShop(t.db);
    const scope = await ownerOf(shop);
    const overlapping = [
      { weekday: 1, starts_at: '08:00', ends_at: '12:00' },
      { weekday: 1, starts_at: '11:00', ends_at: '17:00' },
    ];
    await expect(
      run((trx) =>
        createMechanic(trx, scope, { locationId: shop.locationId, name: 'Luc', hours: overlapping }, NOW),
      ),
    ).rejects.toMatchObject({ status: 400, field: 'hours' });
    expect(
      await t.db.selectFrom('mechanics').select('id').where('org_id', '=', shop.orgId).execute(),
    ).toEqual([]);
    const m = await run((trx) =>
      createMechanic(
        trx,
        scope,
        { locationId: shop.locationId, name: 'Luc', hours: overlapping.slice(0, 1) },
        NOW,
      ),
    );
    await expect(
      run((trx) => setMechanicHours(trx, scope, { mechanicId: m.id, hours: overlapping }, NOW)),
    ).rejects.toMatchObject({ field: 'hours' });
    await run((trx) =>
      setMechanicHours(
        trx,
        scope,
        { mechanicId: m.id, hours: [{ weekday: 2, starts_at: '09:00', ends_at: '17:00' }] },
        NOW,
      ),
    );
    const hours = await t.db
      .selectFrom('mechanic_hours')
      .select(['weekday'])
      .where('mechanic_id', '=', m.id)
      .execute();
    expect(hours).toEqual([{ weekday: 2 }]);
    expect((await auditOf(shop, 'mechanic')).map((a) => a.action)).toEqual(['create', 'set_hours']);
  });

  it('the default maintenance schedule stays the default and cannot be deleted', async () => {
    const shop = await makeShop(t.db);
    const scope = await ownerOf(shop);
    const def = await t.db
      .selectFrom('maintenance_schedules')
      .select('id')
      .where('org_id', '=', shop.orgId)
      .where('make', 'is', null)
      .executeTakeFirstOrThrow();
    await expect(
      run((trx) => updateMaintenanceSchedule(trx, scope, { scheduleId: def.id, make: 'Honda' }, NOW)),
    ).rejects.toMatchObject({ status: 400, field: 'make' });
    await expect(
      run((trx) => deleteMaintenanceSchedule(trx, scope, { scheduleId: def.id }, NOW)),
    ).rejects.toMatchObject({ status: 409, code: 'in_use' });
    const renamed = await run((trx) =>
      updateMaintenanceSchedule(trx, scope, { scheduleId: def.id, name: 'Shop default' }, NOW),
    );
    expect(renamed).toMatchObject({ name: 'Shop default', is_default: true });
  });

  it('INACTIVE needs its interval and a dead setting past its days; other kinds have neither', async () => {
    const shop = await makeShop(t.db);
    const scope = await ownerOf(shop);
    const base = { locationId: shop.locationId, channel: 'email' as const };
    await expect(
      run((trx) =>
        setMessageRule(
          trx,
          scope,
          { ...base, kind: 'INACTIVE', days: 90, interval_days: 90, dead_days: 60 },
          NOW,
        ),
      ),
    ).rejects.toMatchObject({ field: 'dead_days' });
    await expect(
      run((trx) => setMessageRule(trx, scope, { ...base, kind: 'E01', days: 10, interval_days: 30 }, NOW)),
    ).rejects.toMatchObject({ field: 'interval_days' });
    const rule = await run((trx) =>
      setMessageRule(
        trx,
        scope,
        { ...base, kind: 'INACTIVE', days: 120, interval_days: 60, dead_days: 400 },
        NOW,
      ),
    );
    expect(rule).toMatchObject({ days: 120, interval_days: 60, dead_days: 400 });
  });

  it('a partner is switched on only with its consent; the secret is sealed and never audited', async () => {
    const shop = await makeShop(t.db);
    const scope = await ownerOf(shop);
    const input = {
      locationId: shop.locationId,
      partner: 'customerlink' as const,
      enabled: true,
      settings: {
        account_number: 'CL-1',
        server: 'ftp.example',
        port: 21,
        user: 'u',
        directory: '/in',
        passive: true,
      },
      password: 'ftp-secret-123',
    };
    await expect(run((trx) => savePartnerSettings(trx, scope, input, NOW, keys))).rejects.toMatchObject({
      code: 'confirmation_required',
      field: 'confirm_send',
    });
    const row = await run((trx) =>
      savePartnerSettings(trx, scope, { ...input, confirm_send: true }, NOW, keys),
    );
    expect(row.consent_user_id).toBe(scope.userId);
    expect(row.secret_ciphertext).not.toContain('ftp-secret-123');
    expect(decryptSecret(keys, row.secret_ciphertext!)).toBe('ftp-secret-123');
    expect(JSON.stringify(await auditOf(shop, 'location'))).not.toContain('ftp-secret-123');
  });

  it('a settings tab never switches the operator’s paid options', async () => {
    const shop = await makeShop(t.db);
    const scope = await ownerOf(shop);
    await expect(
      run((trx) =>
        saveSettingsTab(
          trx,
          scope,
          { locationId: shop.locationId, tab: 'email', fields: { postcards_enabled: true } },
          NOW,
        ),
      ),
    ).rejects.toMatchObject({ field: 'postcards_enabled' });
    const after = await run((trx) =>
      saveSettingsTab(
        trx,
        scope,
        { locationId: shop.locationId, tab: 'email', fields: { cap_count: 3 } },
        NOW,
      ),
    );
    expect(after.cap_count).toBe(3);
  });

  it('the staff user who opens a location owns it; an API token cannot open one', async () => {
    const shop = await makeShop(t.db);
    const scope = await ownerOf(shop);
    const loc = await run((trx) =>
      openLocation(
        trx,
        scope,
        { code: 'laval', name: 'Laval', time_zone: 'America/Toronto', language: 'fr' },
        NOW,
      ),
    );
    const roles = await t.db
      .selectFrom('user_roles')
      .select(['role'])
      .where('location_id', '=', loc.id)
      .execute();
    expect(roles).toEqual([{ role: 'owner' }]);
    const token: Scope = { ...scope, actor: { type: 'api_token', id: 1 }, userId: null };
    await expect(
      run((trx) =>
        openLocation(trx, token, { code: 'x', name: 'X', time_zone: 'America/Toronto', language: 'en' }, NOW),
      ),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('editing a repair order replaces its lines and records the new odometer for the predictions', async () => {
    const shop = await makeShop(t.db);
    const scope = await ownerOf(shop);
    const c = await makeCustomer(t.db, shop);
    const v = await makeVehicle(t.db, shop, c.id);
    const ro = await run((trx) =>
      createRepairOrder(
        trx,
        scope,
        {
          locationId: shop.locationId,
          fields: {
            ro_number: 'RO-1',
            opened_on: '2026-03-02',
            customer_id: c.id,
            vehicle_id: v.id,
            odometer: 50_000,
          },
          lines: [{ line_no: 1, kind: 'labor', description: 'Oil change' }],
        },
        NOW,
      ),
    );
    await run((trx) =>
      updateRepairOrder(
        trx,
        scope,
        {
          repairOrderId: ro.id,
          fields: { odometer: 50_400, closed_on: '2026-03-03' },
          lines: [
            { line_no: 1, kind: 'part', description: 'Filter' },
            { line_no: 2, kind: 'labor', description: 'Brakes' },
          ],
        },
        NOW,
      ),
    );
    const lines = await t.db
      .selectFrom('repair_order_lines')
      .select(['description'])
      .where('repair_order_id', '=', ro.id)
      .orderBy('line_no')
      .execute();
    expect(lines.map((l) => l.description)).toEqual(['Filter', 'Brakes']);
    const readings = await t.db
      .selectFrom('odometer_readings')
      .select(['value'])
      .where('vehicle_id', '=', v.id)
      .orderBy('value')
      .execute();
    expect(readings.map((r) => Number(r.value))).toEqual([50_000, 50_400]);
  });
});
