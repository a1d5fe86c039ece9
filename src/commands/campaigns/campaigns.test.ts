// Campaigns through their commands on the real database: segment filters pick exactly the
// customers worked out by hand, the preview counts what the run would do (held and why) and keeps
// nothing, the run sends a campaign once however often its day is run, and cancel stops it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../../test/helpers/factories.ts';
import { allRulesOff, outbox, runShopDays } from '../../../test/helpers/engine.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { createCampaign, type NewCampaign } from './create-campaign.ts';
import { previewCampaign } from './preview-campaign.ts';
import { sendCampaign } from './send-campaign.ts';
import { cancelCampaign } from './cancel-campaign.ts';
import { updateCampaign } from './update-campaign.ts';
import { InputError } from '../input-error.ts';

let t: TestDatabase;
type Shop = Awaited<ReturnType<typeof makeShop>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const D = '2026-05-12'; // the send day; "today" in these tests is D
const NOW = new Date(`${D}T15:00:00Z`);
const scopeOf = (shop: Shop): Scope => ({
  orgId: shop.orgId,
  actor: { type: 'user', id: 1 },
  userId: null,
  locationIds: [shop.locationId],
});
const content = { en: { subject: 'Spring check-up', body: 'Hello {{mailing_name}}, come and see us.' } };

async function create(shop: Shop, input: Omit<NewCampaign, 'locationId'>) {
  return t.db
    .transaction()
    .execute((trx) => createCampaign(trx, scopeOf(shop), { ...input, locationId: shop.locationId }, NOW));
}
const preview = (shop: Shop, id: number) =>
  previewCampaign(t.db, scopeOf(shop), { id, on: D, today: D }, NOW);
const names = async (shop: Shop, id: number) => (await preview(shop, id))!.sample.map((s) => s.name).sort();

/**
 * Hand-worked shop (send day 2026-05-12):
 *   Ann   en, Honda, last visit 2025-09-01 (8 months back)        inactive 6-12: yes
 *   Ben   fr, Toyota, last visit 2026-02-10 (3 months)             no
 *   Cleo  en, her Honda is sold, Ford active, 2025-07-01 (10 mo)   Honda: no (sold); inactive: yes
 *   Dora  fr, no vehicle, last visit 2025-06-01 (11 months)        inactive: yes
 *   Eli   en, Honda + Toyota, last visit 2025-05-01 (12 months+)   inactive: no (more than 12)
 *   Finn  es, Toyota whose maintenance falls due 2026-06-01        maintenance within 30: yes
 *   Gus   no language (the location's: en), never visited
 */
async function handWorkedShop() {
  const shop = await makeShop(t.db);
  await allRulesOff(t.db, shop);
  await t.db
    .updateTable('message_rules')
    .set({ days: 1 })
    .where('org_id', '=', shop.orgId)
    .where('location_id', '=', shop.locationId)
    .where('kind', '=', 'CAMPAIGN')
    .where('channel', '=', 'email')
    .execute();
  const c = (mailing_name: string, language: 'en' | 'fr' | 'es' | null, last_visit_on: string | null) =>
    makeCustomer(t.db, shop, { mailing_name, language, last_visit_on });
  const ann = await c('Ann', 'en', '2025-09-01');
  await makeVehicle(t.db, shop, ann.id, { make: 'Honda' });
  const ben = await c('Ben', 'fr', '2026-02-10');
  await makeVehicle(t.db, shop, ben.id, { make: 'Toyota' });
  const cleo = await c('Cleo', 'en', '2025-07-01');
  await makeVehicle(t.db, shop, cleo.id, { make: 'honda ', status: 'sold' });
  await makeVehicle(t.db, shop, cleo.id, { make: 'Ford' });
  await c('Dora', 'fr', '2025-06-01');
  const eli = await c('Eli', 'en', '2025-05-01');
  const eliHonda = await makeVehicle(t.db, shop, eli.id, { make: 'HONDA', model: 'Civic' });
  await makeVehicle(t.db, shop, eli.id, { make: 'Toyota' });
  const finn = await c('Finn', 'es', '2026-01-15');
  const finnCar = await makeVehicle(t.db, shop, finn.id, { make: 'Toyota' });
  await c('Gus', null, null);
  // Predictions: a first run computes them; then Finn's falls due in 20 days, nobody else's soon.
  await runShopDays(t.db, shop, ['2026-05-01']);
  await t.db
    .updateTable('vehicle_maintenance')
    .set({ next_due_on: '2027-01-01' })
    .where('org_id', '=', shop.orgId)
    .execute();
  await t.db
    .insertInto('vehicle_maintenance')
    .values({
      org_id: shop.orgId,
      vehicle_id: finnCar.id,
      location_id: shop.locationId,
      next_due_on: '2026-06-01',
    })
    .onConflict((oc) => oc.columns(['org_id', 'vehicle_id']).doUpdateSet({ next_due_on: '2026-06-01' }))
    .execute();
  return { shop, ann, ben, cleo, eli, eliHonda, finn };
}

