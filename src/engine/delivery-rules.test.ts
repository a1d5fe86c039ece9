// Channel choice and hold reasons (SQL agrees with the pure function), the frequency cap,
// one message naming several vehicles, staff routing and the send-queue preview.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../test/helpers/factories.ts';
import { allRulesOff, makeStaff, outbox, runShopDays, setRule } from '../../test/helpers/engine.ts';
import { chooseChannel, effectiveDays, type ChannelInput } from '../domain/messages/channel.ts';
import { previewSendQueue } from './preview.ts';
import { recordConsent } from '../commands/record-consent.ts';
import { ownerScope } from '../../test/helpers/texts.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

const D = '2026-05-10';

describe('channel choice', () => {
  it('the SQL picks the same channel and reason as chooseChannel for every combination', async () => {
    for (const [emailOn, postcardsOn, postcardDays] of [
      [true, true, 1],
      [true, false, 0],
      [false, true, 1],
      [true, true, 0],
    ] as const) {
      const shop = await makeShop(t.db, { email_enabled: emailOn, postcards_enabled: postcardsOn });
      await allRulesOff(t.db, shop);
      await setRule(t.db, shop, 'V02', { email: 1, postcard: postcardDays });
      const cases: Array<Partial<ChannelInput> & { label: string }> = [
        { label: 'plain' },
        { label: 'no email', email: null },
        { label: 'bounced', emailStatus: 'hard_bounced' },
        { label: 'invalid', emailStatus: 'invalid' },
        { label: 'dnm', doNotMail: true },
        { label: 'deceased', deceased: true },
        { label: 'no consent', consentBasis: 'none' },
        { label: 'consent unknown', consentBasis: null },
        { label: 'purchase 2 years ago', consentBasis: 'implied_purchase', consentDate: '2024-05-10' },
        { label: 'purchase 2 years less a day', consentBasis: 'implied_purchase', consentDate: '2024-05-11' },
        { label: 'inquiry expired', consentBasis: 'implied_inquiry', consentDate: '2025-11-10' },
        { label: 'inquiry valid', consentBasis: 'implied_inquiry', consentDate: '2025-11-11' },
        { label: 'no consent, no email', consentBasis: null, email: null, addressLine1: null },
        { label: 'no email, no address', email: null, addressLine1: null },
        { label: 'bounced, no address', emailStatus: 'hard_bounced', postalCode: null },
      ];
      const expected = new Map<number, ReturnType<typeof chooseChannel>>();
      for (const k of cases) {
        const input: ChannelInput = {
          deceased: false,
          doNotMail: false,
          consentBasis: 'express',
          consentDate: '2024-01-01',
          purpose: 'marketing',
          day: D,
          email: 'x@example.test',
          emailStatus: 'ok',
          addressLine1: '1 Main',
          postalCode: 'H1H 1H1',
          locationEmailEnabled: emailOn,
          locationPostcardsEnabled: postcardsOn,
          postcardDays,
          ...k,
        };
        const c = await makeCustomer(t.db, shop, {
          birthday: '1980-05-10',
          deceased: input.deceased,
          do_not_mail: input.doNotMail,
          consent_basis: input.consentBasis as 'express',
          consent_date: input.consentDate ?? null,
          email: input.email,
          email_status: input.emailStatus,
          address_line1: input.addressLine1,
          postal_code: input.postalCode,
        });
        expected.set(c.id, chooseChannel(input));
      }
      await runShopDays(t.db, shop, [D]);
      const rows = await outbox(t.db, shop, 'V02');
      expect(rows).toHaveLength(cases.length);
      for (const r of rows) {
        const e = expected.get(r.customer_id!)!;
        expect([r.channel, r.reason, r.status]).toEqual([
          e.channel,
          e.reason,
          e.channel === 'none' ? 'held' : 'pending',
        ]);
      }
    }
  });

  it('with texts on: the SQL picks the same channel as chooseChannel, in the kind’s order at the location', async () => {
    for (const ranks of [null, { sms: 1, postcard: 2, email: 3 }, { postcard: 1, email: 2, sms: 3 }]) {
      const shop = await makeShop(t.db, { sms_enabled: true, email_enabled: true, postcards_enabled: true });
      await allRulesOff(t.db, shop);
      await setRule(t.db, shop, 'V02', { email: 1, postcard: 1, sms: 1 });
      if (ranks)
        for (const channel of ['email', 'sms', 'postcard'] as const)
          await t.db
            .updateTable('message_rules')
            .set({ channel_rank: ranks[channel] })
            .where('org_id', '=', shop.orgId)
            .where('location_id', '=', shop.locationId)
            .where('kind', '=', 'V02')
            .where('channel', '=', channel)
            .execute();
      const cases = [
        { label: 'everything', mobile: true, consent: true, stopped: false, email: true, address: true },
        { label: 'text only', mobile: true, consent: true, stopped: false, email: false, address: false },
        { label: 'text or card', mobile: true, consent: true, stopped: false, email: false, address: true },
        {
          label: 'no text consent',
          mobile: true,
          consent: false,
          stopped: false,
          email: false,
          address: true,
        },
        { label: 'texted STOP', mobile: true, consent: true, stopped: true, email: true, address: false },
        { label: 'no mobile', mobile: false, consent: true, stopped: false, email: true, address: true },
        // Consent for service texts only: no marketing text (TCPA: express consent for marketing).
        {
          label: 'service texts only',
          mobile: true,
          consent: 'service' as const,
          stopped: false,
          email: false,
          address: true,
        },
      ];
      const expected = new Map<number, ReturnType<typeof chooseChannel>>();
      for (const [i, k] of cases.entries()) {
        const phone = k.mobile ? `+1438555${String(1000 + i)}` : null;
        const c = await makeCustomer(t.db, shop, {
          birthday: '1980-05-10',
          consent_basis: 'express',
          consent_date: '2024-01-01',
          email: k.email ? `t${i}@example.test` : null,
          address_line1: k.address ? '1 Main' : null,
          postal_code: 'H1H 1H1',
          mobile_phone: phone,
        });
        if (k.consent)
          await t.db.transaction().execute((trx) =>
            recordConsent(
              trx,
              ownerScope(shop),
              {
                customerId: c.id,
                channel: 'text',
                purpose: k.consent === 'service' ? 'service' : 'marketing',
                basis: 'express',
                evidence: { text: 'yes' },
                source: 'staff',
              },
              () => new Date(`${D}T12:00:00Z`),
            ),
          );
        if (k.stopped)
          await t.db
            .insertInto('sms_opt_outs')
            .values({
              org_id: shop.orgId,
              location_id: shop.locationId,
              phone: phone!,
              keyword: 'STOP',
              opted_out_at: new Date(`${D}T00:00:00Z`),
            })
            .execute();
        expected.set(
          c.id,
          chooseChannel({
            deceased: false,
            doNotMail: false,
            consentBasis: 'express',
            consentDate: '2024-01-01',
            purpose: 'marketing',
            day: D,
            email: k.email ? 'x' : null,
            emailStatus: 'ok',
            addressLine1: k.address ? '1 Main' : null,
            postalCode: 'H1H 1H1',
            locationEmailEnabled: true,
            locationPostcardsEnabled: true,
            postcardDays: 1,
            // The facts the SQL reads, decided by the same rule (text-usable.ts).
            text: {
              locationTextsEnabled: true,
              smsDays: 1,
              mobilePhone: phone,
              stopped: k.stopped,
              consents: k.consent
                ? [{ purpose: k.consent === 'service' ? 'service' : 'marketing', basis: 'express' }]
                : [],
            },
            ...(ranks ? { ranks } : {}),
          }),
        );
      }
      await runShopDays(t.db, shop, [D]);
      const rows = await outbox(t.db, shop, 'V02');
      expect(rows).toHaveLength(cases.length);
      for (const r of rows) {
        const e = expected.get(r.customer_id!)!;
        expect([r.channel, r.reason]).toEqual([e.channel, e.reason]);
      }
      // Each order gives the channels it should to the customer who can get them all.
      const first = expected.get(rows.map((r) => r.customer_id!).sort((a, b) => a - b)[0]!)!;
      expect(first.channel).toBe(ranks ? (ranks.sms === 1 ? 'sms' : 'postcard') : 'email');
    }
  });

  it('reasons read as documented', () => {
    const base: ChannelInput = {
      deceased: false,
      doNotMail: false,
      consentBasis: 'express',
      email: 'a@b.test',
      emailStatus: 'ok',
      addressLine1: '1',
      postalCode: 'X',
      locationEmailEnabled: true,
      locationPostcardsEnabled: true,
      postcardDays: 2,
    };
    expect(chooseChannel(base)).toEqual({ wouldBe: 'email', channel: 'email', reason: null });
    expect(chooseChannel({ ...base, email: null })).toEqual({
      wouldBe: 'postcard',
      channel: 'postcard',
      reason: null,
    });
    expect(chooseChannel({ ...base, email: null, doNotMail: true }).reason).toBe('do_not_mail');
    expect(chooseChannel({ ...base, vehicleStatus: 'sold' }).reason).toBe('vehicle_sold');
    expect(chooseChannel({ ...base, emailStatus: 'hard_bounced', postcardDays: 0 }).reason).toBe(
      'hard_bounced',
    );
    expect(chooseChannel({ ...base, email: null, postcardDays: 0 }).reason).toBe(
      'no_email_postcard_rule_off',
    );
    expect(chooseChannel({ ...base, email: null, addressLine1: null }).reason).toBe('no_address');
    expect(effectiveDays('none', 0, 5)).toBe(5);
  });

  it('a sold vehicle holds its reminder with the reason', async () => {
    const shop = await makeShop(t.db);
    await allRulesOff(t.db, shop);
    await setRule(t.db, shop, 'REMINDER_1', { email: 14 });
    const c = await makeCustomer(t.db, shop);
    await makeVehicle(t.db, shop, c.id, { next_visit_on: '2026-05-24', status: 'sold' });
    await runShopDays(t.db, shop, [D]);
    expect((await outbox(t.db, shop)).map((m) => [m.channel, m.status, m.reason])).toEqual([
      ['none', 'held', 'vehicle_sold'],
    ]);
  });
});

