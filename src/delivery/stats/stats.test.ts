import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../test/helpers/factories.ts';
import { makeMessage, testContext } from '../../../test/helpers/delivery.ts';
import { listStaffTasks } from '../tasks/list-staff-tasks.ts';
import { runWorker } from '../worker/run-worker.ts';
import { listCustomerMessages } from './list-customer-messages.ts';
import { messageStats } from './message-stats.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe('statistics and staff tasks', () => {
  it('counts by kind, channel, status and day within one organization', async () => {
    const shop = await makeShop(t.db);
    const other = await makeShop(t.db);
    const c = await makeCustomer(t.db, shop);
    await makeMessage(t.db, shop, {
      customer_id: c.id,
      kind: 'THANK_YOU',
      due_on: '2026-03-01',
      status: 'sent',
    });
    await makeMessage(t.db, shop, {
      customer_id: c.id,
      kind: 'THANK_YOU',
      due_on: '2026-03-01',
      status: 'sent',
    });
    await makeMessage(t.db, shop, {
      customer_id: c.id,
      kind: 'INACTIVE',
      channel: 'postcard',
      due_on: '2026-03-02',
      status: 'held',
      reason: 'frequency cap',
    });
    await makeMessage(t.db, other, { kind: 'THANK_YOU', due_on: '2026-03-01', status: 'sent' });
    const s = await messageStats(t.db, shop.orgId, { from: '2026-03-01', to: '2026-03-31' });
    expect(s.rows).toEqual([
      { day: '2026-03-01', kind: 'THANK_YOU', channel: 'email', status: 'sent', count: 2 },
      { day: '2026-03-02', kind: 'INACTIVE', channel: 'postcard', status: 'held', count: 1 },
    ]);
    expect(s.totals).toMatchObject({
      all: 3,
      byStatus: { sent: 2, held: 1 },
      byChannel: { email: 2, postcard: 1 },
    });
    expect((await messageStats(t.db, shop.orgId, { from: '2026-03-02' })).totals.all).toBe(1);
    const list = await listCustomerMessages(t.db, shop.orgId, c.id);
    expect(list.map((m) => [m.kind, m.status, m.reason])).toEqual([
      ['INACTIVE', 'held', 'frequency cap'],
      ['THANK_YOU', 'sent', null],
      ['THANK_YOU', 'sent', null],
    ]);
    expect(await listCustomerMessages(t.db, other.orgId, c.id)).toEqual([]);
  });

  it('turns a task message into one staff task and an email to the staff member in their language', async () => {
    const shop = await makeShop(t.db);
    const c = await makeCustomer(t.db, shop, { mailing_name: 'Lost Customer', phone: '555-0101' });
    const user = await t.db
      .insertInto('users')
      .values({
        org_id: shop.orgId,
        email: `agent${shop.orgId}@garage.test`,
        name: 'Agente Ana',
        language: 'es',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const m = await makeMessage(t.db, shop, {
      kind: 'P00',
      channel: 'task',
      recipient_type: 'staff',
      customer_id: c.id,
      recipient_user_id: user.id,
      language: 'en',
      payload: {
        assigned_role: 'crm_agent',
        vehicles: [{ id: 1, year: 2015, make: 'Kia', model: 'Rio', plate: 'P00' }],
      },
    });
    const ctx = testContext(t);
    await runWorker(ctx, { once: true });
    await t.db
      .updateTable('messages')
      .set({ status: 'pending' })
      .where('org_id', '=', shop.orgId)
      .where('id', '=', m.id)
      .execute();
    await runWorker(ctx, { once: true }); // a retry of the same message adds no second task
    const tasks = await listStaffTasks(t.db, shop.orgId, { status: 'open', kind: 'P00' });
    expect(tasks.items).toHaveLength(1);
    expect(tasks.items[0]).toMatchObject({
      message_id: m.id,
      assigned_role: 'crm_agent',
      assigned_user_id: user.id,
      customer_name: 'Lost Customer',
      customer_phone: '555-0101',
    });
    const mail = await t.db
      .selectFrom('caught_mail')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .executeTakeFirstOrThrow();
    expect(mail.subject).toBe('Llamada pendiente: Lost Customer podría ser un cliente perdido');
    expect(mail.envelope_to).toEqual([`agent${shop.orgId}@garage.test`]);
    expect(mail.raw).not.toMatch(/List-Unsubscribe/);
    expect((await listStaffTasks(t.db, shop.orgId + 999, {})).items).toEqual([]);
  });
});
