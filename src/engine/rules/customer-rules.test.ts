// Boundaries of the customer rules: day before, day of, day after; setting 0; the channel's own
// day setting; the worked INACTIVE examples; leap-day birthdays; a customer who came back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../../test/helpers/factories.ts';
import {
  allRulesOff,
  dueDays,
  makeAppointment,
  makeRepairOrder,
  outbox,
  runShopDays,
  setRule,
} from '../../../test/helpers/engine.ts';
import { addDays } from '../../domain/time/dates.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

async function shopWith(
  kind: string,
  settings: Parameters<typeof setRule>[3],
  location: Parameters<typeof makeShop>[1] = {},
) {
  const shop = await makeShop(t.db, location);
  await allRulesOff(t.db, shop);
  await setRule(t.db, shop, kind, settings);
  return shop;
}

const D = '2026-05-10';

describe('REMINDER_1 / REMINDER_2 from the date set at the last visit', () => {
  it('sends N days before, not the day before or after; 0 disables', async () => {
    const shop = await shopWith('REMINDER_1', { email: 14 });
    const c = await makeCustomer(t.db, shop);
    const v = await makeVehicle(t.db, shop, c.id, { next_visit_on: addDays(D, 14) });
    await runShopDays(t.db, shop, [addDays(D, -1)]);
    expect(await outbox(t.db, shop)).toHaveLength(0);
    await runShopDays(t.db, shop, [D, addDays(D, 1)]);
    const rows = await outbox(t.db, shop, 'REMINDER_1');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      due_on: D,
      channel: 'email',
      status: 'pending',
      customer_id: c.id,
      vehicle_id: v.id,
    });
    expect(rows[0]!.payload).toMatchObject({
      next_visit_on: addDays(D, 14),
      vehicles: [{ id: v.id, make: 'Toyota', model: 'Corolla', year: 2020 }],
    });
    expect(rows[0]!.dedupe_key).toBe(`c${c.id}/-/REMINDER_1/${D}`);
    // next_attempt_at: the location's run hour (6:00 Toronto = 10:00Z in May) on the due day, or now if later.
    expect(new Date(rows[0]!.next_attempt_at).toISOString()).toBe(`${D}T12:00:00.000Z`);

    const off = await shopWith('REMINDER_1', { email: 0 });
    const c2 = await makeCustomer(t.db, off);
    await makeVehicle(t.db, off, c2.id, { next_visit_on: D });
    await runShopDays(t.db, off, [D, addDays(D, -14)]);
    expect(await outbox(t.db, off)).toHaveLength(0);
  });

  it('REMINDER_2 by email: N days before, not the day before or after', async () => {
    const shop = await shopWith('REMINDER_2', { email: 3 });
    const c = await makeCustomer(t.db, shop);
    await makeVehicle(t.db, shop, c.id, { next_visit_on: addDays(D, 3) });
    await runShopDays(t.db, shop, [addDays(D, -1)]);
    expect(await outbox(t.db, shop)).toHaveLength(0);
    await runShopDays(t.db, shop, [D, addDays(D, 1)]);
    expect((await outbox(t.db, shop, 'REMINDER_2')).map((m) => [m.due_on, m.channel, m.status])).toEqual([
      [D, 'email', 'pending'],
    ]);
  });

  it('email days 0 with postcard days set: a customer with a usable email gets nothing; only customers reached by postcard get the postcard', async () => {
    const shop = await shopWith('REMINDER_1', { email: 0, postcard: 21 }, { postcards_enabled: true });
    const address = { address_line1: '2 Rue X', postal_code: 'H1H 1H1' };
    const withEmail = await makeCustomer(t.db, shop, address);
    const noEmail = await makeCustomer(t.db, shop, { ...address, email: null });
    const bounced = await makeCustomer(t.db, shop, { ...address, email_status: 'hard_bounced' });
    for (const c of [withEmail, noEmail, bounced])
      await makeVehicle(t.db, shop, c.id, { next_visit_on: addDays(D, 21) });
    await runShopDays(t.db, shop, [addDays(D, 7), D]);
    const rows = (await outbox(t.db, shop, 'REMINDER_1')).sort((a, b) => a.customer_id! - b.customer_id!);
    expect(rows.map((m) => [m.customer_id, m.due_on, m.channel, m.status])).toEqual([
      [noEmail.id, D, 'postcard', 'pending'],
      [bounced.id, D, 'postcard', 'pending'],
    ]);
  });

  it('uses the postcard day setting for a customer without email when postcards are on', async () => {
    const shop = await shopWith('REMINDER_2', { email: 3, postcard: 7 }, { postcards_enabled: true });
    const c = await makeCustomer(t.db, shop, {
      email: null,
      address_line1: '2 Rue X',
      postal_code: 'H1H 1H1',
    });
    await makeVehicle(t.db, shop, c.id, { next_visit_on: addDays(D, 7) });
    await runShopDays(t.db, shop, [addDays(D, 4), D]);
    const rows = await outbox(t.db, shop, 'REMINDER_2');
    expect(rows.map((r) => [r.due_on, r.channel])).toEqual([[D, 'postcard']]);
  });

  it('a vehicle with a booked appointment is reminded of the appointment (local date), not of the set date', async () => {
    const shop = await shopWith('REMINDER_1', { email: 2 });
    const c = await makeCustomer(t.db, shop);
    const v = await makeVehicle(t.db, shop, c.id, { next_visit_on: addDays(D, 2) });
    // 2026-05-12 23:30 in Toronto is 2026-05-13 03:30Z: its local date is the 12th.
    const a = await makeAppointment(t.db, shop, {
      customerId: c.id,
      vehicleId: v.id,
      startsAt: '2026-05-13T03:30:00Z',
    });
    await runShopDays(t.db, shop, [addDays(D, -1), D, addDays(D, 1)]);
    const rows = await outbox(t.db, shop, 'REMINDER_1');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ due_on: D, appointment_id: a.id });
    expect(rows[0]!.payload).toMatchObject({
      next_visit_on: '2026-05-12',
      appointment: { id: a.id, starts_at: '2026-05-13T03:30:00.000Z' },
    });
  });
});