describe('frequency cap and several vehicles', () => {
  it('keeps cap_count messages per customer by priority; the rest is held as frequency_cap; earlier ones in the window count', async () => {
    const shop = await makeShop(t.db, { cap_count: 2, cap_days: 7 });
    await allRulesOff(t.db, shop);
    await setRule(t.db, shop, 'REMINDER_1', { email: 14 }); // priority 40
    await setRule(t.db, shop, 'V01', { email: 1 }); // priority 80
    await setRule(t.db, shop, 'V02', { email: 1 }); // priority 95
    const c = await makeCustomer(t.db, shop, { birthday: '1970-05-10' });
    await makeVehicle(t.db, shop, c.id, { captured_on: D, next_visit_on: '2026-05-24' });
    await runShopDays(t.db, shop, [D]);
    const rows = await outbox(t.db, shop);
    expect(rows.map((r) => [r.kind, r.status, r.reason]).sort()).toEqual([
      ['REMINDER_1', 'pending', null],
      ['V01', 'pending', null],
      ['V02', 'held', 'frequency_cap'],
    ]);
    // Three days later, still inside the 7 days: a new one is held too.
    await makeVehicle(t.db, shop, c.id, { captured_on: '2026-05-13' });
    await runShopDays(t.db, shop, ['2026-05-13']);
    expect((await outbox(t.db, shop, 'V01')).map((r) => [r.due_on, r.status, r.reason])).toEqual([
      [D, 'pending', null],
      ['2026-05-13', 'held', 'frequency_cap'],
    ]);
    // After the window it goes.
    await makeVehicle(t.db, shop, c.id, { captured_on: '2026-05-17' });
    await runShopDays(t.db, shop, ['2026-05-17']);
    expect((await outbox(t.db, shop, 'V01')).at(-1)).toMatchObject({
      due_on: '2026-05-17',
      status: 'pending',
    });
  });

  it('one message per kind and day names all the vehicles due', async () => {
    const shop = await makeShop(t.db);
    await allRulesOff(t.db, shop);
    await setRule(t.db, shop, 'REMINDER_1', { email: 14 });
    const c = await makeCustomer(t.db, shop);
    const v1 = await makeVehicle(t.db, shop, c.id, {
      next_visit_on: '2026-05-24',
      make: 'Honda',
      model: 'Civic',
    });
    const v2 = await makeVehicle(t.db, shop, c.id, {
      next_visit_on: '2026-05-24',
      make: 'Ford',
      model: 'F-150',
    });
    await runShopDays(t.db, shop, [D]);
    const rows = await outbox(t.db, shop, 'REMINDER_1');
    expect(rows).toHaveLength(1);
    const vehicles = (rows[0]!.payload as { vehicles: Array<{ id: number }> }).vehicles
      .map((v) => v.id)
      .sort((a, b) => a - b);
    expect(vehicles).toEqual([v1.id, v2.id].sort((a, b) => a - b));
    expect(rows[0]!.vehicle_id).toBe(Math.min(v1.id, v2.id));
  });
});

