// REVIEW (issue 18): the location's public review link after a completed visit. The same link for
// every customer, whatever they answered to the E03 survey (no review gating); nothing without a
// link; decided once; rendered in the customer's language with the link escaped like every field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../test/helpers/factories.ts';
import { makeRepairOrder, outbox, runShopDays } from '../../../test/helpers/engine.ts';
import type { Language } from '../../domain/language.ts';
import type { MessagePayload } from '../../domain/messages/payload.ts';
import { addDays } from '../../domain/time/dates.ts';
import { buildMergeData } from '../../delivery/merge/build-merge-data.ts';
import { renderText } from '../../delivery/sms/text-templates.ts';
import { renderTemplate } from '../../delivery/templates/render-message.ts';
import { deriveKeys } from '../../security/keys.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

const D = '2026-05-10';
const LINK = 'https://search.google.com/local/writereview?placeid=ChIJ&hl=en';
type Shop = Awaited<ReturnType<typeof makeShop>>;

/** A closed visit the day before D, its E03 survey answered with `rating`. */
async function visit(shop: Shop, rating: number | null, values: Parameters<typeof makeCustomer>[2] = {}) {
  const c = await makeCustomer(t.db, shop, values);
  const ro = await makeRepairOrder(t.db, shop, {
    customerId: c.id,
    vehicleId: null,
    closedOn: addDays(D, -1),
    isMaintenance: true,
  });
  if (rating !== null)
    await t.db
      .insertInto('surveys')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        customer_id: c.id,
        repair_order_id: ro.id,
        rating,
        comment: rating < 3 ? 'Too slow, too expensive' : 'Great work',
        answered_at: new Date(`${addDays(D, -1)}T20:00:00Z`),
      })
      .execute();
  return c;
}

async function render(shop: Shop, kindMessage: Awaited<ReturnType<typeof outbox>>[number]) {
  const location = await t.db
    .selectFrom('locations')
    .selectAll()
    .where('org_id', '=', shop.orgId)
    .where('id', '=', shop.locationId)
    .executeTakeFirstOrThrow();
  const customer = await t.db
    .selectFrom('customers')
    .selectAll()
    .where('org_id', '=', shop.orgId)
    .where('id', '=', kindMessage.customer_id!)
    .executeTakeFirstOrThrow();
  const language = kindMessage.language;
  const data = buildMergeData(
    { message: kindMessage, language, location, customer, staff: null, surveys: [] },
    { publicUrl: 'http://relance.test', keys: deriveKeys('00'.repeat(32)), now: new Date(`${D}T12:00:00Z`) },
  );
  const email = await renderTemplate({ kind: 'REVIEW', channel: 'email', language }, data);
  const postcard = await renderTemplate({ kind: 'REVIEW', channel: 'postcard', language }, data);
  const text = renderText({ kind: 'REVIEW', language, override: null }, data);
  return { email, postcard, text };
}

describe('REVIEW: the review link after a completed visit', () => {
  it('goes to every customer of the visit, whatever their survey answer (no gating), with the link', async () => {
    const shop = await makeShop(t.db, { review_link: LINK });
    const unhappy = await visit(shop, 1);
    const happy = await visit(shop, 5);
    const silent = await visit(shop, null);
    await runShopDays(t.db, shop, [D]);
    const made = await outbox(t.db, shop, 'REVIEW');
    expect(made.map((m) => [m.customer_id, m.channel, m.status, m.due_on]).sort()).toEqual(
      [
        [unhappy.id, 'email', 'pending', D],
        [happy.id, 'email', 'pending', D],
        [silent.id, 'email', 'pending', D],
      ].sort(),
    );
    for (const m of made) expect((m.payload as MessagePayload).review_link).toBe(LINK);
    // The very same link in what the unhappy and the happy customer read.
    const a = await render(
      shop,
      made.find((m) => m.customer_id === unhappy.id)!,
    );
    const b = await render(
      shop,
      made.find((m) => m.customer_id === happy.id)!,
    );
    const escaped = LINK.replace(/&/g, '&amp;');
    for (const r of [a, b]) {
      expect(r.email.html).toContain(`href="${escaped}"`);
      expect(r.email.text).toContain(LINK);
      expect(r.postcard.text).toContain(LINK);
      expect(r.text).toContain(LINK);
    }
  });

  it('is decided once: a second run of the day and the next days add nothing', async () => {
    const shop = await makeShop(t.db, { review_link: LINK });
    const c = await visit(shop, 4);
    await runShopDays(t.db, shop, [D, D, addDays(D, 1), addDays(D, 2)]);
    const made = await outbox(t.db, shop, 'REVIEW');
    expect(made.map((m) => [m.customer_id, m.dedupe_key])).toEqual([[c.id, `c${c.id}/-/REVIEW/${D}`]]);
    // Another visit within the year: not asked again.
    await makeRepairOrder(t.db, shop, { customerId: c.id, vehicleId: null, closedOn: addDays(D, 60) });
    await runShopDays(t.db, shop, [addDays(D, 61)]);
    expect(await outbox(t.db, shop, 'REVIEW')).toHaveLength(1);
  });

  it('decides nothing while the location has no review link', async () => {
    const shop = await makeShop(t.db);
    await visit(shop, 5);
    await visit(shop, 1);
    await runShopDays(t.db, shop, [D]);
    expect(await outbox(t.db, shop, 'REVIEW')).toEqual([]);
  });

  it('honours Do Not Mail and the postcard setting like every kind', async () => {
    const shop = await makeShop(t.db, { review_link: LINK });
    const dnm = await visit(shop, 5, { do_not_mail: true });
    await visit(shop, 5, { email: null });
    await runShopDays(t.db, shop, [D]);
    const made = await outbox(t.db, shop, 'REVIEW');
    // Without email, and postcards off for REVIEW by default: nothing for the second either.
    expect(made.filter((m) => m.status === 'pending')).toEqual([]);
    expect(made.filter((m) => m.customer_id === dnm.id && m.status !== 'held')).toEqual([]);
  });

  it.each([
    ['fr', /Comment s’est passée votre visite chez Garage Test/, /Donnez votre avis/],
    ['es', /¿Qué tal fue su visita a Garage Test\?/, /Denos su opinion/],
  ] as const)('in %s, with the link escaped like every field', async (language, subject, text) => {
    const hostile = 'https://reviews.example/g?x="><script>alert(1)</script>&y=1';
    const shop = await makeShop(t.db, { review_link: hostile });
    await visit(shop, 2, { language: language as Language });
    await runShopDays(t.db, shop, [D]);
    const [m] = await outbox(t.db, shop, 'REVIEW');
    expect(m).toMatchObject({ language, channel: 'email', status: 'pending' });
    const r = await render(shop, m!);
    expect(r.email.subject).toMatch(subject);
    expect(r.text).toMatch(text);
    expect(r.email.html).not.toContain('<script>');
    expect(r.email.html).toMatch(/href="https:\/\/reviews\.example\/g\?x=[^"<>]*"/);
  });
});