describe('NO_SHOW, THANK_YOU, E03', () => {
  it('NO_SHOW goes N days after the missed appointment, only for status no_show', async () => {
    const shop = await shopWith('NO_SHOW', { email: 1 });
    const c = await makeCustomer(t.db, shop);
    await makeAppointment(t.db, shop, {
      customerId: c.id,
      startsAt: `${D}T14:00:00Z`,
      status: 'no_show' as never,
    });
    await makeAppointment(t.db, shop, {
      customerId: c.id,
      startsAt: `${D}T18:00:00Z`,
      status: 'done' as never,
    });
    await runShopDays(t.db, shop, [D, addDays(D, 1), addDays(D, 2)]);
    expect(await dueDays(t.db, shop, 'NO_SHOW')).toEqual([addDays(D, 1)]);
  });

  it('THANK_YOU N days after the invoice closed; E03 only after maintenance', async () => {
    const shop = await shopWith('THANK_YOU', { email: 1 });
    await setRule(t.db, shop, 'E03', { email: 2 });
    const c = await makeCustomer(t.db, shop);
    const v = await makeVehicle(t.db, shop, c.id);
    const ro = await makeRepairOrder(t.db, shop, {
      customerId: c.id,
      vehicleId: v.id,
      closedOn: D,
      isMaintenance: true,
    });
    const c2 = await makeCustomer(t.db, shop);
    await makeRepairOrder(t.db, shop, { customerId: c2.id, vehicleId: null, closedOn: D });
    await makeRepairOrder(t.db, shop, { customerId: c2.id, vehicleId: null, closedOn: null });
    await runShopDays(t.db, shop, [D, addDays(D, 1), addDays(D, 2), addDays(D, 3)]);
    const thanks = await outbox(t.db, shop, 'THANK_YOU');
    expect(thanks.map((m) => [m.customer_id, m.due_on])).toEqual([
      [c.id, addDays(D, 1)],
      [c2.id, addDays(D, 1)],
    ]);
    expect(thanks[0]!.payload).toMatchObject({
      repair_order: { id: ro.id, number: ro.ro_number },
      last_service_on: D,
    });
    const surveys = await outbox(t.db, shop, 'E03');
    expect(surveys.map((m) => [m.customer_id, m.due_on, m.repair_order_id])).toEqual([
      [c.id, addDays(D, 2), ro.id],
    ]);
  });
});

describe('DEFERRED', () => {
  it('lists the declined items of the last visit; none → nothing; a vehicle that came back is not reminded', async () => {
    const shop = await shopWith('DEFERRED', { email: 14 });
    const c = await makeCustomer(t.db, shop);
    const v = await makeVehicle(t.db, shop, c.id);
    await makeRepairOrder(t.db, shop, {
      customerId: c.id,
      vehicleId: v.id,
      closedOn: D,
      declined: ['Brake pads', 'Wiper blades'],
    });
    const v2 = await makeVehicle(t.db, shop, c.id);
    await makeRepairOrder(t.db, shop, { customerId: c.id, vehicleId: v2.id, closedOn: addDays(D, 1) }); // nothing declined
    const c3 = await makeCustomer(t.db, shop);
    const v3 = await makeVehicle(t.db, shop, c3.id);
    await makeRepairOrder(t.db, shop, {
      customerId: c3.id,
      vehicleId: v3.id,
      closedOn: D,
      declined: ['Tires'],
    });
    await makeRepairOrder(t.db, shop, { customerId: c3.id, vehicleId: v3.id, closedOn: addDays(D, 5) }); // came back
    await runShopDays(t.db, shop, [addDays(D, 13), addDays(D, 14), addDays(D, 15)]);
    const rows = await outbox(t.db, shop, 'DEFERRED');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ customer_id: c.id, due_on: addDays(D, 14) });
    expect(rows[0]!.payload).toMatchObject({
      deferred_items: ['Brake pads', 'Wiper blades'],
      last_service_on: D,
    });
  });
});

