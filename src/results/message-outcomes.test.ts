// message_outcomes (migration 0871) follows every change a message's figures depend on: each step
// changes one thing and checks the report's figures (worked out in the comments) and that they are
// what the visits themselves give (the reference computation the report uses for another window).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../test/helpers/factories.ts';
import { makeRepairOrder } from '../../test/helpers/engine.ts';
import { makeMessage } from '../../test/helpers/delivery.ts';
import { monthRange } from './months.ts';
import { attributionByMonth, fromVisits, messageOutcomes } from './attribution.ts';

let t: TestDatabase;
let s: Awaited<ReturnType<typeof makeShop>>;
const march = monthRange('2026-03', '2026-03', 'x');

beforeAll(async () => {
  t = await createTestDatabase();
  s = await makeShop(t.db, { attribution_days: 30 });
});
afterAll(() => t.close());

/** THANK_YOU figures of March: [messages, returned, visits, invoice_total]. */
async function thankYou() {
  const rows = await attributionByMonth(t.db, s.orgId, [s.locationId], { range: march, kind: 'THANK_YOU' });
  const r = rows[0];
  return r ? [r.messages, r.returned, r.visits, r.invoice_total] : [];
}

/** DEFERRED figures of March: [messages, returned, deferred_items, deferred_items_done]. */
async function deferred() {
  const rows = await attributionByMonth(t.db, s.orgId, [s.locationId], { range: march, kind: 'DEFERRED' });
  const r = rows[0];
  return r ? [r.messages, r.returned, r.deferred_items, r.deferred_items_done] : [];
}

/** The maintained figures are those the visits give, sent and control group alike. */
async function expectSameAsVisits() {
  const options = { range: monthRange('2026-01', '2026-12', 'x'), withControl: true };
  const kept = await messageOutcomes(t.db, s.orgId, [s.locationId], options);
  const computed = await fromVisits(t.db, s.orgId, [s.locationId], options);
  expect(kept.map(({ return_rate: _r, ...r }) => r)).toEqual(computed);
}

async function visit(customerId: number, closedOn: string, total: number, vehicleId: number | null = null) {
  const ro = await makeRepairOrder(t.db, s, { customerId, vehicleId, closedOn });
  await t.db.updateTable('repair_orders').set({ total_amount: total }).where('id', '=', ro.id).execute();
  return ro;
}