describe('segments', () => {
  it('select exactly the hand-worked customers, and the preview keeps nothing', async () => {
    const { shop, eliHonda } = await handWorkedShop();
    const all = await create(shop, { name: 'All', content });
    expect(await names(shop, all.id)).toEqual(['Ann', 'Ben', 'Cleo', 'Dora', 'Eli', 'Finn', 'Gus']);
    const honda = await create(shop, { name: 'Honda', content, segment: { vehicle_make: 'honda' } });
    expect(await names(shop, honda.id)).toEqual(['Ann', 'Eli']);
    const inactive = await create(shop, {
      name: 'Inactive',
      content,
      segment: { inactive_min_months: 6, inactive_max_months: 12 },
    });
    expect(await names(shop, inactive.id)).toEqual(['Ann', 'Cleo', 'Dora']);
    const french = await create(shop, { name: 'FR', content, segment: { language: 'fr' } });
    expect(await names(shop, french.id)).toEqual(['Ben', 'Dora']);
    const english = await create(shop, { name: 'EN', content, segment: { language: 'en' } });
    expect(await names(shop, english.id)).toEqual(['Ann', 'Cleo', 'Eli', 'Gus']);
    const due = await create(shop, { name: 'Due', content, segment: { maintenance_within_days: 30 } });
    expect(await names(shop, due.id)).toEqual(['Finn']);
    const both = await create(shop, {
      name: 'Honda inactive',
      content,
      segment: { vehicle_make: 'Honda', inactive_min_months: 6, inactive_max_months: 12 },
    });
    expect(await names(shop, both.id)).toEqual(['Ann']);
    // Nothing of the previews was kept.
    expect(await outbox(t.db, shop, 'CAMPAIGN')).toEqual([]);
    const statuses = await t.db
      .selectFrom('campaigns')
      .select('status')
      .where('org_id', '=', shop.orgId)
      .execute();
    expect(statuses.every((s) => s.status === 'draft')).toBe(true);
    // A vehicle filter names only the matching vehicles: Eli's message is about his Honda.
    await t.db
      .transaction()
      .execute((trx) => sendCampaign(trx, scopeOf(shop), { id: honda.id, send_on: D, today: D }, NOW));
    const sent = await outbox(t.db, shop, 'CAMPAIGN');
    const eliMessage = sent.find((m) => m.vehicle_id === eliHonda.id)!;
    expect(
      (eliMessage.payload as { vehicles: Array<{ model: string }> }).vehicles.map((v) => v.model),
    ).toEqual(['Civic']);
  });
});

describe('preview counts and holds', () => {
  it('counts who would get it and who is held and why, per channel and language', async () => {
    const shop = await makeShop(t.db, { cap_count: 1, cap_days: 7 });
    await allRulesOff(t.db, shop);
    await t.db
      .updateTable('message_rules')
      .set({ days: 1 })
      .where('org_id', '=', shop.orgId)
      .where('location_id', '=', shop.locationId)
      .where('kind', '=', 'CAMPAIGN')
      .where('channel', '=', 'email')
      .execute();
    await makeCustomer(t.db, shop, { mailing_name: 'Ok en', language: 'en' });
    await makeCustomer(t.db, shop, { mailing_name: 'Ok fr', language: 'fr' });
    await makeCustomer(t.db, shop, { mailing_name: 'Ok fr 2', language: 'fr' });
    await makeCustomer(t.db, shop, { mailing_name: 'Dnm', do_not_mail: true });
    await makeCustomer(t.db, shop, { mailing_name: 'No consent', consent_basis: null, consent_date: null });
    await makeCustomer(t.db, shop, { mailing_name: 'No email', email: null });
    const capped = await makeCustomer(t.db, shop, { mailing_name: 'Capped' });
    await t.db
      .insertInto('messages')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        kind: 'INACTIVE',
        channel: 'email',
        customer_id: capped.id,
        due_on: '2026-05-10',
        dedupe_key: `c${capped.id}/-/INACTIVE/2026-05-10`,
        status: 'sent',
        payload: '{}',
      })
      .execute();
    const c = await create(shop, {
      name: 'Mixed',
      content: { ...content, fr: { subject: 'Printemps', body: 'Bonjour {{mailing_name}}' } },
    });
    const p = (await preview(shop, c.id))!;
    expect(p).toMatchObject({ day: D, decided: false, total: 7, to_send: 3, held: 4 });
    expect(p.held_by_reason).toEqual([
      { reason: 'do_not_mail', count: 1 },
      { reason: 'frequency_cap', count: 1 },
      { reason: 'no_consent', count: 1 },
      { reason: 'no_email', count: 1 },
    ]);
    expect(p.by_channel_language.filter((r) => r.status === 'pending')).toEqual([
      { channel: 'email', language: 'en', status: 'pending', count: 1 },
      { channel: 'email', language: 'fr', status: 'pending', count: 2 },
    ]);
    expect(await outbox(t.db, shop, 'CAMPAIGN')).toEqual([]);
  });
});

