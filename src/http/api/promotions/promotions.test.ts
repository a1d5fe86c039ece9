// Promotions through the API (create, schedule, edit, end, bad input named), and E07 offering
// the promotion running on the day it is decided.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiTest, makeStaff, signIn, type ApiTest, type Client } from '../../../../test/helpers/api.ts';
import { makeCustomer, makeShop } from '../../../../test/helpers/factories.ts';
import { allRulesOff, outbox, runShopDays, setRule } from '../../../../test/helpers/engine.ts';

let api: ApiTest;
let shop: Awaited<ReturnType<typeof makeShop>>;
let owner: Client;

beforeAll(async () => {
  api = await createApiTest(); // the clock reads 2026-03-10 (Toronto)
  shop = await makeShop(api.t.db);
  owner = await signIn(
    api.app,
    (await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }])).email,
  );
});
afterAll(() => api.close());

const post = (url: string, payload?: object) =>
  owner.request({ method: 'POST', url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

describe('promotions', () => {
  it('creates, schedules, edits and ends, each audited', async () => {
    const created = await post(`/locations/${shop.locationId}/promotions`, {
      name: 'Spring',
      coupon_code: 'SPRING15',
      text: { en: '15% off brakes', fr: '15 % de rabais sur les freins' },
      valid_until: '2026-04-30',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Spring',
      status: 'running',
      valid_from: null,
      ended_on: null,
    });
    const scheduled = await post(`/locations/${shop.locationId}/promotions`, {
      name: 'Summer',
      text: { en: 'A/C check' },
      valid_from: '2026-06-01',
    });
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', coupon_code: null });
    const id = (scheduled.json() as { id: number }).id;
    const edited = await owner.request({
      method: 'PATCH',
      url: `/api/v1/promotions/${id}`,
      payload: { valid_from: '2026-03-01', coupon_code: 'COOL' },
    });
    expect(edited.json()).toMatchObject({ status: 'running', coupon_code: 'COOL', valid_from: '2026-03-01' });
    const ended = await post(`/promotions/${id}/end`);
    expect(ended.json()).toMatchObject({ status: 'ended', ended_on: '2026-03-10' });
    const list = await owner.request({
      method: 'GET',
      url: `/api/v1/locations/${shop.locationId}/promotions`,
    });
    expect(
      (list.json() as { items: Array<{ name: string; status: string }> }).items.map((p) => [
        p.name,
        p.status,
      ]),
    ).toEqual([
      ['Summer', 'ended'],
      ['Spring', 'running'],
    ]);
    const audits = await api.t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'promotion')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audits.map((a) => a.action)).toEqual(['create', 'update', 'end']);
    // An ended promotion is not edited again.
    const late = await owner.request({
      method: 'PATCH',
      url: `/api/v1/promotions/${id}`,
      payload: { name: 'x' },
    });
    expect(late.statusCode).toBe(400);
    expect(late.json()).toMatchObject({ error: { code: 'invalid_input', field: 'id' } });
  });

  it('names the bad field: dates reversed, an unknown language, an empty name', async () => {
    const url = `/locations/${shop.locationId}/promotions`;
    const reversed = await post(url, {
      name: 'X',
      text: { en: 'x' },
      valid_from: '2026-05-01',
      valid_until: '2026-04-01',
    });
    expect(reversed.json()).toMatchObject({
      error: { field: 'valid_until', message: 'valid_until: must not be before valid_from' },
    });
    expect((await post(url, { name: 'X', text: { de: 'x' } })).json()).toMatchObject({
      error: { code: 'unknown_field', field: 'text.de' },
    });
    expect((await post(url, { name: ' ', text: { en: 'x' } })).json()).toMatchObject({
      error: { field: 'name' },
    });
    const running = (await post(url, { name: 'Y', text: { en: 'y' }, valid_from: '2026-03-01' })).json() as {
      id: number;
    };
    const moved = await owner.request({
      method: 'PATCH',
      url: `/api/v1/promotions/${running.id}`,
      payload: { valid_until: '2026-02-01' },
    });
    expect(moved.json()).toMatchObject({ error: { field: 'valid_until' } });
  });
});

describe('E07 offers the promotion running that day', () => {
  it('skips a scheduled one and an ended one, sends with the running one’s code and text', async () => {
    const s = await makeShop(api.t.db);
    await allRulesOff(api.t.db, s);
    await setRule(api.t.db, s, 'E07', { email: 1 });
    const c = await makeCustomer(api.t.db, s);
    const p = (name: string, values: object) =>
      api.t.db
        .insertInto('promotions')
        .values({
          org_id: s.orgId,
          location_id: s.locationId,
          name,
          coupon_code: name.toUpperCase(),
          description: JSON.stringify({ en: `${name} text` }),
          ...values,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    await p('running', { valid_from: '2026-03-01', valid_until: '2026-03-31' });
    await p('later', { valid_from: '2026-04-01' }); // newer, but not running yet on 03-11
    await p('stopped', { active: false, ended_on: '2026-03-09' });
    await api.t.db
      .insertInto('staff_tasks')
      .values({
        org_id: s.orgId,
        location_id: s.locationId,
        kind: 'P00',
        customer_id: c.id,
        assigned_role: 'crm_agent',
        status: 'done',
        outcome: 'recontacted',
        due_on: '2026-03-10',
        completed_at: new Date('2026-03-10T18:00:00Z'),
      })
      .execute();
    await runShopDays(api.t.db, s, ['2026-03-11']);
    const [e07] = await outbox(api.t.db, s, 'E07');
    expect(e07?.payload).toMatchObject({
      promotion: { name: 'running', coupon_code: 'RUNNING', valid_until: '2026-03-31' },
    });
  });
});