describe('message outcomes kept by the database', () => {
  it('follows visits arriving after the message, late imports of older orders, voids and moves', async () => {
    const x = await makeCustomer(t.db, s);
    const y = await makeCustomer(t.db, s);
    await makeMessage(t.db, s, {
      customer_id: x.id,
      kind: 'THANK_YOU',
      due_on: '2026-03-01',
      status: 'sent',
    });
    // A visit on 2026-06-01 already in the file: outside the window (03-01 < d ≤ 03-31).
    await visit(x.id, '2026-06-01', 500);
    expect(await thankYou()).toEqual([1, 0, 0, 0]);

    // X comes back on 03-20 (100.00): the message brought X back.
    const back = await visit(x.id, '2026-03-20', 100);
    expect(await thankYou()).toEqual([1, 1, 1, 100]);

    // An older order imported late (the shop system sends its backlog after the newer one):
    // 03-31 is the window's last day and counts; 03-01, the message's own day, does not.
    await visit(x.id, '2026-03-31', 40);
    await visit(x.id, '2026-03-01', 999);
    expect(await thankYou()).toEqual([1, 1, 2, 140]);
    await expectSameAsVisits();

    // The 03-20 order voided, then given to another customer: it no longer follows X's message.
    await t.db.updateTable('repair_orders').set({ status: 'void' }).where('id', '=', back.id).execute();
    expect(await thankYou()).toEqual([1, 1, 1, 40]);
    await t.db
      .updateTable('repair_orders')
      .set({ status: 'closed', customer_id: y.id })
      .where('id', '=', back.id)
      .execute();
    expect(await thankYou()).toEqual([1, 1, 1, 40]);
    // Y was thanked on 03-05: the order moved to Y follows Y's message.
    await makeMessage(t.db, s, {
      customer_id: y.id,
      kind: 'THANK_YOU',
      due_on: '2026-03-05',
      status: 'sent',
    });
    expect(await thankYou()).toEqual([2, 2, 2, 140]);
    await t.db.deleteFrom('repair_orders').where('id', '=', back.id).execute();
    expect(await thankYou()).toEqual([2, 1, 1, 40]);
    await expectSameAsVisits();
  });

  it('counts a message once it is sent, and no longer once it bounced or was deleted', async () => {
    const z = await makeCustomer(t.db, s);
    const before = await thankYou();
    const m = await makeMessage(t.db, s, { customer_id: z.id, kind: 'THANK_YOU', due_on: '2026-03-10' });
    await visit(z.id, '2026-03-12', 60);
    expect(await thankYou()).toEqual(before); // pending: not counted
    for (const status of ['sending', 'sent'] as const)
      await t.db.updateTable('messages').set({ status }).where('id', '=', m.id).execute();
    expect(await thankYou()).toEqual([before[0]! + 1, before[1]! + 1, before[2]! + 1, before[3]! + 60]);
    await expectSameAsVisits();
    await t.db.updateTable('messages').set({ status: 'bounced' }).where('id', '=', m.id).execute();
    expect(await thankYou()).toEqual(before);
    // Held back for the control group: in the lift's control group, not in attribution.
    await t.db
      .updateTable('messages')
      .set({ status: 'held', reason: 'control_group' })
      .where('id', '=', m.id)
      .execute();
    expect(await thankYou()).toEqual(before);
    await expectSameAsVisits();
    await t.db.deleteFrom('messages').where('id', '=', m.id).execute();
    expect(
      await t.db.selectFrom('message_outcomes').select('message_id').where('message_id', '=', m.id).execute(),
    ).toEqual([]);
  });

  it('follows the DEFERRED items: lines added to the visit, an item marked done, another vehicle', async () => {
    const w = await makeCustomer(t.db, s);
    const car = await makeVehicle(t.db, s, w.id);
    const other = await makeVehicle(t.db, s, w.id);
    const declinedOn = await makeRepairOrder(t.db, s, {
      customerId: w.id,
      vehicleId: car.id,
      closedOn: '2026-02-20',
      declined: ['Brake pads', 'Tires'],
    });
    const m = await makeMessage(t.db, s, {
      customer_id: w.id,
      vehicle_id: car.id,
      repair_order_id: declinedOn.id,
      kind: 'DEFERRED',
      due_on: '2026-03-06',
      status: 'sent',
    });
    expect(await deferred()).toEqual([1, 0, 2, 0]);
    // Back on 03-15 with the other car, brake pads done on it: not this vehicle's items.
    const onOther = await visit(w.id, '2026-03-15', 80, other.id);
    await t.db
      .insertInto('repair_order_lines')
      .values({
        org_id: s.orgId,
        repair_order_id: onOther.id,
        line_no: 1,
        kind: 'part',
        description: 'Brake pads',
      })
      .execute();
    expect(await deferred()).toEqual([1, 1, 2, 0]);
    // The order was this car's after all (corrected in the shop system): brake pads done.
    await t.db
      .updateTable('repair_orders')
      .set({ vehicle_id: car.id })
      .where('id', '=', onOther.id)
      .execute();
    expect(await deferred()).toEqual([1, 1, 2, 1]);
    // The shop system marks the tires done: with a visit in the window, they count.
    await t.db
      .updateTable('recommendations')
      .set({ status: 'done' })
      .where('repair_order_id', '=', declinedOn.id)
      .where('description', '=', 'Tires')
      .execute();
    expect(await deferred()).toEqual([1, 1, 2, 2]);
    // The brake pads line removed, a third item declined late on the same order.
    await t.db.deleteFrom('repair_order_lines').where('repair_order_id', '=', onOther.id).execute();
    await t.db
      .insertInto('recommendations')
      .values({ org_id: s.orgId, repair_order_id: declinedOn.id, line_no: 9, description: 'Wipers' })
      .execute();
    expect(await deferred()).toEqual([1, 1, 3, 1]);
    await expectSameAsVisits();
    // Bounced, then sent again (one message's row, as the delivery worker records it).
    await t.db.updateTable('messages').set({ status: 'bounced' }).where('id', '=', m.id).execute();
    expect(await deferred()).toEqual([]);
    await t.db.updateTable('messages').set({ status: 'sent' }).where('id', '=', m.id).execute();
    expect(await deferred()).toEqual([1, 1, 3, 1]);
    await expectSameAsVisits();
  });

  it('follows a change of the location’s window', async () => {
    const v = await makeCustomer(t.db, s);
    await makeMessage(t.db, s, { customer_id: v.id, kind: 'INACTIVE', due_on: '2026-03-03', status: 'sent' });
    await visit(v.id, '2026-04-20', 75); // 48 days after
    const inactive = async () =>
      (await attributionByMonth(t.db, s.orgId, [s.locationId], { range: march, kind: 'INACTIVE' })).map(
        (r) => [r.messages, r.returned, r.invoice_total],
      );
    expect(await inactive()).toEqual([[1, 0, 0]]);
    await t.db
      .updateTable('locations')
      .set({ attribution_days: 60 })
      .where('id', '=', s.locationId)
      .execute();
    expect(await inactive()).toEqual([[1, 1, 75]]);
    await expectSameAsVisits();
    // A report asking for 30 days while the location keeps 60 computes from the visits.
    expect(
      (
        await attributionByMonth(t.db, s.orgId, [s.locationId], {
          range: march,
          kind: 'INACTIVE',
          windowDays: 30,
        })
      ).map((r) => r.returned),
    ).toEqual([0]);
    await t.db
      .updateTable('locations')
      .set({ attribution_days: 30 })
      .where('id', '=', s.locationId)
      .execute();
    expect(await inactive()).toEqual([[1, 0, 0]]);
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'counts both of two orders imported at once for one customer',
    async () => {
      // Two transactions each add a visit of Q's; without the lock each would recompute the message
      // without the other's uncommitted visit, and the last to write would leave one visit counted.
      const q = await makeCustomer(t.db, s);
      await makeMessage(t.db, s, {
        customer_id: q.id,
        kind: 'WELCOME',
        due_on: '2026-03-02',
        status: 'sent',
      });
      let commitFirst!: () => void;
      const firstMayCommit = new Promise<void>((resolve) => (commitFirst = resolve));
      let firstInserted!: () => void;
      const firstHasInserted = new Promise<void>((resolve) => (firstInserted = resolve));
      const first = t.db.transaction().execute(async (trx) => {
        await makeRepairOrder(trx, s, { customerId: q.id, vehicleId: null, closedOn: '2026-03-10' });
        firstInserted();
        await firstMayCommit;
      });
      await firstHasInserted;
      const second = t.db.transaction().execute(async (trx) => {
        await makeRepairOrder(trx, s, { customerId: q.id, vehicleId: null, closedOn: '2026-03-12' });
      });
      await new Promise((resolve) => setTimeout(resolve, 200)); // the second waits for the first's lock
      commitFirst();
      await Promise.all([first, second]);
      const rows = await attributionByMonth(t.db, s.orgId, [s.locationId], { range: march, kind: 'WELCOME' });
      expect(rows.map((r) => [r.messages, r.returned, r.visits])).toEqual([[1, 1, 2]]);
    },
  );

  it('is filled for the messages already sent when the migration runs', async () => {
    // What the migration's last statement does, on everything this file wrote.
    const before = await t.db.selectFrom('message_outcomes').selectAll().orderBy('message_id').execute();
    await sql`DELETE FROM message_outcomes`.execute(t.db);
    await sql`SELECT refresh_message_outcomes(array_agg(org_id), array_agg(id)) FROM messages`.execute(t.db);
    expect(await t.db.selectFrom('message_outcomes').selectAll().orderBy('message_id').execute()).toEqual(
      before,
    );
  });
});
