// The customer's own mobile number on "My details" (/portal/file), through the real HTTP app and
// database: added, changed and removed in E.164 (the one rule, domain/sms/mobile-number.ts),
// audited with the customer as the actor and raised as P01; a bad number refused with the field
// named in the customer's language and nothing written; another customer untouched. Consent for
// texts is for the number it was given for: a new number withdraws it (recorded, both numbers in
// the evidence), the send worker then texts nothing to the new number until the customer ticks
// texts again for it; STOPs and undeliverable marks stay with the number they were for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, backendName, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer } from '../../../test/helpers/factories.ts';
import { makeBookableShop, signedInBrowser, type PortalBrowser } from '../../../test/helpers/portal.ts';
import { makeStaff, signIn } from '../../../test/helpers/api.ts';
import { makeMessage, testContext } from '../../../test/helpers/delivery.ts';
import type { AppContext } from '../../context.ts';
import type { Language } from '../../db/schema.ts';
import { PREFERENCES_TEXT_VERSION } from '../../i18n/portal-strings.ts';
import { runWorker } from '../../delivery/worker/run-worker.ts';
import { buildApp } from '../app.ts';

let t: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
const clock = { now: new Date('2026-03-10T15:00:00Z') }; // a Tuesday, 11:00 in Toronto
let shop: Awaited<ReturnType<typeof makeBookableShop>>;

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = testContext(t, {}, () => clock.now);
  app = await buildApp(ctx);
  // A location that texts, with no provider set: texts go to the local catcher (caught_texts).
  shop = await makeBookableShop(t.db, { language: 'en', sms_enabled: true });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

/** What a browser submits for the page last shown: every input's value and each ticked box. */
function formOf(body: string): Record<string, string> {
  const form = /<form method="post" action="\/portal\/file"[\s\S]*?<\/form>/.exec(body)![0];
  const values: Record<string, string> = {};
  for (const m of form.matchAll(/<input ([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name || name === '_csrf') continue;
    if (/type="checkbox"/.test(attrs) && !/ checked/.test(attrs)) continue;
    values[name] = /value="([^"]*)"/.exec(attrs)?.[1] ?? '';
  }
  const lang = /<option value="(\w+)" selected>/.exec(form)?.[1];
  if (lang) values.language = lang;
  return values;
}

const ticked = (body: string) =>
  [...body.matchAll(/name="(pref_\w+_text)" value="on"( checked)?/g)].map(
    (m) => `${m[1]}${m[2] ? '+' : '-'}`,
  );

const customerRow = (id: number) =>
  t.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const textConsents = (id: number) =>
  t.db
    .selectFrom('customer_consents')
    .select(['purpose', 'basis', 'source'])
    .where('org_id', '=', shop.orgId)
    .where('customer_id', '=', id)
    .where('channel', '=', 'text')
    .orderBy('purpose')
    .execute();
const history = (id: number) =>
  t.db
    .selectFrom('customer_consent_history')
    .select(['channel', 'purpose', 'basis', 'previous_basis', 'source', 'evidence'])
    .where('org_id', '=', shop.orgId)
    .where('customer_id', '=', id)
    .orderBy('id')
    .execute();
const auditOf = (id: number) =>
  t.db
    .selectFrom('audit_log')
    .select(['actor_type', 'actor_id', 'action', 'changes'])
    .where('org_id', '=', shop.orgId)
    .where('entity', '=', 'customer')
    .where('entity_id', '=', String(id))
    .orderBy('id')
    .execute();
const p01Of = (id: number) =>
  t.db
    .selectFrom('messages')
    .select('payload')
    .where('org_id', '=', shop.orgId)
    .where('kind', '=', 'P01')
    .where('customer_id', '=', id)
    .orderBy('id')
    .execute();

/** Show the form, then submit it as the browser would, with these changes. */
async function submit(b: PortalBrowser, changes: Record<string, string | undefined>) {
  const values: Record<string, string> = { ...formOf((await b.get('/portal/file')).body) };
  for (const [k, v] of Object.entries(changes))
    if (v === undefined) delete values[k];
    else values[k] = v;
  return b.post('/portal/file', values);
}