describe('INACTIVE', () => {
  async function inactiveOffsets(settings: { email: number; interval: number; dead: number }) {
    const shop = await shopWith('INACTIVE', settings);
    // One customer per day count 0..500: a single run shows which counts send.
    const values = Array.from({ length: 501 }, (_, k) => ({
      org_id: shop.orgId,
      location_id: shop.locationId,
      customer_number: `K${k}`,
      mailing_name: `Customer ${k}`,
      email: `k${k}@example.test`,
      last_visit_on: addDays(D, -k),
    }));
    await t.db.insertInto('customers').values(values).execute();
    await runShopDays(t.db, shop, [D]);
    const rows = await outbox(t.db, shop, 'INACTIVE');
    return rows
      .map((r) =>
        Number(
          (r.payload as { last_service_on: string }).last_service_on &&
            Math.round(
              (Date.parse(D) - Date.parse((r.payload as { last_service_on: string }).last_service_on)) /
                86_400_000,
            ),
        ),
      )
      .sort((a, b) => a - b);
  }

  it('Inactive 90, Dead 365, Interval 90 sends at 90, 180, 270 and 360 days', async () => {
    expect(await inactiveOffsets({ email: 90, interval: 90, dead: 365 })).toEqual([90, 180, 270, 360]);
  });

  it('Inactive 90, Dead 180, Interval 60 sends at 90 and 150 days', async () => {
    expect(await inactiveOffsets({ email: 90, interval: 60, dead: 180 })).toEqual([90, 150]);
  });

  it('dead boundary: at exactly dead days nothing is sent (90/360/90 stops at 270)', async () => {
    expect(await inactiveOffsets({ email: 90, interval: 90, dead: 360 })).toEqual([90, 180, 270]);
  });

  it('a new invoice restarts the count', async () => {
    const shop = await shopWith('INACTIVE', { email: 90, interval: 90, dead: 365 });
    const c = await makeCustomer(t.db, shop, { last_visit_on: addDays(D, -90) });
    await runShopDays(t.db, shop, [D]);
    await t.db
      .updateTable('customers')
      .set({ last_visit_on: addDays(D, 10) })
      .where('org_id', '=', shop.orgId)
      .where('id', '=', c.id)
      .execute();
    await runShopDays(t.db, shop, [addDays(D, 90), addDays(D, 100), addDays(D, 190)]);
    expect(await dueDays(t.db, shop, 'INACTIVE')).toEqual([D, addDays(D, 100), addDays(D, 190)]);
  });
});

describe('V01 and V02', () => {
  it('V01 on the day the vehicle is captured', async () => {
    const shop = await shopWith('V01', { email: 1 });
    const c = await makeCustomer(t.db, shop);
    await makeVehicle(t.db, shop, c.id, { captured_on: D });
    await runShopDays(t.db, shop, [addDays(D, -1), D, addDays(D, 1)]);
    expect(await dueDays(t.db, shop, 'V01')).toEqual([D]);
  });

  it('V02 on the birthday; 29 February on 28 February in other years, on the 29th in leap years', async () => {
    const shop = await shopWith('V02', { email: 1 });
    const leap = await makeCustomer(t.db, shop, { birthday: '1980-02-29' });
    const may = await makeCustomer(t.db, shop, { birthday: '1975-05-10' });
    await runShopDays(t.db, shop, [
      '2027-02-27',
      '2027-02-28',
      '2027-03-01',
      '2028-02-28',
      '2028-02-29',
      '2026-05-09',
      '2026-05-10',
      '2026-05-11',
    ]);
    const rows = await outbox(t.db, shop, 'V02');
    expect(rows.map((r) => [r.customer_id, r.due_on])).toEqual([
      [leap.id, '2027-02-28'],
      [leap.id, '2028-02-29'],
      [may.id, '2026-05-10'],
    ]);
  });

  it('V02 only to people: a company with a birthday on file gets none, a person at a company does', async () => {
    const shop = await shopWith('V02', { email: 1 });
    await makeCustomer(t.db, shop, {
      birthday: '1990-06-01',
      company_name: 'Plomberie Gagnon',
      mailing_name: 'Plomberie Gagnon',
      first_name: null,
      last_name: ' ',
    });
    const person = await makeCustomer(t.db, shop, {
      birthday: '1985-06-01',
      first_name: 'Ana',
      last_name: 'Ruiz',
    });
    const contact = await makeCustomer(t.db, shop, {
      birthday: '1970-06-01',
      company_name: 'Transports Roy',
      first_name: 'Luc',
      last_name: 'Roy',
    });
    const unnamed = await makeCustomer(t.db, shop, {
      birthday: '1960-06-01',
      first_name: null,
      last_name: null,
    });
    await runShopDays(t.db, shop, ['2026-06-01']);
    const rows = await outbox(t.db, shop, 'V02');
    expect(rows.map((r) => r.customer_id).sort((a, b) => a! - b!)).toEqual([
      person.id,
      contact.id,
      unnamed.id,
    ]);
  });
});
