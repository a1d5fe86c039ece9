// A staff-written template that makes MJML or the text pass work for minutes (issue 12, item 1):
// it compiles on a pool thread with a time limit, so the preview answers a clear 422 within the
// limit and /health keeps answering meanwhile; a body past the size limit is refused by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiTest, makeStaff, signIn, type ApiTest, type Client } from '../../../../test/helpers/api.ts';
import { makeShop } from '../../../../test/helpers/factories.ts';
import { COMPILE_TIME_LIMIT_MS } from '../../../delivery/templates/email-compile-pool.ts';
import { MAX_TEMPLATE_LENGTH } from '../../../delivery/templates/validate.ts';

let api: ApiTest;
let staff: Client;
let locationId: number;

beforeAll(async () => {
  api = await createApiTest();
  const shop = await makeShop(api.t.db);
  locationId = shop.locationId;
  const manager = await makeStaff(api.t.db, shop, [{ locationId, role: 'manager' }]);
  staff = await signIn(api.app, manager.email);
});
afterAll(() => api.close());

// 2,222 × `<a href="`: under the size limit, and minutes of regular-expression backtracking.
const HOSTILE = '<a href="'.repeat(2_222) + 'x';

const preview = (body: string) =>
  staff.request({
    method: 'POST',
    url: `/api/v1/locations/${locationId}/templates/preview`,
    payload: { kind: 'THANK_YOU', channel: 'email', language: 'en', subject: 'Hello', body },
  });

describe('a hostile template preview', () => {
  it('answers 422 naming the body within the time limit, while /health stays responsive', async () => {
    expect(HOSTILE.length).toBeLessThan(MAX_TEMPLATE_LENGTH.body);
    const started = performance.now();
    let done = false;
    const answer = preview(HOSTILE).finally(() => (done = true));
    const health: number[] = [];
    while (!done) {
      const t = performance.now();
      const res = await api.app.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(200);
      health.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
    const res = await answer;
    const took = performance.now() - started;
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'template_too_complex', field: 'body' });
    expect(took).toBeLessThan(COMPILE_TIME_LIMIT_MS + 15_000); // + a thread loading MJML on a busy machine
    expect(health.length).toBeGreaterThan(10);
    // Generous for a busy 2-core machine: a blocked event loop shows as seconds, not ms.
    expect(Math.max(...health)).toBeLessThan(500);
  }, 30_000);

  it('is refused on save too, so no send worker ever meets it', async () => {
    const res = await staff.request({
      method: 'PUT',
      url: `/api/v1/locations/${locationId}/templates/THANK_YOU/email/en`,
      payload: { subject: 'Hello', body: HOSTILE },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'template_too_complex', field: 'body' });
    const saved = await api.t.db.selectFrom('templates').select('id').where('location_id', '=', locationId);
    expect(await saved.execute()).toEqual([]);
  }, 30_000);

  it('refuses a body past the size limit with a 400 naming it', async () => {
    const res = await preview('x'.repeat(MAX_TEMPLATE_LENGTH.body + 1));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('body');
  });

  it('still renders a real template, in French too', async () => {
    const res = await preview('<p>Merci {{mailing_name}}, à bientôt.</p>');
    expect(res.statusCode).toBe(200);
    expect(res.json().html).toContain('Merci Marie-Ève Lévesque');
  }, 30_000);
});