describe(`the customer's mobile number in the portal on ${backendName}`, () => {
  it('adds it as typed (spaces, dashes), stored in E.164, audited, P01; texts then offered for it, unticked', async () => {
    const c = await makeCustomer(t.db, shop, { language: 'fr', mobile_phone: null, city: 'Laval' });
    const b = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: c.id }, clock.now);
    const page = await b.get('/portal/file');
    expect(page.body).toContain('<label for="mobile_phone">Numéro de cellulaire</label>');
    expect(page.body).toContain('autocomplete="mobile tel"');
    expect(page.body).toContain('Avec le + et l’indicatif du pays');
    expect(page.body).toContain('Votre consentement aux textos vaut pour ce numéro seulement');
    expect(ticked(page.body)).toEqual([]); // no number: no text boxes

    const saved = await submit(b, { mobile_phone: ' +1 (514) 555-0142 ' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/portal/file?saved=mobile');
    expect((await customerRow(c.id)).mobile_phone).toBe('+15145550142');
    expect(await auditOf(c.id)).toEqual([
      {
        actor_type: 'customer',
        actor_id: c.id,
        action: 'update',
        changes: { mobile_phone: { from: null, to: '+15145550142' } },
      },
    ]);
    expect((await p01Of(c.id)).map((m) => m.payload)).toMatchObject([
      { changes: { mobile_phone: { from: null, to: '+15145550142' } } },
    ]);
    // Nothing to withdraw: no consent for texts was on record.
    expect(await history(c.id)).toEqual([]);
    const after = await b.get(saved.headers.location as string);
    expect(after.body).toContain(
      'Enregistré. Pour recevoir des textos au +15145550142, cochez « Par texto » ci-dessous et enregistrez.',
    );
    expect(after.body).toContain('Les textos sont envoyés au +15145550142');
    expect(after.body).toContain('value="+15145550142"');
    expect(ticked(after.body)).toEqual(['pref_service_text-', 'pref_marketing_text-']);
  });

  it('saving the same number again (as shown, or spaced) changes nothing and keeps consent for texts', async () => {
    const c = await makeCustomer(t.db, shop, { language: 'en', mobile_phone: '+15145550143' });
    const b = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: c.id }, clock.now);
    // Texts for offers, ticked on the form that shows the number.
    expect((await submit(b, { pref_marketing_text: 'on' })).statusCode).toBe(303);
    expect(await textConsents(c.id)).toEqual([{ purpose: 'marketing', basis: 'express', source: 'portal' }]);
    expect((await submit(b, {})).body).toContain('Nothing changed.');
    expect((await submit(b, { mobile_phone: '+1 514 555 0143' })).body).toContain('Nothing changed.');
    expect(await textConsents(c.id)).toEqual([{ purpose: 'marketing', basis: 'express', source: 'portal' }]);
    expect((await customerRow(c.id)).mobile_phone).toBe('+15145550143');
  });

  it('changes it: consent for texts given for the old number is withdrawn, and no text goes to the new one until ticked again', async () => {
    const c = await makeCustomer(t.db, shop, { language: 'es', mobile_phone: '+15145550190' });
    const b = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: c.id }, clock.now);
    await submit(b, { pref_marketing_text: 'on' });
    expect(ticked((await b.get('/portal/file')).body)).toEqual([
      'pref_service_text+',
      'pref_marketing_text+',
    ]);
    // A service text waiting in the outbox for the old number's consent.
    const waiting = await makeMessage(t.db, shop, {
      kind: 'THANK_YOU',
      channel: 'sms',
      customer_id: c.id,
      language: 'es',
      next_attempt_at: new Date(clock.now.getTime() - 60_000),
    });

    // The same form changes the number; its text boxes (still ticked, for the old number) are not taken.
    const saved = await submit(b, { mobile_phone: '+1 438 555 0191' });
    expect(saved.statusCode).toBe(303);
    expect((await customerRow(c.id)).mobile_phone).toBe('+14385550191');
    expect(await textConsents(c.id)).toEqual([{ purpose: 'marketing', basis: 'none', source: 'portal' }]);
    const withdrawal = (await history(c.id)).at(-1)!;
    expect(withdrawal).toEqual({
      channel: 'text',
      purpose: 'marketing',
      basis: 'none',
      previous_basis: 'express',
      source: 'portal',
      evidence: {
        form: 'portal_file',
        text_version: PREFERENCES_TEXT_VERSION,
        language: 'es',
        text: expect.stringContaining('vale solo para este número') as unknown,
        reason: 'mobile_phone_changed',
        phone: '+15145550190',
        new_phone: '+14385550191',
      },
    });
    expect((await p01Of(c.id)).at(-1)!.payload).toMatchObject({
      changes: {
        mobile_phone: { from: '+15145550190', to: '+14385550191' },
        'consent.text.marketing': { from: 'express', to: 'none' },
      },
    });
    expect(await auditOf(c.id)).toContainEqual(
      expect.objectContaining({
        actor_type: 'customer',
        action: 'record_consent',
        changes: expect.objectContaining({ 'consent.text.marketing': { from: 'express', to: 'none' } }),
      }),
    );
    const page = await b.get(saved.headers.location as string);
    expect(page.body).toContain('Para recibir mensajes de texto al +14385550191');
    expect(ticked(page.body)).toEqual(['pref_service_text-', 'pref_marketing_text-']);

    // The send worker (textConsentHold, as the daily run's channel SQL) texts nothing to the new number.
    await runWorker(ctx, { once: true });
    const held = await t.db
      .selectFrom('messages')
      .select(['status', 'reason'])
      .where('id', '=', waiting.id)
      .executeTakeFirstOrThrow();
    expect(held).toEqual({ status: 'held', reason: 'no_text_consent' });
    const caught = () =>
      t.db
        .selectFrom('caught_texts')
        .select('to_number')
        .where('org_id', '=', shop.orgId)
        .where('to_number', 'in', ['+15145550190', '+14385550191'])
        .execute();
    expect(await caught()).toEqual([]);

    // Ticked again, on the page naming the new number: consent for it, the new number in the evidence.
    expect((await submit(b, { pref_service_text: 'on' })).statusCode).toBe(303);
    expect((await history(c.id)).at(-1)).toMatchObject({
      channel: 'text',
      purpose: 'service',
      basis: 'express',
      evidence: { phone: '+14385550191', text: expect.stringContaining('+14385550191') as unknown },
    });
    const next = await makeMessage(t.db, shop, {
      kind: 'THANK_YOU',
      channel: 'sms',
      customer_id: c.id,
      language: 'es',
      next_attempt_at: new Date(clock.now.getTime() - 60_000),
    });
    await runWorker(ctx, { once: true });
    expect(
      await t.db.selectFrom('messages').select('status').where('id', '=', next.id).executeTakeFirstOrThrow(),
    ).toEqual({ status: 'sent' });
    expect(await caught()).toEqual([{ to_number: '+14385550191' }]);
  });

  it('removes it: consent for texts withdrawn, no text boxes left', async () => {
    const c = await makeCustomer(t.db, shop, { language: 'en', mobile_phone: '+15145550144' });
    const b = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: c.id }, clock.now);
    await submit(b, { pref_service_text: 'on', pref_marketing_text: 'on' });
    expect(await textConsents(c.id)).toEqual([
      { purpose: 'marketing', basis: 'express', source: 'portal' },
      { purpose: 'service', basis: 'express', source: 'portal' },
    ]);
    const saved = await submit(b, { mobile_phone: '' });
    expect(saved.headers.location).toBe('/portal/file?saved');
    expect((await customerRow(c.id)).mobile_phone).toBeNull();
    expect(await textConsents(c.id)).toEqual([
      { purpose: 'marketing', basis: 'none', source: 'portal' },
      { purpose: 'service', basis: 'none', source: 'portal' },
    ]);
    expect((await history(c.id)).slice(-2).map((h) => h.evidence)).toEqual([
      expect.objectContaining({ phone: '+15145550144', new_phone: null }),
      expect.objectContaining({ phone: '+15145550144', new_phone: null }),
    ]);
    const page = await b.get('/portal/file?saved');
    expect(page.body).toContain('Saved. The shop has been told about the change.');
    expect(ticked(page.body)).toEqual([]);
    expect(page.body).toContain('id="mobile_phone" name="mobile_phone" type="tel" value=""');
  });

  const BAD: Record<Language, string> = {
    en: 'Mobile number: type it with + and the country code, like +1\u00a0514\u00a0555\u00a00123.',
    fr: 'Numéro de cellulaire : tapez-le avec le + et l’indicatif du pays, comme +1\u00a0514\u00a0555\u00a00123.',
    es: 'Número de celular: escríbalo con el + y el código de país, como +1\u00a0514\u00a0555\u00a00123.',
  };
  for (const language of ['en', 'fr', 'es'] as const)
    it(`${language}: refuses a number that is not E.164, naming the field, and writes nothing of the form`, async () => {
      const c = await makeCustomer(t.db, shop, {
        language,
        mobile_phone: '+15145550145',
        city: 'Laval',
      });
      const b = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: c.id }, clock.now);
      await submit(b, { pref_marketing_text: 'on' });
      const before = await customerRow(c.id);
      const [audits, consents, p01s] = [
        (await auditOf(c.id)).length,
        (await history(c.id)).length,
        (await p01Of(c.id)).length,
      ];
      for (const bad of ['514 555 0145', '+1 514 555 CALL', '+0 514 555 0145', '+1'.padEnd(31, '5')]) {
        // With other changes in the same form: none of them is saved either.
        const res = await submit(b, { mobile_phone: bad, city: 'Montréal', pref_marketing_text: undefined });
        expect(res.statusCode, bad).toBe(400);
        expect(res.body).toContain(BAD[language]);
        expect(res.body).toMatch(
          /id="mobile_phone"[^>]*aria-describedby="form-error mobile_phone-hint0[^>]*aria-invalid="true"/,
        );
        // What the customer typed stays in the form, to correct it.
        expect(res.body).toContain(`value="${bad}"`);
        expect(res.body).toContain('value="Montréal"');
      }
      expect(await customerRow(c.id)).toEqual(before);
      expect((await auditOf(c.id)).length).toBe(audits);
      expect((await history(c.id)).length).toBe(consents);
      expect((await p01Of(c.id)).length).toBe(p01s);
      expect(await textConsents(c.id)).toEqual([
        { purpose: 'marketing', basis: 'express', source: 'portal' },
      ]);
    });

  it("changes only the signed-in customer's number and consent: another customer with the same number keeps theirs", async () => {
    const mine = await makeCustomer(t.db, shop, { mobile_phone: '+15145550146', email: 'a@example.test' });
    // Someone else at the same location, sharing the number (a family phone), with consent for texts.
    const other = await makeCustomer(t.db, shop, { mobile_phone: '+15145550146', email: 'b@example.test' });
    const o = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: other.id }, clock.now);
    await submit(o, { pref_marketing_text: 'on' });
    const otherBefore = await customerRow(other.id);
    const otherHistory = await history(other.id);

    const b = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: mine.id }, clock.now);
    // A forged id in the form names nothing: the session's customer is the only one changed.
    const res = await submit(b, {
      mobile_phone: '+15145550147',
      id: String(other.id),
      customer_id: String(other.id),
    });
    expect(res.statusCode).toBe(303);
    expect((await customerRow(mine.id)).mobile_phone).toBe('+15145550147');
    expect(await customerRow(other.id)).toEqual(otherBefore);
    expect(await history(other.id)).toEqual(otherHistory);
    expect(await textConsents(other.id)).toEqual([
      { purpose: 'marketing', basis: 'express', source: 'portal' },
    ]);
    expect(await auditOf(other.id)).not.toContainEqual(expect.objectContaining({ actor_id: mine.id }));
  });

  it('a STOP or an undeliverable mark stays with the number it was for', async () => {
    const owner = await makeStaff(t.db, shop, [{ locationId: shop.locationId, role: 'owner' }]);
    const staff = await signIn(app, owner.email);
    const mark = async (phone: string, keyword: string) =>
      t.db
        .insertInto('sms_opt_outs')
        .values({ org_id: shop.orgId, location_id: shop.locationId, phone, keyword, opted_out_at: clock.now })
        .execute();
    const textBlock = async (id: number) =>
      (
        (await staff.request({ method: 'GET', url: `/api/v1/customers/${id}` })).json() as {
          text_block: { reason: string } | null;
        }
      ).text_block;
    const c = await makeCustomer(t.db, shop, { mobile_phone: '+15145550148' });
    await mark('+15145550148', 'undeliverable');
    const b = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: c.id }, clock.now);
    expect(await textBlock(c.id)).toMatchObject({ reason: 'undeliverable' });
    await submit(b, { mobile_phone: '+15145550149' });
    // The new number carries no mark; the old one keeps its own (back to it: marked again).
    expect(await textBlock(c.id)).toBeNull();
    await submit(b, { mobile_phone: '+15145550148' });
    expect(await textBlock(c.id)).toMatchObject({ reason: 'undeliverable' });

    await mark('+15145550150', 'STOP');
    await submit(b, { mobile_phone: '+15145550150' });
    expect(await textBlock(c.id)).toMatchObject({ reason: 'stop' });
    // Ticking texts for a number that texted STOP records the consent but does not undo the STOP.
    await submit(b, { pref_service_text: 'on' });
    expect(await textBlock(c.id)).toMatchObject({ reason: 'stop' });
    const rows = await t.db
      .selectFrom('sms_opt_outs')
      .select(['phone', 'keyword'])
      .where('org_id', '=', shop.orgId)
      .where('phone', 'in', ['+15145550148', '+15145550150'])
      .orderBy('phone')
      .execute();
    expect(rows).toEqual([
      { phone: '+15145550148', keyword: 'undeliverable' },
      { phone: '+15145550150', keyword: 'STOP' },
    ]);
  });
});
