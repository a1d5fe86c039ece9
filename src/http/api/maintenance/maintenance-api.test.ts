// Maintenance schedules and the vehicle grid through the staff API: list, get, create, edit,
// delete per location and make/model; items by km, miles, hours and months; errors that name
// the field; audit entries; predictions recomputed after each edit; who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiTest,
  makeApiToken,
  makeStaff,
  signIn,
  tokenClient,
  type ApiTest,
  type Client,
} from '../../../../test/helpers/api.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../../../test/helpers/factories.ts';
import { refreshMaintenance } from '../../../engine/maintenance/refresh.ts';
import { DEFAULT_SCHEDULE, DEFAULT_SCHEDULE_NAME } from '../../../domain/maintenance/default-schedule.ts';
import { addDays } from '../../../domain/time/dates.ts';

let api: ApiTest;
let shop: Awaited<ReturnType<typeof makeShop>>;
let owner: Client;
const base = () => `/api/v1/locations/${shop.locationId}/maintenance-schedules`;

beforeAll(async () => {
  api = await createApiTest();
  shop = await makeShop(api.t.db);
  owner = await signIn(
    api.app,
    (await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }])).email,
  );
});
afterAll(async () => api?.close());

const desc = (en: string) => ({ en, fr: `${en} (fr)`, es: `${en} (es)` });
const ev = {
  name: 'Electric vehicles',
  make: 'Tesla',
  model: 'Model 3',
  items: [
    { code: 'cabin_filter', description: desc('Cabin air filter'), every_months: 24 },
    { code: 'ROTATE', description: desc('Tire rotation'), every_mi: 6250, every_months: 12 },
    { code: 'BRAKES', description: desc('Brake check'), every_km: 20000 },
  ],
};

