import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../../test/helpers/factories.ts';
import { makeAppointment, makeStaff, outbox, setRule } from '../../../test/helpers/engine.ts';
import { enqueueAppointmentConfirmation } from './appointment-confirmed.ts';
import { enqueueCustomerFileChanged } from './customer-file-changed.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

const now = new Date('2026-03-02T15:00:00Z');

describe('enqueueAppointmentConfirmation (E05)', () => {
  it('inserts one email for the customer, once, with the appointment in the payload', async () => {
    const shop = await makeShop(t.db);
    const c = await makeCustomer(t.db, shop, { language: 'fr' });
    const v = await makeVehicle(t.db, shop, c.id);
    const a = await makeAppointment(t.db, shop, {
      customerId: c.id,
      vehicleId: v.id,
      startsAt: '2026-03-10T14:00:00Z',
    });
    await enqueueAppointmentConfirmation(t.db, shop.orgId, a.id, now);
    await enqueueAppointmentConfirmation(t.db, shop.orgId, a.id, now);
    const rows = await outbox(t.db, shop, 'E05');
    expect(rows).toHaveLength(1);
    const m = rows[0]!;
    expect(m).toMatchObject({
      channel: 'email',
      status: 'pending',
      customer_id: c.id,
      appointment_id: a.id,
      language: 'fr',
      due_on: '2026-03-02',
      recipient_type: 'customer',
    });
    expect(m.dedupe_key).toBe(
      `c${c.id}/a${a.id}@${Date.parse('2026-03-10T14:00:00Z') / 1000}/E05/2026-03-02`,
    );
    expect((m.payload as { appointment: { starts_at: string } }).appointment.starts_at).toBe(
      '2026-03-10T14:00:00.000Z',
    );
    expect((m.payload as { vehicles: unknown[] }).vehicles).toHaveLength(1);
  });

  it('goes to a visitor by the visitor email; held without one; off when the rule is 0', async () => {
    const shop = await makeShop(t.db);
    const a = await makeAppointment(t.db, shop, {
      startsAt: '2026-03-10T14:00:00Z',
      visitor: { name: 'Vi Sitor', email: 'vi@example.test' },
    });
    const b = await makeAppointment(t.db, shop, {
      startsAt: '2026-03-11T14:00:00Z',
      visitor: { name: 'No Mail', email: null },
    });
    await enqueueAppointmentConfirmation(t.db, shop.orgId, a.id, now);
    await enqueueAppointmentConfirmation(t.db, shop.orgId, b.id, now);
    const rows = await outbox(t.db, shop, 'E05');
    expect(rows.map((r) => [r.recipient_type, r.channel, r.status, r.reason, r.recipient_email])).toEqual([
      ['visitor', 'email', 'pending', null, 'vi@example.test'],
      ['visitor', 'none', 'held', 'no_email', null],
    ]);
    await setRule(t.db, shop, 'E05', { email: 0 });
    const c2 = await makeAppointment(t.db, shop, {
      startsAt: '2026-03-12T14:00:00Z',
      visitor: { name: 'X', email: 'x@example.test' },
    });
    await enqueueAppointmentConfirmation(t.db, shop.orgId, c2.id, now);
    expect(await outbox(t.db, shop, 'E05')).toHaveLength(2);
  });
});

describe('enqueueCustomerFileChanged (P01)', () => {
  it('creates one staff task routed to the CRM agent, once per set of changes', async () => {
    const shop = await makeShop(t.db);
    await makeStaff(t.db, shop, 'owner');
    const agent = await makeStaff(t.db, shop, 'crm_agent');
    const c = await makeCustomer(t.db, shop);
    const changes = { phone: { from: '1', to: '2' }, email: { from: 'a@x.test', to: 'b@x.test' } };
    await enqueueCustomerFileChanged(t.db, shop.orgId, c.id, changes, now);
    await enqueueCustomerFileChanged(
      t.db,
      shop.orgId,
      c.id,
      { email: changes.email, phone: changes.phone },
      now,
    );
    await enqueueCustomerFileChanged(t.db, shop.orgId, c.id, { city: { from: null, to: 'Laval' } }, now);
    const rows = await outbox(t.db, shop, 'P01');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      channel: 'task',
      recipient_type: 'staff',
      recipient_user_id: agent.id,
      customer_id: c.id,
      status: 'pending',
    });
    expect(rows[0]!.payload).toEqual({ changes, assigned_role: 'crm_agent' });
  });

  it("routes to the customer's sales rep when the location says so, else falls back to the owner", async () => {
    const shop = await makeShop(t.db, { route_p01: 'sales_rep' });
    const owner = await makeStaff(t.db, shop, 'owner');
    const rep = await makeStaff(t.db, shop, 'sales_rep');
    const withRep = await makeCustomer(t.db, shop, { sales_rep_user_id: rep.id });
    const noRep = await makeCustomer(t.db, shop);
    await enqueueCustomerFileChanged(t.db, shop.orgId, withRep.id, { phone: { from: 1, to: 2 } }, now);
    await enqueueCustomerFileChanged(t.db, shop.orgId, noRep.id, { phone: { from: 1, to: 2 } }, now);
    const rows = await outbox(t.db, shop, 'P01');
    expect(rows.map((r) => r.recipient_user_id)).toEqual([rep.id, rep.id]);
    void owner;
  });
});
