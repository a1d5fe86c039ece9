// The General tab's public review link (review requests, docs/engine.md#review-requests):
// https:// only, refused on its field in the user's language; absent leaves it, null clears it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName } from '../../../../test/helpers/db.ts';
import { makeShop } from '../../../../test/helpers/factories.ts';
import { createApiTest, makeStaff, signIn, type ApiTest, type Client } from '../../../../test/helpers/api.ts';

let api: ApiTest;
let shop: Awaited<ReturnType<typeof makeShop>>;
let owner: Client;
beforeAll(async () => {
  api = await createApiTest();
  shop = await makeShop(api.t.db);
  const user = await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }]);
  await api.t.db.updateTable('users').set({ language: 'fr' }).where('id', '=', user.id).execute();
  owner = await signIn(api.app, user.email);
});
afterAll(async () => api?.close());

const general = async () =>
  (
    (await owner.request({ method: 'GET', url: `/api/v1/locations/${shop.locationId}/settings` })).json() as {
      general: Record<string, unknown>;
    }
  ).general;
const save = (body: Record<string, unknown>) =>
  owner.request({
    method: 'PUT',
    url: `/api/v1/locations/${shop.locationId}/settings/general`,
    payload: body,
  });

describe(`the review link of the General tab on ${backendName}`, () => {
  it('is https only, kept when absent, cleared with null, audited', async () => {
    const before = await general();
    expect(before.review_link).toBeNull();
    for (const bad of [
      'http://g.page/r/x/review',
      'javascript:alert(1)',
      'https://localhost',
      'mailto:a@b.c',
    ]) {
      const res = await save({ ...before, review_link: bad });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json()).toEqual({
        error: {
          code: 'invalid_input',
          field: 'review_link',
          message: 'review_link : doit être une adresse https://',
        },
      });
    }
    const link = 'https://search.google.com/local/writereview?placeid=ChIJ';
    expect((await save({ ...before, review_link: ` ${link} ` })).statusCode).toBe(200);
    expect((await general()).review_link).toBe(link);
    const { review_link: _omitted, ...withoutLink } = before;
    expect((await save({ ...withoutLink, business_owner: 'Pat' })).statusCode).toBe(200);
    expect((await general()).review_link).toBe(link);
    expect((await save({ ...before, review_link: null })).statusCode).toBe(200);
    expect((await general()).review_link).toBeNull();
    const audited = await api.t.db
      .selectFrom('audit_log')
      .select('changes')
      .where('org_id', '=', shop.orgId)
      .where('action', '=', 'settings_general')
      .orderBy('id')
      .execute();
    expect(audited.map((a) => (a.changes as Record<string, unknown>).review_link).filter(Boolean)).toEqual([
      { from: null, to: link },
      { from: link, to: null },
    ]);
  });
});
