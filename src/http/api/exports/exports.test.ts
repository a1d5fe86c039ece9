// The exports API: a location's partner export runs, newest first and by partner, and a day's file
// as the partner receives it; a partner not set up is a 409 in the reader's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName } from '../../../../test/helpers/db.ts';
import { makeShop } from '../../../../test/helpers/factories.ts';
import { createApiTest, makeStaff, signIn, type ApiTest, type Client } from '../../../../test/helpers/api.ts';
import { setPartner } from '../../../../test/helpers/partners.ts';

let api: ApiTest;
let shop: Awaited<ReturnType<typeof makeShop>>;
let owner: Client;

beforeAll(async () => {
  api = await createApiTest();
  shop = await makeShop(api.t.db);
  const staff = await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }]);
  await api.t.db.updateTable('users').set({ language: 'fr' }).where('id', '=', staff.id).execute();
  owner = await signIn(api.app, staff.email);
  const run = (partner: string, run_on: string, status: 'succeeded' | 'failed') => ({
    org_id: shop.orgId,
    location_id: shop.locationId,
    partner,
    run_on,
    status,
    rows: status === 'succeeded' ? 12 : null,
    bytes: status === 'succeeded' ? 2048 : null,
    error: status === 'failed' ? 'upload refused: 503' : null,
  });
  await api.t.db
    .insertInto('export_runs')
    .values([
      run('mechanicnet', '2026-11-20', 'succeeded'),
      run('carfax', '2026-11-21', 'failed'),
      run('mechanicnet', '2026-11-21', 'succeeded'),
    ])
    .execute();
});
afterAll(async () => api?.close());

describe(`exports on ${backendName}`, () => {
  it('lists the runs newest first, by partner, a page at a time', async () => {
    const url = `/api/v1/locations/${shop.locationId}/export-runs`;
    const all = (await owner.request({ method: 'GET', url })).json() as {
      items: Array<{ partner: string; run_on: string; status: string; error: string | null }>;
    };
    expect(all.items.map((r) => [r.partner, r.run_on, r.status])).toEqual([
      ['mechanicnet', '2026-11-21', 'succeeded'],
      ['carfax', '2026-11-21', 'failed'],
      ['mechanicnet', '2026-11-20', 'succeeded'],
    ]);
    expect(all.items[1]!.error).toBe('upload refused: 503');
    const first = (
      await owner.request({ method: 'GET', url: `${url}?partner=mechanicnet&limit=1` })
    ).json() as {
      items: Array<{ run_on: string }>;
      next_cursor: string;
    };
    expect(first.items.map((r) => r.run_on)).toEqual(['2026-11-21']);
    const second = (
      await owner.request({
        method: 'GET',
        url: `${url}?partner=mechanicnet&limit=1&cursor=${first.next_cursor}`,
      })
    ).json() as { items: Array<{ run_on: string }>; next_cursor: string | null };
    expect(second.items.map((r) => r.run_on)).toEqual(['2026-11-20']);
    expect(second.next_cursor).toBeNull();
  });

  it('serves a day’s file as the partner receives it, and refuses a partner not set up in French', async () => {
    const file = `/api/v1/locations/${shop.locationId}/exports/mechanicnet/2026-11-21/file`;
    const refused = await owner.request({ method: 'GET', url: file });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      error: {
        code: 'partner_not_set_up',
        message:
          'MechanicNET n’est pas configuré pour cet établissement; configurez-le d’abord dans la configuration CRM',
      },
    });
    await setPartner(api.ctx, shop, 'mechanicnet', {
      settings: { shop_id: 'MN-1', endpoint: 'http://127.0.0.1:9/x' },
    });
    const res = await owner.request({ method: 'GET', url: file });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="mechanicnet-${shop.location.code}-2026-11-21.csv"`,
    );
    expect(res.body.split(/\r?\n/)[0]).toMatch(/^shop_id,shop_name,ro_number/);
  });
});
