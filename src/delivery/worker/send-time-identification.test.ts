// Issue 14, identification at send time: the engine holds a location's messages when its General
// settings lack a name, a mailing address or a contact, but settings can change between the
// decision and the send. The email worker and the postcard batch re-check, and hold what they
// would have sent with no_identification; staff mail (not addressed to customers) still goes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName, createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../test/helpers/factories.ts';
import { makeMessage, startSmtpSink, testContext, type SmtpSink } from '../../../test/helpers/delivery.ts';
import { makeStaff } from '../../../test/helpers/api.ts';
import type { AppContext } from '../../context.ts';
import { folderVendor } from '../postcards/print-vendor.ts';
import { runPostcardBatches } from '../postcards/run-postcard-batches.ts';
import { runWorker } from './run-worker.ts';

let t: TestDatabase;
let sink: SmtpSink;
let ctx: AppContext;
const dir = mkdtempSync(join(tmpdir(), 'relance-ident-'));
const now = new Date('2026-03-02T15:00:00Z');
const due = new Date('2026-03-01T00:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
  sink = await startSmtpSink();
  ctx = testContext(t, { SMTP_URL: sink.url, MAIL_FROM: 'relance@mail.test' }, () => now);
});
afterAll(async () => {
  await sink?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const statusOf = async (id: number) =>
  t.db.selectFrom('messages').select(['status', 'reason']).where('id', '=', id).executeTakeFirstOrThrow();

describe(`send-time identification check on ${backendName}`, () => {
  for (const [what, blank] of [
    ['contact', { business_phone: null, business_email: null }],
    ['mailing address', { address_line1: null }],
    ['business name', { business_name: '  ' }],
  ] as const) {
    it(`holds a decided email when the ${what} was removed since; staff email still goes`, async () => {
      const shop = await makeShop(t.db);
      const c = await makeCustomer(t.db, shop, { email: `ident-${what.replace(' ', '-')}@example.test` });
      const customerMail = await makeMessage(t.db, shop, {
        next_attempt_at: due,
        kind: 'THANK_YOU',
        customer_id: c.id,
        payload: { vehicles: [] },
      });
      const staff = await makeStaff(t.db, shop, [{ locationId: shop.locationId, role: 'crm_agent' }]);
      const staffMail = await makeMessage(t.db, shop, {
        next_attempt_at: due,
        kind: 'P01',
        channel: 'task',
        recipient_type: 'staff',
        customer_id: c.id,
        recipient_user_id: staff.id,
        payload: { changes: { phone: { from: '1', to: '2' } }, assigned_role: 'crm_agent' },
      });
      // Decided while complete; the settings lose a part before the worker runs.
      await t.db
        .updateTable('locations')
        .set(blank)
        .where('org_id', '=', shop.orgId)
        .where('id', '=', shop.locationId)
        .execute();
      const before = sink.received.length;
      await runWorker(ctx, { once: true });
      expect(await statusOf(customerMail.id)).toEqual({ status: 'held', reason: 'no_identification' });
      expect(await statusOf(staffMail.id)).toMatchObject({ status: 'sent' });
      const to = sink.received.slice(before).flatMap((m) => m.envelopeTo);
      expect(to).not.toContain(c.email);
      expect(to).toContain(staff.email);
    });
  }

  it('sends as before when the identification is complete', async () => {
    const shop = await makeShop(t.db);
    const c = await makeCustomer(t.db, shop, { email: 'ident-complete@example.test' });
    const m = await makeMessage(t.db, shop, {
      next_attempt_at: due,
      kind: 'THANK_YOU',
      customer_id: c.id,
      payload: { vehicles: [] },
    });
    await runWorker(ctx, { once: true });
    expect(await statusOf(m.id)).toMatchObject({ status: 'sent' });
  });

  it('holds a decided postcard when the mailing address was removed since', async () => {
    const shop = await makeShop(t.db, { postcards_enabled: true });
    const c = await makeCustomer(t.db, shop, {
      email: null,
      address_line1: '12 rue Principale',
      city: 'Québec',
      postal_code: 'G1R 4P5',
      country: 'CA',
    });
    const card = await makeMessage(t.db, shop, {
      next_attempt_at: due,
      kind: 'DEFERRED',
      channel: 'postcard',
      customer_id: c.id,
      payload: { vehicles: [], deferred_items: ['Brake pads'] },
    });
    await t.db
      .updateTable('locations')
      .set({ postal_code: '' })
      .where('org_id', '=', shop.orgId)
      .where('id', '=', shop.locationId)
      .execute();
    const results = await runPostcardBatches(ctx, { vendor: folderVendor(dir) });
    expect(results.filter((r) => r.locationId === shop.locationId)).toEqual([]);
    expect(await statusOf(card.id)).toEqual({ status: 'held', reason: 'no_identification' });
  });
});