describe('staff routing and the E06 digest', () => {
  it('E06 lists undigested answers for the routed staff member and marks them digested, once', async () => {
    const shop = await makeShop(t.db, { route_e06: 'sales_manager' });
    await allRulesOff(t.db, shop);
    await setRule(t.db, shop, 'E06', { email: 1 });
    await makeStaff(t.db, shop, 'crm_agent');
    const manager = await makeStaff(t.db, shop, 'sales_manager');
    const c = await makeCustomer(t.db, shop);
    const s = await t.db
      .insertInto('surveys')
      .values([
        {
          org_id: shop.orgId,
          location_id: shop.locationId,
          customer_id: c.id,
          rating: 5,
          comment: 'Great',
          answered_at: new Date('2026-05-09T15:00:00Z'),
        },
        {
          org_id: shop.orgId,
          location_id: shop.locationId,
          customer_id: c.id,
          rating: null,
          answered_at: null,
        },
      ])
      .returning('id')
      .execute();
    await runShopDays(t.db, shop, [D, '2026-05-11']);
    const rows = await outbox(t.db, shop, 'E06');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      channel: 'task',
      recipient_type: 'staff',
      recipient_user_id: manager.id,
      due_on: D,
    });
    expect(rows[0]!.payload).toEqual({ survey_ids: [s[0]!.id], assigned_role: 'sales_manager' });
    const digested = await t.db
      .selectFrom('surveys')
      .select(['id', 'digested_at'])
      .where('org_id', '=', shop.orgId)
      .orderBy('id')
      .execute();
    expect(digested.map((x) => x.digested_at != null)).toEqual([true, false]);
  });
});

