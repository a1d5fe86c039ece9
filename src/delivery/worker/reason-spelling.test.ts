// Issue 14, "one reason is spelled two ways": what the send path records when it cancels a message
// is the engine's own reason code (the one the engine holds with, the console translates and the
// statistics group by), never a sentence around it: `do_not_mail`, not "no longer valid:
// do_not_mail"; `hard_bounced`, not "email address hard bounced".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName, createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../test/helpers/factories.ts';
import { makeMessage, testContext } from '../../../test/helpers/delivery.ts';
import type { AppContext } from '../../context.ts';
import { folderVendor } from '../postcards/print-vendor.ts';
import { runPostcardBatches } from '../postcards/run-postcard-batches.ts';
import { runWorker } from './run-worker.ts';

let t: TestDatabase;
let ctx: AppContext;
const dir = mkdtempSync(join(tmpdir(), 'relance-reasons-'));

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = testContext(t);
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const reasonOf = async (id: number) =>
  t.db.selectFrom('messages').select(['status', 'reason']).where('id', '=', id).executeTakeFirstOrThrow();

const postal = { address_line1: '12 rue Principale', city: 'Québec', postal_code: 'G1R 4P5', country: 'CA' };

describe(`reasons recorded at send time on ${backendName}`, () => {
  it('email: the engine’s codes for Do Not Mail, a hard bounce, email off, a cancelled appointment, withdrawn consent', async () => {
    const shop = await makeShop(t.db);
    const dnm = await makeCustomer(t.db, shop, { do_not_mail: true });
    const bounced = await makeCustomer(t.db, shop, { email_status: 'hard_bounced' });
    const withdrawn = await makeCustomer(t.db, shop, { consent_basis: 'none' });
    const ok = await makeCustomer(t.db, shop);
    const a = await t.db
      .insertInto('appointments')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        customer_id: ok.id,
        starts_at: '2026-07-01T14:00:00Z',
        ends_at: '2026-07-01T15:00:00Z',
        status: 'cancelled',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const m1 = await makeMessage(t.db, shop, { customer_id: dnm.id });
    const m2 = await makeMessage(t.db, shop, { customer_id: bounced.id });
    const m3 = await makeMessage(t.db, shop, { customer_id: withdrawn.id, kind: 'INACTIVE' });
    const m4 = await makeMessage(t.db, shop, {
      kind: 'E04',
      customer_id: ok.id,
      appointment_id: a.id,
      payload: {
        appointment: { id: a.id, starts_at: '2026-07-01T14:00:00.000Z', ends_at: '2026-07-01T15:00:00.000Z' },
      },
    });
    await runWorker(ctx, { once: true });
    expect(await reasonOf(m1.id)).toEqual({ status: 'cancelled', reason: 'do_not_mail' });
    expect(await reasonOf(m2.id)).toEqual({ status: 'cancelled', reason: 'hard_bounced' });
    expect(await reasonOf(m3.id)).toEqual({ status: 'cancelled', reason: 'no_consent' });
    expect(await reasonOf(m4.id)).toEqual({ status: 'cancelled', reason: 'appointment_cancelled' });

    const off = await makeShop(t.db, { email_enabled: false });
    const c = await makeCustomer(t.db, off);
    const m5 = await makeMessage(t.db, off, { customer_id: c.id });
    await runWorker(ctx, { once: true });
    expect(await reasonOf(m5.id)).toEqual({ status: 'cancelled', reason: 'email_off' });
  });

  it('postcards: Do Not Mail and withdrawn consent are the same codes as the engine’s', async () => {
    const shop = await makeShop(t.db, { postcards_enabled: true });
    const dnm = await makeCustomer(t.db, shop, { email: null, do_not_mail: true, ...postal });
    const withdrawn = await makeCustomer(t.db, shop, { email: null, consent_basis: 'none', ...postal });
    const card = (customerId: number) =>
      makeMessage(t.db, shop, {
        kind: 'DEFERRED',
        channel: 'postcard',
        customer_id: customerId,
        payload: { vehicles: [], deferred_items: ['Brake pads'] },
      });
    const c1 = await card(dnm.id);
    const c2 = await card(withdrawn.id);
    await runPostcardBatches(ctx, { vendor: folderVendor(dir) });
    expect(await reasonOf(c1.id)).toEqual({ status: 'cancelled', reason: 'do_not_mail' });
    expect(await reasonOf(c2.id)).toEqual({ status: 'cancelled', reason: 'no_consent' });
  });
});
