// GET /me gives a reloaded console its session's CSRF token back; PATCH /me lets any staff user
// (even a technician, who may not manage users) pick their own language, which then applies to
// their API errors. Tokens get no CSRF token and cannot change a user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiTest,
  makeApiToken,
  makeStaff,
  signIn,
  tokenClient,
  type ApiTest,
} from '../../../../test/helpers/api.ts';
import { makeShop } from '../../../../test/helpers/factories.ts';

let api: ApiTest;
let shop: Awaited<ReturnType<typeof makeShop>>;

beforeAll(async () => {
  api = await createApiTest();
  shop = await makeShop(api.t.db);
});
afterAll(async () => api?.close());

describe('/me', () => {
  it('returns the session CSRF token and saves the caller’s own language', async () => {
    const tech = await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'technician' }]);
    const client = await signIn(api.app, tech.email);
    const me = (await client.request({ method: 'GET', url: '/api/v1/me' })).json() as { csrf_token: string };
    expect(me.csrf_token).toBe(client.csrf);

    const res = await client.request({ method: 'PATCH', url: '/api/v1/me', payload: { language: 'es' } });
    expect(res.statusCode).toBe(200);
    const row = await api.t.db
      .selectFrom('users')
      .select('language')
      .where('id', '=', tech.id)
      .executeTakeFirstOrThrow();
    expect(row.language).toBe('es');
    const audit = await api.t.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'changes'])
      .where('entity', '=', 'user')
      .where('entity_id', '=', String(tech.id))
      .where('action', '=', 'update')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changes).toEqual({ language: { from: 'en', to: 'es' } });

    // Errors now come in Spanish, naming the field.
    const bad = await client.request({ method: 'PATCH', url: '/api/v1/me', payload: { language: 'de' } });
    expect(bad.statusCode).toBe(400);
    const err = (bad.json() as { error: { message: string } }).error;
    expect(err.message).toMatch(/^language/);
    expect(err.message).not.toMatch(/Invalid/);

    const noCsrf = await client.request({
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { language: 'fr' },
      headers: { 'x-csrf-token': 'nope' },
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('gives API tokens no CSRF token and no way to change a user', async () => {
    const { token } = await makeApiToken(api.t.db, shop.orgId, ['read', 'write']);
    const client = tokenClient(api.app, token);
    const me = await client.request({ method: 'GET', url: '/api/v1/me' });
    expect([200, 403]).toContain(me.statusCode);
    if (me.statusCode === 200) expect((me.json() as { csrf_token: unknown }).csrf_token).toBeNull();
    const patch = await client.request({ method: 'PATCH', url: '/api/v1/me', payload: { language: 'fr' } });
    expect(patch.statusCode).toBe(403);
  });
});