async function audits(entity: string) {
  return api.t.db
    .selectFrom('audit_log')
    .select(['action', 'entity_id', 'changes'])
    .where('org_id', '=', shop.orgId)
    .where('entity', '=', entity)
    .orderBy('id')
    .execute();
}
async function nextDue(vehicleId: number) {
  await refreshMaintenance(api.t.db);
  return (
    await api.t.db
      .selectFrom('vehicle_maintenance')
      .select('next_due_on')
      .where('org_id', '=', shop.orgId)
      .where('vehicle_id', '=', vehicleId)
      .executeTakeFirstOrThrow()
  ).next_due_on;
}
async function grid(vehicleId: number, on?: string) {
  const res = await owner.request({
    method: 'GET',
    url: `/api/v1/vehicles/${vehicleId}/maintenance-grid${on ? `?on=${on}` : ''}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    schedule_name: string | null;
    next_due_on: string | null;
    on: string;
    unit: string;
    items: Array<{ code: string; next_due_on: string | null; status: string }>;
  };
}

describe('maintenance schedules', () => {
  let evId: number;
  let tesla: { id: number };

  it('a new location lists its copy of the shipped default schedule', async () => {
    const res = await owner.request({ method: 'GET', url: base() });
    expect(res.statusCode, res.body).toBe(200);
    const [d] = (
      res.json() as {
        items: Array<
          Record<string, unknown> & {
            items: Array<{ code: string; every_km: number | null; every_mi: number | null }>;
          }
        >;
      }
    ).items;
    expect(d).toMatchObject({
      name: DEFAULT_SCHEDULE_NAME,
      make: null,
      model: null,
      is_default: true,
      location_id: shop.locationId,
    });
    expect(d!.items.map((i) => i.code)).toEqual(DEFAULT_SCHEDULE.map((i) => i.code));
    expect(d!.items[0]).toMatchObject({
      code: 'OIL',
      every_km: 8000,
      every_mi: 4971,
      every_hours: 250,
      every_months: 6,
    });
  });

  it('creates a make/model schedule (miles stored as km), audited; the matching vehicles are recomputed with it', async () => {
    tesla = await makeVehicle(api.t.db, shop, (await makeCustomer(api.t.db, shop)).id, {
      make: 'TESLA',
      model: 'model 3',
      delivery_date: '2026-01-01',
    });
    const before = await nextDue(tesla.id);
    const res = await owner.request({ method: 'POST', url: base(), payload: ev });
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json() as { id: number; is_default: boolean; items: unknown[] };
    evId = out.id;
    expect(out).toMatchObject({
      name: 'Electric vehicles',
      make: 'Tesla',
      model: 'Model 3',
      is_default: false,
    });
    expect(out.items).toEqual([
      {
        code: 'CABIN_FILTER',
        description: desc('Cabin air filter'),
        every_km: null,
        every_mi: null,
        every_hours: null,
        every_months: 24,
      },
      {
        code: 'ROTATE',
        description: desc('Tire rotation'),
        every_km: 10058,
        every_mi: 6250,
        every_hours: null,
        every_months: 12,
      },
      {
        code: 'BRAKES',
        description: desc('Brake check'),
        every_km: 20000,
        every_mi: 12427,
        every_hours: null,
        every_months: null,
      },
    ]);
    expect(
      (await owner.request({ method: 'GET', url: `/api/v1/maintenance-schedules/${evId}` })).json(),
    ).toEqual(out);
    const [entry] = await audits('maintenance_schedule');
    expect(entry).toMatchObject({ action: 'create', entity_id: String(evId) });
    expect(entry!.changes).toMatchObject({ make: 'Tesla', model: 'Model 3' });
    // The default's 6-month oil change fell due first; now the EV items apply (rotation at 12 months).
    expect(before).toBe('2026-07-01');
    expect(await nextDue(tesla.id)).not.toBe(before);
    const g = await grid(tesla.id, '2026-05-10');
    expect(g.schedule_name).toBe('Electric vehicles');
    expect(g.items.map((i) => i.code).sort()).toEqual(['BRAKES', 'CABIN_FILTER', 'ROTATE']);
    expect(await nextDue(tesla.id)).toBe(g.next_due_on);
  });

  it('lists per make and model', async () => {
    const byMake = await owner.request({ method: 'GET', url: `${base()}?make=tesla` });
    expect((byMake.json() as { items: Array<{ id: number }> }).items.map((s) => s.id)).toEqual([evId]);
    const none = await owner.request({ method: 'GET', url: `${base()}?make=tesla&model=Model%20Y` });
    expect((none.json() as { items: unknown[] }).items).toEqual([]);
  });

  it('lists a page at a time, and by part of the name, make or model', async () => {
    const first = (await owner.request({ method: 'GET', url: `${base()}?limit=1` })).json() as {
      items: Array<{ id: number; is_default: boolean }>;
      next_cursor: string | null;
    };
    expect(first.items).toHaveLength(1);
    expect(first.items[0]!.is_default).toBe(true);
    const second = (
      await owner.request({ method: 'GET', url: `${base()}?limit=1&cursor=${first.next_cursor!}` })
    ).json() as { items: Array<{ id: number }>; next_cursor: string | null };
    expect(second.items.map((s) => s.id)).toEqual([evId]);
    for (const q of ['esl', 'MODEL 3', 'electric'])
      expect(
        (
          (await owner.request({ method: 'GET', url: `${base()}?q=${encodeURIComponent(q)}` })).json() as {
            items: Array<{ id: number }>;
          }
        ).items.map((s) => s.id),
        q,
      ).toEqual([evId]);
    const nothing = await owner.request({ method: 'GET', url: `${base()}?q=%25` });
    expect((nothing.json() as { items: unknown[] }).items).toEqual([]);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const item = ev.items[0]!;
    const cases: Array<[unknown, number, string, string, RegExp]> = [
      [
        { ...ev, make: 'Honda', items: [{ code: 'X', description: desc('x') }] },
        400,
        'invalid_input',
        'items.0.every_months',
        /at least one of every_km, every_mi, every_hours, every_months/,
      ],
      [
        { ...ev, make: 'Honda', items: [{ ...item, every_km: 1000, every_mi: 600 }] },
        400,
        'invalid_input',
        'items.0.every_mi',
        /every_km or every_mi, not both/,
      ],
      [
        { ...ev, make: 'Honda', items: [item, { ...ev.items[1], code: 'Cabin_Filter' }] },
        400,
        'invalid_input',
        'items.1.code',
        /duplicate code CABIN_FILTER/,
      ],
      [
        { ...ev, make: 'Honda', items: [{ ...item, code: 'oil change' }] },
        400,
        'invalid_input',
        'items.0.code',
        /letters, digits and _/,
      ],
      [
        { ...ev, make: 'Honda', items: [{ ...item, description: { en: 'x', fr: 'x' } }] },
        400,
        'invalid_input',
        'items.0.description.es',
        /.+/,
      ],
      [
        { ...ev, make: 'Honda', items: [{ ...item, every_months: 0 }] },
        400,
        'invalid_input',
        'items.0.every_months',
        /.+/,
      ],
      [{ ...ev, make: 'Honda', items: [] }, 400, 'invalid_input', 'items', /.+/],
      [{ ...ev, make: null, model: 'Civic' }, 400, 'invalid_input', 'model', /needs its make/],
      [
        { ...ev, make: 'tesla', model: 'MODEL 3' },
        409,
        'already_exists',
        'make',
        /already has a schedule for tesla MODEL 3: schedule \d+ "Electric vehicles"/,
      ],
      [{ ...ev, make: null, model: null }, 409, 'already_exists', 'make', /already has the default schedule/],
    ];
    for (const [payload, status, code, field, message] of cases) {
      const res = await owner.request({ method: 'POST', url: base(), payload: payload as object });
      expect(res.statusCode, res.body).toBe(status);
      const error = (res.json() as { error: { code: string; field?: string; message: string } }).error;
      expect([error.code, error.field]).toEqual([code, field]);
      expect(error.message).toMatch(message);
    }
    const unknown = await owner.request({
      method: 'POST',
      url: base(),
      payload: { ...ev, make: 'Honda', colour: 'red' },
    });
    expect(unknown.json()).toMatchObject({ error: { code: 'unknown_field', field: 'colour' } });
    expect(
      (
        await api.t.db
          .selectFrom('maintenance_schedules')
          .select('id')
          .where('org_id', '=', shop.orgId)
          .execute()
      ).length,
    ).toBe(2);
  });

  it('edits items and retargets the schedule: the vehicles of both models are recomputed; a rename is audited', async () => {
    const modelY = await makeVehicle(api.t.db, shop, (await makeCustomer(api.t.db, shop)).id, {
      make: 'Tesla',
      model: 'Model Y',
      delivery_date: '2026-01-01',
    });
    const items = [{ code: 'CABIN_FILTER', description: desc('Cabin air filter'), every_months: 36 }];
    const res = await owner.request({
      method: 'PATCH',
      url: `/api/v1/maintenance-schedules/${evId}`,
      payload: { model: 'Model Y', items },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      make: 'Tesla',
      model: 'Model Y',
      items: [{ code: 'CABIN_FILTER', every_months: 36 }],
    });
    expect(await nextDue(modelY.id)).toBe('2029-01-01');
    expect((await grid(tesla.id, '2026-05-10')).schedule_name).toBe(DEFAULT_SCHEDULE_NAME);
    expect(await nextDue(tesla.id)).toBe('2026-07-01');
    const renamed = await owner.request({
      method: 'PATCH',
      url: `/api/v1/maintenance-schedules/${evId}`,
      payload: { name: 'EV' },
    });
    expect(renamed.json()).toMatchObject({ name: 'EV', model: 'Model Y' });
    const updates = (await audits('maintenance_schedule')).filter((a) => a.action === 'update');
    expect(updates.map((a) => Object.keys(a.changes as object).sort())).toEqual([
      ['items', 'model'],
      ['name'],
    ]);
    // Nothing changed: nothing audited.
    await owner.request({
      method: 'PATCH',
      url: `/api/v1/maintenance-schedules/${evId}`,
      payload: { name: 'EV' },
    });
    expect((await audits('maintenance_schedule')).filter((a) => a.action === 'update')).toHaveLength(2);
  });

  it('keeps the default schedule for every make: it cannot be retargeted or deleted', async () => {
    const list = (await owner.request({ method: 'GET', url: base() })).json() as {
      items: Array<{ id: number; is_default: boolean }>;
    };
    const defaultId = list.items.find((s) => s.is_default)!.id;
    const retarget = await owner.request({
      method: 'PATCH',
      url: `/api/v1/maintenance-schedules/${defaultId}`,
      payload: { make: 'Ford' },
    });
    expect(retarget.statusCode).toBe(400);
    expect(retarget.json()).toMatchObject({ error: { code: 'invalid_input', field: 'make' } });
    const del = await owner.request({ method: 'DELETE', url: `/api/v1/maintenance-schedules/${defaultId}` });
    expect(del.statusCode).toBe(409);
    expect(del.json()).toMatchObject({ error: { code: 'in_use' } });
    // Its items may be edited.
    const edit = await owner.request({
      method: 'PATCH',
      url: `/api/v1/maintenance-schedules/${defaultId}`,
      payload: { items: [{ code: 'OIL', description: desc('Oil'), every_km: 10000, every_months: 12 }] },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(await nextDue(tesla.id)).toBe(addDays('2026-01-01', 10_000 / 40)); // 10,000 km at the default 40 km a day
  });

  it('deletes a make/model schedule: audited, its vehicles fall back to the default', async () => {
    const modelY = (
      await api.t.db
        .selectFrom('vehicles')
        .select('id')
        .where('org_id', '=', shop.orgId)
        .where('model', '=', 'Model Y')
        .executeTakeFirstOrThrow()
    ).id;
    const res = await owner.request({ method: 'DELETE', url: `/api/v1/maintenance-schedules/${evId}` });
    expect(res.statusCode, res.body).toBe(204);
    expect(
      (await owner.request({ method: 'GET', url: `/api/v1/maintenance-schedules/${evId}` })).statusCode,
    ).toBe(404);
    expect(await nextDue(modelY)).toBe(addDays('2026-01-01', 10_000 / 40));
    expect((await audits('maintenance_schedule')).at(-1)).toMatchObject({
      action: 'delete',
      entity_id: String(evId),
      changes: { name: 'EV', make: 'Tesla', model: 'Model Y' },
    });
  });
});

describe('maintenance grid', () => {
  it("shows each item's status on the location's local date, or on a given day; names a bad day", async () => {
    const v = await makeVehicle(api.t.db, shop, (await makeCustomer(api.t.db, shop)).id, {
      delivery_date: '2025-01-01',
      usage_unit: 'mi',
    });
    const today = await grid(v.id);
    expect(today.on).toBe('2026-03-10'); // the test clock: 2026-03-10T14:00Z, 10:00 in Montréal
    expect(today.unit).toBe('mi');
    const later = await grid(v.id, '2040-01-01');
    expect(later.items.every((i) => i.status === 'overdue')).toBe(true);
    expect(later.items.map((i) => i.next_due_on)).toEqual(today.items.map((i) => i.next_due_on));
    const bad = await owner.request({
      method: 'GET',
      url: `/api/v1/vehicles/${v.id}/maintenance-grid?on=2026-02-30`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'invalid_input', field: 'on' } });
    expect(
      (await owner.request({ method: 'GET', url: `/api/v1/vehicles/${v.id + 10_000}/maintenance-grid` }))
        .statusCode,
    ).toBe(404);
  });
});

describe('who may', () => {
  it('a CRM agent reads schedules but cannot change them; an API token reads the grid, not the schedules', async () => {
    const agent = await signIn(
      api.app,
      (await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'crm_agent' }])).email,
    );
    expect((await agent.request({ method: 'GET', url: base() })).statusCode).toBe(200);
    const post = await agent.request({
      method: 'POST',
      url: base(),
      payload: { ...ev, make: 'Kia', model: null },
    });
    expect(post.statusCode).toBe(403);
    const token = tokenClient(api.app, (await makeApiToken(api.t.db, shop.orgId, ['read', 'write'])).token);
    const v = await makeVehicle(api.t.db, shop, null);
    expect(
      (await token.request({ method: 'GET', url: `/api/v1/vehicles/${v.id}/maintenance-grid` })).statusCode,
    ).toBe(200);
    expect((await token.request({ method: 'GET', url: base() })).statusCode).toBe(403);
  });
});
