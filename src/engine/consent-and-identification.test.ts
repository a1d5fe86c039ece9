// Issue 14 in the daily run: marketing needs valid consent on its day (CASL expiry), service
// needs none; a location that cannot identify itself sends nothing; appointment messages are
// never capped; a day re-run after a data change adds no second row on another channel.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../test/helpers/factories.ts';
import {
  allRulesOff,
  makeAppointment,
  makeRepairOrder,
  outbox,
  runShopDays,
  setRule,
} from '../../test/helpers/engine.ts';
import { consentExpiresOn } from '../domain/compliance/consent.ts';
import { enqueueAppointmentConfirmation } from './events/appointment-confirmed.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

const D = '2026-05-10';

async function birthdayShop(extra: Parameters<typeof makeShop>[1] = {}) {
  const shop = await makeShop(t.db, extra);
  await allRulesOff(t.db, shop);
  await setRule(t.db, shop, 'V02', { email: 1 });
  return shop;
}

const statusOf = async (shop: { orgId: number; locationId: number }, kind: string) =>
  Object.fromEntries(
    (await outbox(t.db, shop, kind)).map((m) => [m.customer_id, [m.channel, m.status, m.reason]]),
  );

describe('consent (CASL)', () => {
  it('implied consent expires on the right day: purchase 2 years from the latest purchase, inquiry 6 months', async () => {
    const shop = await birthdayShop();
    const b = { birthday: '1980-05-10' };
    const expired = await makeCustomer(t.db, shop, {
      ...b,
      consent_basis: 'implied_purchase',
      consent_date: '2024-05-10',
    });
    const lastDay = await makeCustomer(t.db, shop, {
      ...b,
      consent_basis: 'implied_purchase',
      consent_date: '2024-05-11',
    });
    // A later invoice restarts the two years.
    const renewed = await makeCustomer(t.db, shop, {
      ...b,
      consent_basis: 'implied_purchase',
      consent_date: '2023-01-01',
    });
    await makeRepairOrder(t.db, shop, { customerId: renewed.id, vehicleId: null, closedOn: '2025-02-01' });
    const legacy = await makeCustomer(t.db, shop, {
      ...b,
      consent_basis: 'implied',
      consent_date: '2024-05-10',
    });
    const inquiryOut = await makeCustomer(t.db, shop, {
      ...b,
      consent_basis: 'implied_inquiry',
      consent_date: '2025-11-10',
    });
    const inquiryIn = await makeCustomer(t.db, shop, {
      ...b,
      consent_basis: 'implied_inquiry',
      consent_date: '2025-11-11',
    });
    const express = await makeCustomer(t.db, shop, {
      ...b,
      consent_basis: 'express',
      consent_date: '2001-01-01',
    });
    await runShopDays(t.db, shop, [D]);
    expect(await statusOf(shop, 'V02')).toEqual({
      [expired.id]: ['none', 'held', 'consent_expired'],
      [lastDay.id]: ['email', 'pending', null],
      [renewed.id]: ['email', 'pending', null],
      [legacy.id]: ['none', 'held', 'consent_expired'],
      [inquiryOut.id]: ['none', 'held', 'consent_expired'],
      [inquiryIn.id]: ['email', 'pending', null],
      [express.id]: ['email', 'pending', null],
    });
  });

  it('the SQL expiry is the same as the pure function (29 February, month ends)', async () => {
    const cases: Array<[string, string | null, string | null]> = [
      ['implied_purchase', '2024-02-29', null],
      ['implied_purchase', '2024-01-01', '2025-03-31'],
      ['implied_purchase', null, '2025-03-31'],
      ['implied_inquiry', '2025-08-31', null],
      ['implied_inquiry', '2024-02-29', '2026-01-01'],
      ['existing_business', '2023-12-31', null],
      ['express', '2020-01-01', null],
      ['none', null, null],
    ];
    for (const [basis, given, last] of cases) {
      const { rows } = await sql<{ d: string | null }>`
        SELECT to_char(consent_expires_on(${basis}, ${given}::date, ${last}::date), 'YYYY-MM-DD') AS d`.execute(
        t.db,
      );
      expect(rows[0]!.d, `${basis} ${given} ${last}`).toBe(consentExpiresOn(basis, given, last));
    }
  });

  it('without consent, marketing is held (no_consent) and service still goes; a blank basis is not consent', async () => {
    const shop = await birthdayShop();
    await setRule(t.db, shop, 'THANK_YOU', { email: 1 });
    const blank = await makeCustomer(t.db, shop, {
      birthday: '1980-05-10',
      consent_basis: null,
      consent_date: null,
    });
    const none = await makeCustomer(t.db, shop, { birthday: '1980-05-10', consent_basis: 'none' });
    for (const c of [blank, none]) {
      const v = await makeVehicle(t.db, shop, c.id);
      await makeRepairOrder(t.db, shop, { customerId: c.id, vehicleId: v.id, closedOn: '2026-05-09' });
    }
    await runShopDays(t.db, shop, [D]);
    expect(await statusOf(shop, 'V02')).toEqual({
      [blank.id]: ['none', 'held', 'no_consent'],
      [none.id]: ['none', 'held', 'no_consent'],
    });
    expect(await statusOf(shop, 'THANK_YOU')).toEqual({
      [blank.id]: ['email', 'pending', null],
      [none.id]: ['email', 'pending', null],
    });
  });

  it('the new user’s case: a customer with no basis gets no REMINDER_1 nor V01, but the reminder of a booked appointment', async () => {
    const shop = await makeShop(t.db);
    await allRulesOff(t.db, shop);
    await setRule(t.db, shop, 'REMINDER_1', { email: 2 });
    await setRule(t.db, shop, 'V01', { email: 1 });
    const make = () => makeCustomer(t.db, shop, { consent_basis: null, consent_date: null });
    const suggested = await make();
    await makeVehicle(t.db, shop, suggested.id, { next_visit_on: '2026-05-12', captured_on: D });
    const booked = await make();
    const v = await makeVehicle(t.db, shop, booked.id, { next_visit_on: '2026-05-12' });
    const a = await makeAppointment(t.db, shop, {
      customerId: booked.id,
      vehicleId: v.id,
      startsAt: '2026-05-12T14:00:00Z',
    });
    const consenting = await makeCustomer(t.db, shop, {
      consent_basis: 'express',
      consent_date: '2020-01-01',
    });
    await makeVehicle(t.db, shop, consenting.id, { next_visit_on: '2026-05-12', captured_on: D });
    await runShopDays(t.db, shop, [D]);
    expect(await statusOf(shop, 'REMINDER_1')).toEqual({
      [suggested.id]: ['none', 'held', 'no_consent'],
      [booked.id]: ['email', 'pending', null],
      [consenting.id]: ['email', 'pending', null],
    });
    expect((await outbox(t.db, shop, 'REMINDER_1')).find((m) => m.customer_id === booked.id)).toMatchObject({
      appointment_id: a.id,
    });
    expect(await statusOf(shop, 'V01')).toEqual({
      [suggested.id]: ['none', 'held', 'no_consent'],
      [consenting.id]: ['email', 'pending', null],
    });
  });

  it('a consent recorded for the channel overrides the customer default, both ways', async () => {
    const shop = await birthdayShop();
    const withdrawn = await makeCustomer(t.db, shop, { birthday: '1980-05-10', consent_basis: 'express' });
    const given = await makeCustomer(t.db, shop, { birthday: '1980-05-10', consent_basis: null });
    const other = await makeCustomer(t.db, shop, { birthday: '1980-05-10', consent_basis: null });
    const row = (
      customer_id: number,
      basis: 'none' | 'express',
      channel: 'email' | 'postcard' = 'email',
    ) => ({
      org_id: shop.orgId,
      customer_id,
      channel,
      purpose: 'marketing' as const,
      basis,
      source: 'staff' as const,
      given_on: '2026-01-01',
      evidence: JSON.stringify({ text: 'test' }),
    });
    await t.db
      .insertInto('customer_consents')
      .values([row(withdrawn.id, 'none'), row(given.id, 'express'), row(other.id, 'express', 'postcard')])
      .execute();
    await runShopDays(t.db, shop, [D]);
    expect(await statusOf(shop, 'V02')).toEqual({
      [withdrawn.id]: ['none', 'held', 'no_consent'],
      [given.id]: ['email', 'pending', null],
      [other.id]: ['none', 'held', 'no_consent'],
    });
  });
});

