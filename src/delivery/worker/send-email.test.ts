// The send path end to end: outbox rows → worker → real SMTP server on loopback → parsed back.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../test/helpers/factories.ts';
import { makeMessage, startSmtpSink, testContext, type SmtpSink } from '../../../test/helpers/delivery.ts';
import { verifyDkim } from '../../../test/helpers/dkim-verify.ts';
import { createMailer } from '../email/mailer.ts';
import { runWorker } from './run-worker.ts';

let t: TestDatabase;
let sink: SmtpSink;
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

beforeAll(async () => {
  t = await createTestDatabase();
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
  await t.close();
});

// The worker sends through the SMTP thread; a single mail (password reset) in process. Both must
// give the same mail, DKIM signature and error codes.
describe.each([
  ['on the SMTP thread', true],
  ['in process', false],
])('sending email (%s)', (_mode, thread) => {
  function ctxWithDkim() {
    const ctx = testContext(t, {
      SMTP_URL: sink.url,
      SMTP_POOL_SIZE: '2',
      MAIL_FROM: 'relance@mail.test',
      BOUNCE_ADDRESS: 'bounces@mail.test',
    });
    const mailer = createMailer(
      {
        ...ctx.config,
        DKIM_DOMAIN: 'mail.test',
        DKIM_SELECTOR: 'rl1',
        dkimPrivateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
      t.db,
      { thread },
    );
    return { ctx, mailer };
  }

  it('sends a customer message with headers, DKIM, parts and escaped data, once', async () => {
    const shop = await makeShop(t.db);
    const customer = await makeCustomer(t.db, shop, {
      mailing_name: '<script>alert(1)</script>',
      email: 'victim@example.test',
      language: 'fr',
    });
    const m = await makeMessage(t.db, shop, {
      kind: 'DEFERRED',
      customer_id: customer.id,
      language: 'fr',
      payload: {
        vehicles: [{ id: 1, year: 2019, make: 'Škoda', model: 'Octavia', plate: 'ŁÓD 123' }],
        deferred_items: ['Plaquettes <b>avant</b>'],
        last_service_on: '2026-02-10',
      },
    });
    const { ctx, mailer } = ctxWithDkim();
    const before = sink.received.length;
    const totals = await runWorker(ctx, { once: true, mailer });
    expect(totals.sent).toBe(1);
    // Run twice: nothing more is sent.
    await runWorker(ctx, { once: true, mailer });
    mailer.close();
    expect(sink.received.length - before).toBe(1);

    const raw = sink.received[before]!;
    expect(raw.envelopeFrom).toBe('bounces@mail.test');
    expect(raw.messageId).toBe(`<relance.${shop.orgId}.${m.id}@mail.test>`);
    const mail = await sink.parse(before);
    expect(mail.subject).toBe('Travaux recommandés pour votre 2019 Škoda Octavia');
    // The shop's own domain (garage.test) cannot align with our DKIM domain: From is our sending
    // address under the shop's name (it aligns with the DKIM d= below), replies go to the shop.
    expect(mail.from?.value[0]).toMatchObject({ name: 'Garage Test', address: 'relance@mail.test' });
    expect(mail.replyTo?.value[0]).toMatchObject({ address: 'service@garage.test' });
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>alert');
    expect(mail.html).toContain('Plaquettes &lt;b&gt;avant&lt;/b&gt;');
    expect(mail.text).toContain('Bonjour <script>alert(1)</script>,');
    expect(mail.text).toContain('- Plaquettes <b>avant</b>');
    expect(mail.text).toContain('mardi 10 février 2026');

    // RFC 8058 one-click unsubscribe, and a visible link to the same URL.
    const lu = mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line;
    const url = /<(http:\/\/relance\.test\/u\/[^>]+)>/.exec(lu)![1]!;
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')!.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(mail.html).toContain(`href="${url}"`);

    const dkim = verifyDkim(raw.raw, publicKey);
    expect(dkim).toMatchObject({ bodyHashOk: true, signatureOk: true, domain: 'mail.test', selector: 'rl1' });
    expect(mail.from!.value[0]!.address!.split('@')[1]).toBe(dkim.domain); // DMARC alignment
    expect(dkim.signedHeaders).toEqual(
      expect.arrayContaining(['from', 'subject', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post']),
    );

    const row = await t.db
      .selectFrom('messages')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, provider_id: raw.messageId });
  });

  it('attaches a calendar invitation to an appointment reminder, in the location zone', async () => {
    const shop = await makeShop(t.db, { time_zone: 'America/Vancouver' });
    const customer = await makeCustomer(t.db, shop, {
      email: 'ics@example.test',
      mailing_name: 'Jürgen Weiß',
    });
    await makeMessage(t.db, shop, {
      kind: 'E04',
      customer_id: customer.id,
      payload: {
        appointment: {
          id: 77,
          starts_at: '2026-07-01T16:30:00Z',
          ends_at: '2026-07-01T17:30:00Z',
          service: 'Oil change, filter',
        },
      },
    });
    const { ctx, mailer } = ctxWithDkim();
    const before = sink.received.length;
    await runWorker(ctx, { once: true, mailer });
    mailer.close();
    const mail = await sink.parse(before);
    expect(mail.subject).toBe('Reminder: your appointment on Wednesday, July 1, 2026 at 9:30 a.m.');
    const calendar = sink.received[before]!.raw;
    expect(calendar).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    const ics = mail.attachments.find(
      (a) => a.contentType === 'text/calendar' || a.filename === 'invitation.ics',
    );
    const body = ics
      ? ics.content.toString('utf8')
      : String((mail as unknown as { textAsHtml?: string }).textAsHtml ?? '');
    expect(body).toContain('METHOD:REQUEST');
    expect(body).toContain(`UID:appointment-${shop.orgId}-77@mail.test`);
    expect(body).toContain('DTSTART;TZID=America/Vancouver:20260701T093000');
    expect(body).toContain('DTEND;TZID=America/Vancouver:20260701T103000');
    expect(body).toContain('SUMMARY:Appointment at Garage Test: Oil change\\, filter');
    expect(body).toMatch(
      /BEGIN:VTIMEZONE\r\nTZID:America\/Vancouver\r\n[\s\S]*BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0800\r\nTZOFFSETTO:-0700/,
    );
    expect(body.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
  });

  it('retries a temporary failure with backoff and records a permanent one', async () => {
    const shop = await makeShop(t.db);
    const c1 = await makeCustomer(t.db, shop);
    const c2 = await makeCustomer(t.db, shop);
    const temp = await makeMessage(t.db, shop, { customer_id: c1.id });
    const { ctx, mailer } = ctxWithDkim();
    sink.failNext(1, 451, 'mailbox busy');
    const t0 = Date.now();
    await runWorker(ctx, { once: true, mailer, concurrency: 1 });
    let row = await t.db
      .selectFrom('messages')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .where('id', '=', temp.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(row.reason).toMatch(/451/);
    const delay = row.next_attempt_at.getTime() - t0;
    expect(delay).toBeGreaterThan(20_000);
    expect(delay).toBeLessThan(40_000);
    // Later, it goes out.
    const later = testContext(t, { SMTP_URL: sink.url }, () => new Date(Date.now() + 60_000));
    await runWorker(later, { once: true, mailer });
    row = await t.db
      .selectFrom('messages')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .where('id', '=', temp.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });

    const perm = await makeMessage(t.db, shop, { customer_id: c2.id });
    sink.failNext(1, 550, 'no such user');
    await runWorker(ctx, { once: true, mailer });
    mailer.close();
    row = await t.db
      .selectFrom('messages')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .where('id', '=', perm.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.reason).toMatch(/550.*no such user/);
  });

  it('cancels mail to a Do Not Mail or hard-bounced customer instead of sending it', async () => {
    const shop = await makeShop(t.db);
    const dnm = await makeCustomer(t.db, shop, { do_not_mail: true });
    const hb = await makeCustomer(t.db, shop, { email_status: 'hard_bounced' });
    const a = await makeMessage(t.db, shop, { customer_id: dnm.id });
    const b = await makeMessage(t.db, shop, { customer_id: hb.id });
    const { ctx, mailer } = ctxWithDkim();
    const before = sink.received.length;
    await runWorker(ctx, { once: true, mailer });
    mailer.close();
    expect(sink.received.length).toBe(before);
    const rows = await t.db
      .selectFrom('messages')
      .select(['id', 'status', 'reason'])
      .where('org_id', '=', shop.orgId)
      .where('id', 'in', [a.id, b.id])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.status, r.reason])).toEqual([
      ['cancelled', 'do_not_mail'],
      ['cancelled', 'hard_bounced'],
    ]);
  });
});

describe('the local mail catcher', () => {
  it('records the location each message was sent for (the mailbox shows it only to readers there)', async () => {
    const shop = await makeShop(t.db);
    const customer = await makeCustomer(t.db, shop, { email: 'caught@example.test' });
    const m = await makeMessage(t.db, shop, {
      kind: 'DEFERRED',
      customer_id: customer.id,
      payload: { vehicles: [], deferred_items: ['Brake pads'], last_service_on: '2026-02-10' },
    });
    const ctx = testContext(t, { MAIL_FROM: 'relance@mail.test' });
    const mailer = createMailer(ctx.config, t.db);
    expect(mailer.kind).toBe('catcher');
    const totals = await runWorker(ctx, { once: true, mailer });
    mailer.close();
    expect(totals.sent).toBeGreaterThanOrEqual(1);
    const caught = await t.db
      .selectFrom('caught_mail')
      .select(['org_id', 'location_id', 'envelope_to'])
      .where('org_id', '=', shop.orgId)
      .execute();
    expect(m.id).toBeGreaterThan(0);
    expect(caught).toEqual([
      { org_id: shop.orgId, location_id: shop.locationId, envelope_to: ['caught@example.test'] },
    ]);
  });
});
