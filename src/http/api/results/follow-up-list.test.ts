// The follow-up list as CSV (API; the CLI writes the same bytes: src/cli/commands/results), and unsubscribed / bounced counts per day and kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiTest, makeStaff, signIn, type ApiTest, type Client } from '../../../../test/helpers/api.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../../../test/helpers/factories.ts';
import { makeMessage } from '../../../../test/helpers/delivery.ts';

let api: ApiTest;
let shop: Awaited<ReturnType<typeof makeShop>>;
let owner: Client;

beforeAll(async () => {
  api = await createApiTest();
  shop = await makeShop(api.t.db, { code: 'FUL' });
  owner = await signIn(
    api.app,
    (await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }])).email,
  );
  const zoe = await makeCustomer(api.t.db, shop, {
    mailing_name: 'Zoé Côté, "Garage" inc.',
    address_line1: '12 rue des Érables',
    city: 'Québec',
  });
  const bob = await makeCustomer(api.t.db, shop, {
    mailing_name: '=HYPERLINK("http://x")',
    phone: '+1 514-555-0101',
  });
  const car = await makeVehicle(api.t.db, shop, zoe.id, {
    year: 2019,
    make: 'Honda',
    model: 'Civic',
    plate: 'QC123',
  });
  await makeMessage(api.t.db, shop, {
    customer_id: zoe.id,
    vehicle_id: car.id,
    kind: 'REMINDER_1',
    due_on: '2026-03-09',
    status: 'sent',
  });
  await makeMessage(api.t.db, shop, {
    customer_id: bob.id,
    kind: 'INACTIVE',
    due_on: '2026-03-09',
    status: 'held',
    reason: 'no_consent',
  });
  await makeMessage(api.t.db, shop, {
    customer_id: bob.id,
    kind: 'THANK_YOU',
    due_on: '2026-03-09',
    status: 'pending',
  });
  await makeMessage(api.t.db, shop, {
    customer_id: bob.id,
    kind: 'THANK_YOU',
    due_on: '2026-03-08',
    status: 'bounced',
  });
  const unsub = await makeMessage(api.t.db, shop, {
    customer_id: zoe.id,
    kind: 'THANK_YOU',
    due_on: '2026-03-08',
    status: 'sent',
  });
  await api.t.db
    .insertInto('audit_log')
    .values({
      org_id: shop.orgId,
      actor_type: 'customer',
      actor_id: zoe.id,
      action: 'unsubscribe',
      entity: 'customer',
      entity_id: String(zoe.id),
      changes: JSON.stringify({
        do_not_mail: { from: false, to: true },
        source: 'unsubscribe_link',
        message_id: unsub.id,
      }),
    })
    .execute();
});
afterAll(() => api.close());

const list = (query: string) =>
  owner.request({ method: 'GET', url: `/api/v1/locations/${shop.locationId}/follow-up-list?${query}` });

describe('follow-up list', () => {
  it('gives a day’s messages as CSV with names, addresses and vehicles, quoted, formulas defused', async () => {
    const res = await list('date=2026-03-09');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="follow-up-FUL-2026-03-09.csv"');
    expect(
      res.body.startsWith(
        '\uFEFFmessage_id,due_on,kind,channel,status,reason,language,customer_number,mailing_name,',
      ),
    ).toBe(true);
    const lines = res.body.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(4); // header, bob's two, zoé's one (sorted by name: "'=…" first)
    expect(lines[1]).toMatch(/,INACTIVE,email,held,no_consent,en,C\d+,"'=HYPERLINK\(""http:\/\/x""\)",/);
    expect(lines[1]).toContain(',+1 514-555-0101,');
    expect(lines[3]).toMatch(
      /,REMINDER_1,email,sent,,en,C\d+,"Zoé Côté, ""Garage"" inc\.",.*,12 rue des Érables,,Québec,.*,2019,Honda,Civic,QC123,$/,
    );
  });

  it('filters due, sent or held, and names a bad date or status', async () => {
    const rows = async (status: string) =>
      (await list(`date=2026-03-09&status=${status}`)).body.trimEnd().split('\r\n').length - 1;
    expect([await rows('due'), await rows('sent'), await rows('held'), await rows('all')]).toEqual([
      1, 1, 1, 3,
    ]);
    expect((await list('date=2026-02-30')).json()).toMatchObject({ error: { field: 'date' } });
    expect((await list('status=late')).json()).toMatchObject({ error: { field: 'status' } });
  });
});

describe('opt-outs', () => {
  it('counts sent, bounced and unsubscribed per day, kind and channel', async () => {
    const res = await owner.request({
      method: 'GET',
      url: `/api/v1/locations/${shop.locationId}/results/opt-outs?from=2026-03-01&to=2026-03-31`,
    });
    expect((res.json() as { items: unknown[] }).items).toEqual([
      {
        location_id: shop.locationId,
        day: '2026-03-08',
        kind: 'THANK_YOU',
        channel: 'email',
        sent: 2,
        bounced: 1,
        unsubscribed: 1,
      },
      {
        location_id: shop.locationId,
        day: '2026-03-09',
        kind: 'REMINDER_1',
        channel: 'email',
        sent: 1,
        bounced: 0,
        unsubscribed: 0,
      },
    ]);
  });
});