describe('identification (CASL, CAN-SPAM)', () => {
  it('a location without a contact sends nothing, the held messages and the run say why', async () => {
    const shop = await birthdayShop({ business_phone: null, business_email: '  ' });
    await setRule(t.db, shop, 'THANK_YOU', { email: 1 });
    const c = await makeCustomer(t.db, shop, { birthday: '1980-05-10' });
    await makeRepairOrder(t.db, shop, { customerId: c.id, vehicleId: null, closedOn: '2026-05-09' });
    const [result] = await runShopDays(t.db, shop, [D]);
    expect(result!.blocked).toEqual([
      { orgId: shop.orgId, locationId: shop.locationId, missing: ['contact'] },
    ]);
    const rows = await outbox(t.db, shop);
    expect(rows.map((m) => [m.kind, m.status, m.reason]).sort()).toEqual([
      ['THANK_YOU', 'held', 'no_identification'],
      ['V02', 'held', 'no_identification'],
    ]);
  });

  it('a complete location is not reported', async () => {
    const shop = await birthdayShop();
    const [result] = await runShopDays(t.db, shop, [D]);
    expect(result!.blocked).toEqual([]);
  });
});

describe('rule gaps', () => {
  it('appointment reminders (E04) are never held by the frequency cap, nor count in it', async () => {
    const shop = await birthdayShop({ cap_count: 1, cap_days: 7 });
    await setRule(t.db, shop, 'E04', { email: 2 });
    const c = await makeCustomer(t.db, shop, { birthday: '1980-05-10' });
    await makeAppointment(t.db, shop, { customerId: c.id, startsAt: '2026-05-12T14:00:00Z' });
    await makeAppointment(t.db, shop, { customerId: c.id, startsAt: '2026-05-12T18:00:00Z' });
    await runShopDays(t.db, shop, [D]);
    const rows = await outbox(t.db, shop);
    expect(rows.map((m) => [m.kind, m.status]).sort()).toEqual([
      ['E04', 'pending'],
      ['E04', 'pending'],
      ['V02', 'pending'],
    ]);
  });

  it('an appointment confirmation (E05) sent in the window does not count in the cap either', async () => {
    const shop = await birthdayShop({ cap_count: 1, cap_days: 7 });
    await setRule(t.db, shop, 'E05', { email: 1 });
    const c = await makeCustomer(t.db, shop, { birthday: '1980-05-10' });
    const a = await makeAppointment(t.db, shop, { customerId: c.id, startsAt: '2026-05-12T14:00:00Z' });
    await enqueueAppointmentConfirmation(t.db, shop.orgId, a.id, new Date('2026-05-09T15:00:00Z'));
    await t.db
      .updateTable('messages')
      .set({ status: 'sent', sent_at: new Date('2026-05-09T15:01:00Z') })
      .where('org_id', '=', shop.orgId)
      .where('kind', '=', 'E05')
      .execute();
    await runShopDays(t.db, shop, [D]);
    expect((await outbox(t.db, shop)).map((m) => [m.kind, m.status]).sort()).toEqual([
      ['E05', 'sent'],
      ['V02', 'pending'],
    ]);
  });

  it('re-running a day after a data change adds no second row on another channel', async () => {
    const shop = await birthdayShop();
    const c = await makeCustomer(t.db, shop, { birthday: '1980-05-10', email: null });
    await runShopDays(t.db, shop, [D]);
    await t.db.updateTable('customers').set({ email: 'late@example.test' }).where('id', '=', c.id).execute();
    await runShopDays(t.db, shop, [D]);
    const rows = await outbox(t.db, shop, 'V02');
    expect(rows.map((m) => [m.channel, m.status, m.reason, m.dedupe_key])).toEqual([
      ['none', 'held', 'no_email', `c${c.id}/-/V02/${D}`],
    ]);
  });
});