describe('sending', () => {
  it('runs once: the day run twice, and a send for today, make each message once', async () => {
    const { shop } = await handWorkedShop();
    const later = await create(shop, { name: 'Later', content, segment: { language: 'fr' } });
    await t.db
      .transaction()
      .execute((trx) =>
        sendCampaign(trx, scopeOf(shop), { id: later.id, send_on: '2026-05-14', today: D }, NOW),
      );
    expect(await outbox(t.db, shop, 'CAMPAIGN')).toEqual([]);
    await runShopDays(t.db, shop, ['2026-05-14']);
    await runShopDays(t.db, shop, ['2026-05-14']);
    const made = await outbox(t.db, shop, 'CAMPAIGN');
    expect(made.map((m) => [m.status, m.dedupe_key.split('/')[1]])).toEqual([
      ['pending', `k${later.id}`],
      ['pending', `k${later.id}`],
    ]);
    const row = await t.db
      .selectFrom('campaigns')
      .selectAll()
      .where('id', '=', later.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
    // Counted from the outbox once sent.
    expect(await previewCampaign(t.db, scopeOf(shop), { id: later.id, today: D }, NOW)).toMatchObject({
      decided: true,
      to_send: 2,
    });
    // A sent campaign is kept as it was.
    await expect(
      t.db
        .transaction()
        .execute((trx) => updateCampaign(trx, scopeOf(shop), { id: later.id, name: 'x' }, NOW)),
    ).rejects.toThrow(InputError);

    const today = await create(shop, { name: 'Today', content, segment: { vehicle_make: 'Toyota' } });
    await t.db
      .transaction()
      .execute((trx) => sendCampaign(trx, scopeOf(shop), { id: today.id, send_on: D, today: D }, NOW));
    await runShopDays(t.db, shop, [D]);
    const toyota = (await outbox(t.db, shop, 'CAMPAIGN')).filter((m) =>
      m.dedupe_key.includes(`/k${today.id}/`),
    );
    expect(toyota.length).toBe(3); // Ben, Eli, Finn
  });

  it('cancelled before its day, the run makes nothing; a sent one cannot be cancelled', async () => {
    const { shop } = await handWorkedShop();
    const c = await create(shop, { name: 'Stop', content });
    await t.db
      .transaction()
      .execute((trx) => sendCampaign(trx, scopeOf(shop), { id: c.id, send_on: '2026-05-13', today: D }, NOW));
    const cancelled = await t.db
      .transaction()
      .execute((trx) => cancelCampaign(trx, scopeOf(shop), { id: c.id }, NOW));
    expect(cancelled?.status).toBe('cancelled');
    await runShopDays(t.db, shop, ['2026-05-13']);
    expect(await outbox(t.db, shop, 'CAMPAIGN')).toEqual([]);

    const sent = await create(shop, { name: 'Gone', content, segment: { language: 'es' } });
    await t.db
      .transaction()
      .execute((trx) => sendCampaign(trx, scopeOf(shop), { id: sent.id, send_on: D, today: D }, NOW));
    await expect(
      t.db.transaction().execute((trx) => cancelCampaign(trx, scopeOf(shop), { id: sent.id }, NOW)),
    ).rejects.toThrow('has been sent');
  });

  it('refuses a day in the past, script in the message, an unknown field, and no message at all', async () => {
    const shop = await makeShop(t.db);
    const c = await create(shop, { name: 'X', content });
    await expect(
      t.db
        .transaction()
        .execute((trx) =>
          sendCampaign(trx, scopeOf(shop), { id: c.id, send_on: '2026-05-11', today: D }, NOW),
        ),
    ).rejects.toMatchObject({ field: 'send_on' });
    await expect(
      create(shop, { name: 'Bad', content: { en: { subject: 'Hi', body: 'Hi <script>alert(1)</script>' } } }),
    ).rejects.toMatchObject({ field: 'content.en.body' });
    await expect(
      create(shop, { name: 'Bad', content: { fr: { subject: 'Hi {{nope}}', body: 'x' } } }),
    ).rejects.toMatchObject({
      field: 'content.fr.subject',
    });
    await expect(create(shop, { name: 'Empty' })).rejects.toMatchObject({ field: 'content' });
    await expect(
      create(shop, { name: 'Months', content, segment: { inactive_min_months: 12, inactive_max_months: 6 } }),
    ).rejects.toMatchObject({ field: 'segment.inactive_max_months' });
  });
});
