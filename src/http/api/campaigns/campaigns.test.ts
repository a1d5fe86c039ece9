// Campaigns through the API: create with a promotion or their own text, preview counts, send
// today, then the worker mails each customer once through real SMTP on loopback, with the
// campaign's text and the customer's data escaped; bad input named by field, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiTest, makeStaff, signIn, type ApiTest, type Client } from '../../../../test/helpers/api.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../../../test/helpers/factories.ts';
import { makeRepairOrder, outbox } from '../../../../test/helpers/engine.ts';
import { makeMessage, startSmtpSink, testContext, type SmtpSink } from '../../../../test/helpers/delivery.ts';
import { runWorker } from '../../../delivery/worker/run-worker.ts';

let api: ApiTest;
let sink: SmtpSink;
let shop: Awaited<ReturnType<typeof makeShop>>;
let owner: Client;

beforeAll(async () => {
  api = await createApiTest(); // the clock reads 2026-03-10 (Toronto)
  sink = await startSmtpSink();
  shop = await makeShop(api.t.db);
  owner = await signIn(
    api.app,
    (await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }])).email,
  );
});
afterAll(async () => {
  await sink.close();
  await api.close();
});

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  owner.request({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

describe('campaigns through the API', () => {
  it('creates, previews, sends today; the worker mails each customer once with the campaign text', async () => {
    const mazda = await makeCustomer(api.t.db, shop, {
      mailing_name: '<b>Zoé</b>',
      language: 'fr',
      email: 'zoe@example.test',
    });
    await makeVehicle(api.t.db, shop, mazda.id, { make: 'Mazda', model: 'CX-5' });
    await makeVehicle(api.t.db, shop, (await makeCustomer(api.t.db, shop, { do_not_mail: true })).id, {
      make: 'Mazda',
    });
    await makeVehicle(api.t.db, shop, (await makeCustomer(api.t.db, shop)).id, { make: 'Kia' });

    const created = await call('POST', `/locations/${shop.locationId}/campaigns`, {
      name: 'Mazda owners',
      segment: { vehicle_make: 'mazda' },
      content: {
        en: { subject: 'Mazda days', body: 'Hello {{mailing_name}}, Mazda days are here.' },
        fr: { subject: 'Journées Mazda', body: 'Bonjour {{mailing_name}}, ce sont les journées Mazda.' },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: number; status: string }).id;
    expect(created.json()).toMatchObject({ status: 'draft', segment: { vehicle_make: 'mazda' } });

    const preview = await call('GET', `/campaigns/${id}/preview`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      day: '2026-03-10',
      total: 2,
      to_send: 1,
      held: 1,
      held_by_reason: [{ reason: 'do_not_mail', count: 1 }],
    });

    const list = await call('GET', `/locations/${shop.locationId}/campaigns`);
    expect((list.json() as { items: Array<{ id: number }> }).items.map((c) => c.id)).toEqual([id]);

    const sent = await call('POST', `/campaigns/${id}/send`, {});
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'sent', send_on: '2026-03-10' });
    expect((await outbox(api.t.db, shop, 'CAMPAIGN')).map((m) => m.status).sort()).toEqual([
      'held',
      'pending',
    ]);
    // Sending again is refused; the messages stay one per customer.
    const again = await call('POST', `/campaigns/${id}/send`, {});
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ error: { code: 'invalid_input', field: 'id' } });

    const ctx = testContext(api.t, { SMTP_URL: sink.url, MAIL_FROM: 'relance@mail.test' });
    const before = sink.received.length;
    await runWorker(ctx, { once: true });
    await runWorker(ctx, { once: true });
    expect(sink.received.length - before).toBe(1);
    const mail = await sink.parse(before);
    expect(mail.subject).toBe('Journées Mazda');
    expect(mail.html).toContain('Bonjour &lt;b&gt;Zoé&lt;/b&gt;, ce sont les journées Mazda.');
    expect(mail.html).not.toContain('<b>Zoé');

    // What it brought back (30 days, the location's default): Zoé came back on 03-25 (150.00) and
    // 04-20 (outside the window); her visit on the send day itself does not count. A customer held
    // back in the campaign's control group did not come back; the one held for Do Not Mail is in
    // neither group.
    const visit = async (customerId: number, closedOn: string, total: string) => {
      const ro = await makeRepairOrder(api.t.db, shop, { customerId, vehicleId: null, closedOn });
      await api.t.db
        .updateTable('repair_orders')
        .set({ total_amount: total })
        .where('id', '=', ro.id)
        .execute();
    };
    await visit(mazda.id, '2026-03-10', '40.00');
    await visit(mazda.id, '2026-03-25', '150.00');
    await visit(mazda.id, '2026-04-20', '99.00');
    const held = await makeCustomer(api.t.db, shop);
    await makeMessage(api.t.db, shop, {
      customer_id: held.id,
      kind: 'CAMPAIGN',
      due_on: '2026-03-10',
      status: 'held',
      reason: 'control_group',
      payload: { campaign: { id } } as never,
    });
    const results = await call('GET', `/locations/${shop.locationId}/results/campaigns`);
    expect(results.statusCode, results.body).toBe(200);
    expect(results.json()).toEqual({
      items: [
        {
          campaign_id: id,
          location_id: shop.locationId,
          send_on: '2026-03-10',
          window_days: 30,
          window_ends_on: '2026-04-09',
          sent: 1,
          returned: 1,
          return_rate: 1,
          visits: 1,
          invoice_total: 150,
          control: 1,
          control_returned: 0,
          control_return_rate: 0,
          lift: 1,
        },
      ],
    });
    // A 45-day window takes in the 04-20 visit as well.
    const wider = await call('GET', `/locations/${shop.locationId}/results/campaigns?window_days=45`);
    expect(wider.json()).toMatchObject({
      items: [{ campaign_id: id, window_ends_on: '2026-04-24', visits: 2, invoice_total: 249 }],
    });
  });

  it('sends a promotion with the shipped template, schedules a later day, and cancels it', async () => {
    const promo = await call('POST', `/locations/${shop.locationId}/promotions`, {
      name: 'Winter tires',
      coupon_code: 'SNOW',
      text: { en: '10% off winter tires' },
    });
    const created = await call('POST', `/locations/${shop.locationId}/campaigns`, {
      name: 'Tires',
      promotion_id: (promo.json() as { id: number }).id,
      segment: { language: 'es' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: number }).id;
    const edited = await call('PATCH', `/campaigns/${id}`, { segment: { language: 'en' } });
    expect(edited.json()).toMatchObject({ segment: { language: 'en', vehicle_make: null } });
    const scheduled = await call('POST', `/campaigns/${id}/send`, { send_on: '2026-03-20' });
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', send_on: '2026-03-20' });
    const cancelled = await call('POST', `/campaigns/${id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
  });

  it('previews a promotion campaign’s message with that promotion’s offer and coupon in each language', async () => {
    const promo = await call('POST', `/locations/${shop.locationId}/promotions`, {
      name: 'Brake week',
      coupon_code: 'BRAKE15',
      text: {
        en: '15% off brake pads',
        fr: '15 % sur les plaquettes de frein',
        es: '15 % en pastillas de freno',
      },
    });
    const promotionId = (promo.json() as { id: number }).id;
    // What the console's preview dialog asks for a campaign with promotion_id (kind CAMPAIGN, no text).
    const preview = (language: string, extra: object = {}) =>
      call('POST', `/locations/${shop.locationId}/templates/preview`, {
        kind: 'CAMPAIGN',
        channel: 'email',
        language,
        promotion_id: promotionId,
        ...extra,
      });
    const offers = {
      en: '15% off brake pads',
      fr: '15 % sur les plaquettes de frein',
      es: '15 % en pastillas de freno',
    };
    for (const [language, offer] of Object.entries(offers)) {
      const res = await preview(language);
      expect(res.statusCode, res.body).toBe(200);
      const { html, text } = res.json() as { html: string; text: string };
      expect(text).toContain(offer);
      expect(text).toContain('BRAKE15');
      expect(html).toContain('BRAKE15');
      // Not the sample offer any more, nor another language's text.
      expect(text).not.toContain('WELCOME20');
      for (const other of Object.values(offers)) if (other !== offer) expect(text).not.toContain(other);
    }
    // E07 offers it the same way.
    const e07 = await call('POST', `/locations/${shop.locationId}/templates/preview`, {
      kind: 'E07',
      channel: 'email',
      language: 'fr',
      promotion_id: promotionId,
    });
    expect((e07.json() as { text: string }).text).toContain('15 % sur les plaquettes de frein');
    // Without it, the sample offer; another shop's promotion is not found, on its field.
    expect(
      (
        (
          await call('POST', `/locations/${shop.locationId}/templates/preview`, {
            kind: 'CAMPAIGN',
            channel: 'email',
            language: 'en',
          })
        ).json() as { text: string }
      ).text,
    ).toContain('WELCOME20');
    const other = await makeShop(api.t.db);
    const foreign = await api.t.db
      .insertInto('promotions')
      .values({ org_id: other.orgId, location_id: other.locationId, name: 'x', description: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const refused = await preview('en', { promotion_id: Number(foreign.id) });
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ error: { code: 'not_found', field: 'promotion_id' } });
  });

  it('names the bad field: script in the body, a past day, a promotion of another shop', async () => {
    const url = `/locations/${shop.locationId}/campaigns`;
    const script = await call('POST', url, {
      name: 'X',
      content: { en: { subject: 'x', body: '<img src=x onerror="alert(1)">' } },
    });
    expect(script.statusCode).toBe(400);
    expect(script.json()).toMatchObject({ error: { field: 'content.en.body' } });
    const other = await makeShop(api.t.db);
    const foreign = await api.t.db
      .insertInto('promotions')
      .values({ org_id: other.orgId, location_id: other.locationId, name: 'x', description: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await call('POST', url, { name: 'X', promotion_id: foreign.id })).json()).toMatchObject({
      error: { field: 'promotion_id' },
    });
    const draft = (
      await call('POST', url, { name: 'Y', content: { en: { subject: 'y', body: 'y' } } })
    ).json() as {
      id: number;
    };
    const past = await call('POST', `/campaigns/${draft.id}/send`, { send_on: '2026-03-09' });
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ error: { field: 'send_on' } });
    expect((await call('GET', `/campaigns/${draft.id}/preview?on=2026-02-30`)).statusCode).toBe(400);
  });
});