describe('previewSendQueue', () => {
  it('lists the coming days with reasons and keeps nothing', async () => {
    const shop = await makeShop(t.db);
    await allRulesOff(t.db, shop);
    await setRule(t.db, shop, 'REMINDER_1', { email: 14 });
    await setRule(t.db, shop, 'V02', { email: 1 });
    const c = await makeCustomer(t.db, shop, { mailing_name: 'Ada Lovelace', birthday: '1815-05-12' });
    await makeVehicle(t.db, shop, c.id, {
      next_visit_on: '2026-05-25',
      make: 'Honda',
      model: 'Civic',
      year: 2019,
      plate: 'XYZ1',
    });
    const rows = await previewSendQueue(t.db, shop.orgId, shop.locationId, D, 7);
    expect(rows.map((r) => [r.day, r.kind, r.channel, r.status, r.customerName, r.vehicle, r.why])).toEqual([
      [
        '2026-05-11',
        'REMINDER_1',
        'email',
        'pending',
        'Ada Lovelace',
        '2019 Honda Civic (XYZ1)',
        'next visit set for 2026-05-25',
      ],
      ['2026-05-12', 'V02', 'email', 'pending', 'Ada Lovelace', '2019 Honda Civic (XYZ1)', 'birthday'],
    ]);
    expect(await outbox(t.db, shop)).toHaveLength(0);
    expect(
      await t.db.selectFrom('engine_runs').selectAll().where('org_id', '=', shop.orgId).execute(),
    ).toHaveLength(0);
  });
});
