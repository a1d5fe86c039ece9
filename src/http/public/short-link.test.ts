// The short link of a text opens the customer's portal; an unknown, foreign or expired code does not.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeMessage, testContext } from '../../../test/helpers/delivery.ts';
import { makeTextCustomer, makeTextShop } from '../../../test/helpers/texts.ts';
import type { AppContext } from '../../context.ts';
import { shortLinkFor } from '../../delivery/sms/short-links.ts';
import { buildApp } from '../app.ts';

let t: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
const NOW = new Date('2026-12-04T15:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = testContext(t, {}, () => NOW);
  app = await buildApp(ctx);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('short links of texts', () => {
  it('lead to the portal sign-in of their customer, one code per message, for 60 days', async () => {
    const shop = await makeTextShop(t.db, ctx.keys, null);
    const c = await makeTextCustomer(t.db, shop);
    const m = await makeMessage(t.db, shop, { kind: 'THANK_YOU', channel: 'sms', customer_id: c.id });
    const link = await shortLinkFor(t.db, ctx.config.publicUrl, { ...m, customer_id: c.id }, NOW);
    expect(link).toMatch(new RegExp(`^http://relance\\.test/t/${shop.orgId}/[\\w-]{8}$`));
    expect(link.length).toBeLessThan(40);
    // A retry of the same message reuses the code.
    expect(await shortLinkFor(t.db, ctx.config.publicUrl, { ...m, customer_id: c.id }, NOW)).toBe(link);
    const path = new URL(link).pathname;
    const res = await app.inject({ method: 'GET', url: path });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toMatch(/^http:\/\/relance\.test\/portal\/go\//);
    const signedIn = await app.inject({ method: 'GET', url: new URL(res.headers.location!).pathname });
    expect(signedIn.statusCode).toBeLessThan(400);

    // Another organization's number in the path, a made-up code, an expired code: not valid.
    const code = path.split('/')[3]!;
    expect((await app.inject({ method: 'GET', url: `/t/${shop.orgId + 1000}/${code}` })).statusCode).toBe(
      404,
    );
    expect((await app.inject({ method: 'GET', url: `/t/${shop.orgId}/nothing00` })).statusCode).toBe(404);
    await t.db
      .updateTable('sms_links')
      .set({ expires_at: new Date(NOW.getTime() - 1) })
      .where('code', '=', code)
      .execute();
    expect((await app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
  });
});
