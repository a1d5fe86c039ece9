// Delivery asks the engine before sending: a reminder for a cancelled appointment is cancelled.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../test/helpers/factories.ts';
import { makeMessage, testContext } from '../../../test/helpers/delivery.ts';
import { runWorker } from './run-worker.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

it('cancels an appointment reminder whose appointment was cancelled, with the reason', async () => {
  const shop = await makeShop(t.db);
  const c = await makeCustomer(t.db, shop);
  const a = await t.db
    .insertInto('appointments')
    .values({
      org_id: shop.orgId,
      location_id: shop.locationId,
      customer_id: c.id,
      starts_at: '2026-07-01T14:00:00Z',
      ends_at: '2026-07-01T15:00:00Z',
      status: 'cancelled',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const m = await makeMessage(t.db, shop, {
    kind: 'E04',
    customer_id: c.id,
    appointment_id: a.id,
    payload: {
      appointment: { id: a.id, starts_at: '2026-07-01T14:00:00.000Z', ends_at: '2026-07-01T15:00:00.000Z' },
    },
  });
  await runWorker(testContext(t), { once: true });
  const row = await t.db
    .selectFrom('messages')
    .select(['status', 'reason'])
    .where('org_id', '=', shop.orgId)
    .where('id', '=', m.id)
    .executeTakeFirstOrThrow();
  expect(row.status).toBe('cancelled');
  expect(row.reason).toBe('appointment_cancelled');
  expect(
    await t.db.selectFrom('caught_mail').selectAll().where('org_id', '=', shop.orgId).execute(),
  ).toHaveLength(0);
});
