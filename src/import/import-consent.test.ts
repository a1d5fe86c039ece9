// customers.csv with consent per channel (email, postcard) × purpose (service, marketing): each
// basis and date goes to customer_consents and its history with the import file and line as the
// evidence, as the API records it; importing the same file again adds nothing; a bad basis or a
// date without its basis rejects the row with its line and column; a customer who unsubscribed
// themselves is not put back by a file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName, createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { csv, runImport } from '../../test/helpers/data.ts';
import { makeShop } from '../../test/helpers/factories.ts';
import { loadCustomerConsents } from '../commands/load-customer-consents.ts';

let t: TestDatabase;
let shop: Awaited<ReturnType<typeof makeShop>>;
beforeAll(async () => {
  t = await createTestDatabase();
  shop = await makeShop(t.db);
});
afterAll(async () => t?.close());

const HEADER =
  'customer_number,last_name,email,consent_email_marketing_basis,consent_email_marketing_date,consent_email_service_basis,consent_postcard_marketing_basis,consent_postcard_marketing_date';

const customerId = async (n: string) =>
  (
    await t.db
      .selectFrom('customers')
      .select('id')
      .where('org_id', '=', shop.orgId)
      .where('customer_number', '=', n)
      .executeTakeFirstOrThrow()
  ).id;
const current = async (n: string) =>
  t.db
    .selectFrom('customer_consents')
    .select(['channel', 'purpose', 'basis', 'source', 'given_on', 'evidence'])
    .where('org_id', '=', shop.orgId)
    .where('customer_id', '=', await customerId(n))
    .orderBy('channel')
    .orderBy('purpose')
    .execute();
const history = async (n: string) =>
  t.db
    .selectFrom('customer_consent_history')
    .select(['channel', 'purpose', 'basis', 'previous_basis', 'source', 'evidence'])
    .where('org_id', '=', shop.orgId)
    .where('customer_id', '=', await customerId(n))
    .orderBy('id')
    .execute();

describe(`import of consent per channel and purpose on ${backendName}`, () => {
  it('records each consent with the file and line as evidence, once', async () => {
    const file = csv(
      HEADER,
      'K1,Roy,k1@example.test,express,2024-05-01,exempt,implied_purchase,2025-01-10',
      'K2,Côté,k2@example.test,,,,,',
      'K3,Tremblay,,implied,2025-06-01,,none,',
    );
    const r = await runImport(t.db, shop, 'customers', file, { fileName: 'clients-2026.csv' });
    expect([r.imported, r.rejected, r.warnings]).toEqual([3, 0, 0]);
    expect(await current('K1')).toEqual([
      {
        channel: 'email',
        purpose: 'marketing',
        basis: 'express',
        source: 'import',
        given_on: '2024-05-01',
        evidence: { file: 'clients-2026.csv', line: 2 },
      },
      {
        channel: 'email',
        purpose: 'service',
        basis: 'exempt',
        source: 'import',
        given_on: null,
        evidence: { file: 'clients-2026.csv', line: 2 },
      },
      {
        channel: 'postcard',
        purpose: 'marketing',
        basis: 'implied_purchase',
        source: 'import',
        given_on: '2025-01-10',
        evidence: { file: 'clients-2026.csv', line: 2 },
      },
    ]);
    expect(await current('K2')).toEqual([]);
    // The older spelling "implied" is a purchase; K3 is on line 4.
    expect((await current('K3')).map((c) => [c.channel, c.purpose, c.basis, c.evidence])).toEqual([
      ['email', 'marketing', 'implied_purchase', { file: 'clients-2026.csv', line: 4 }],
      ['postcard', 'marketing', 'none', { file: 'clients-2026.csv', line: 4 }],
    ]);
    expect((await history('K1')).map((h) => [h.channel, h.purpose, h.basis, h.previous_basis])).toEqual([
      ['email', 'marketing', 'express', null],
      ['email', 'service', 'exempt', null],
      ['postcard', 'marketing', 'implied_purchase', null],
    ]);
    // Audited as the API's are, one entry per consent.
    const audited = await t.db
      .selectFrom('audit_log')
      .select(['actor_type', 'action', 'changes'])
      .where('org_id', '=', shop.orgId)
      .where('entity', '=', 'customer')
      .where('entity_id', '=', String(await customerId('K1')))
      .where('action', '=', 'record_consent')
      .execute();
    expect(audited).toHaveLength(3);
    expect(audited).toContainEqual({
      actor_type: 'system',
      action: 'record_consent',
      changes: {
        'consent.email.marketing': { from: null, to: 'express' },
        source: 'import',
        given_on: '2024-05-01',
        evidence: { file: 'clients-2026.csv', line: 2 },
      },
    });
    // The customer file shows them, with the expiry the basis implies.
    const shown = await loadCustomerConsents(
      t.db,
      shop.orgId,
      await t.db
        .selectFrom('customers')
        .selectAll()
        .where('id', '=', await customerId('K1'))
        .executeTakeFirstOrThrow(),
      '2026-03-01',
    );
    expect(JSON.stringify(shown)).toContain('2027-01-10'); // implied by purchase: 2 years

    // The same file again: nothing changes, nothing is added to the history.
    const again = await runImport(t.db, shop, 'customers', file, { fileName: 'clients-2026.csv' });
    expect([again.imported, again.updated, again.unchanged]).toEqual([0, 0, 3]);
    expect(await history('K1')).toHaveLength(3);

    // A later file withdraws K1's email marketing consent: one history row, with the new line.
    const later = await runImport(
      t.db,
      shop,
      'customers',
      csv(
        HEADER,
        'K2,Côté,k2@example.test,,,,,',
        'K1,Roy,k1@example.test,none,2026-02-20,exempt,implied_purchase,2025-01-10',
      ),
      { fileName: 'clients-2026-02.csv' },
    );
    expect([later.updated, later.unchanged]).toEqual([1, 1]);
    const h = await history('K1');
    expect(h).toHaveLength(4);
    expect(h[3]).toEqual({
      channel: 'email',
      purpose: 'marketing',
      basis: 'none',
      previous_basis: 'express',
      source: 'import',
      evidence: { file: 'clients-2026-02.csv', line: 3 },
    });
  });

  it('rejects a bad basis and a date without its basis, naming the line and the column', async () => {
    const r = await runImport(
      t.db,
      shop,
      'customers',
      csv(
        HEADER,
        'B1,Good,b1@example.test,express,,,,',
        'B2,Bad,b2@example.test,opt-in,2025-01-01,,,',
        'B3,NoBasis,b3@example.test,,,,,2025-02-02',
      ),
      { fileName: 'bad.csv' },
    );
    expect([r.imported, r.rejected]).toEqual([1, 2]);
    expect(r.report).toEqual([
      {
        line: '3',
        severity: 'rejected',
        column: 'consent_email_marketing_basis',
        reason:
          '"opt-in" is not one of express, implied_purchase, implied_inquiry, exempt, none, implied, existing_business',
        value: 'opt-in',
      },
      {
        line: '4',
        severity: 'rejected',
        column: 'consent_postcard_marketing_date',
        reason: 'a consent date needs its basis (consent_postcard_marketing_basis)',
        value: '2025-02-02',
      },
    ]);
    const numbers = await t.db
      .selectFrom('customers')
      .select('customer_number')
      .where('org_id', '=', shop.orgId)
      .where('customer_number', 'like', 'B%')
      .execute();
    expect(numbers.map((n) => n.customer_number)).toEqual(['B1']);
  });

  it('does not put back a customer who unsubscribed themselves; a withdrawal is always taken', async () => {
    await runImport(t.db, shop, 'customers', csv(HEADER, 'U1,Opt,u1@example.test,,,,,'));
    await t.db
      .updateTable('customers')
      .set({ do_not_mail: true, do_not_mail_source: 'unsubscribe_link', do_not_mail_at: new Date() })
      .where('id', '=', await customerId('U1'))
      .execute();
    const r = await runImport(
      t.db,
      shop,
      'customers',
      csv(HEADER, 'U1,Opt,u1@example.test,express,2026-02-01,,none,'),
      { fileName: 'resubscribe.csv' },
    );
    expect(r.report).toEqual([
      expect.objectContaining({
        line: '2',
        severity: 'warning',
        column: 'consent_email_marketing_basis',
        reason: expect.stringContaining('unsubscribed themselves'),
      }),
    ]);
    expect((await current('U1')).map((c) => [c.channel, c.purpose, c.basis])).toEqual([
      ['postcard', 'marketing', 'none'],
    ]);
  });

  it('does not put back a consent the customer withdrew in the portal', async () => {
    await runImport(t.db, shop, 'customers', csv(HEADER, 'P1,Portal,p1@example.test,,,,,'));
    await t.db
      .insertInto('customer_consents')
      .values({
        org_id: shop.orgId,
        customer_id: await customerId('P1'),
        channel: 'email',
        purpose: 'marketing',
        basis: 'none',
        source: 'portal',
        given_on: '2026-01-10',
        evidence: JSON.stringify({ form: 'portal_file', text: 'Offers and news by email' }),
      })
      .execute();
    const r = await runImport(
      t.db,
      shop,
      'customers',
      csv(HEADER, 'P1,Portal,p1@example.test,implied_purchase,2026-02-01,,,'),
      { fileName: 'portal-back.csv' },
    );
    expect(r.report).toEqual([
      expect.objectContaining({ line: '2', severity: 'warning', column: 'consent_email_marketing_basis' }),
    ]);
    expect((await current('P1')).map((c) => [c.channel, c.purpose, c.basis, c.source])).toEqual([
      ['email', 'marketing', 'none', 'portal'],
    ]);
  });

  it('withdraws consent for texts when the file changes the mobile number, and says so', async () => {
    const header = 'customer_number,last_name,mobile_phone';
    await runImport(
      t.db,
      shop,
      'customers',
      csv(header, 'M1,Roy,+15145550101', 'M2,Côté,+15145550102', 'M3,Gagné,'),
    );
    const consentTo = async (n: string, purposes: Array<'service' | 'marketing'>) => {
      for (const purpose of purposes)
        await t.db
          .insertInto('customer_consents')
          .values({
            org_id: shop.orgId,
            customer_id: await customerId(n),
            channel: 'text',
            purpose,
            basis: 'express',
            source: 'staff',
            given_on: '2026-02-01',
            evidence: { form: 'work order' },
          })
          .execute();
    };
    await consentTo('M1', ['service', 'marketing']);
    await consentTo('M2', ['service']);
    await consentTo('M3', ['service']);
    const texts = async (n: string) =>
      (await current(n)).filter((c) => c.channel === 'text').map((c) => [c.purpose, c.basis, c.evidence]);

    // M1 gets a new number, M2 the same one (written differently), M3 a first number.
    const r = await runImport(
      t.db,
      shop,
      'customers',
      csv(header, 'M1,Roy,+1 438 555 0199', 'M2,Côté,+1 (514) 555-0102', 'M3,Gagné,+15145550103'),
      { fileName: 'dms.csv' },
    );
    expect(r.rejected, r.reportText).toBe(0);
    expect(await texts('M1')).toEqual([
      ['marketing', 'none', { file: 'dms.csv', line: 2, reason: 'mobile_phone_changed' }],
      ['service', 'none', { file: 'dms.csv', line: 2, reason: 'mobile_phone_changed' }],
    ]);
    expect((await history('M1')).filter((h) => h.channel === 'text').map((h) => h.previous_basis)).toEqual([
      'express',
      'express',
    ]);
    expect(await texts('M2')).toEqual([['service', 'express', { form: 'work order' }]]);
    expect(await texts('M3')).toEqual([['service', 'express', { form: 'work order' }]]);
    // The report names the line, the old and the new number, for staff to ask again.
    const said = r.report.filter((l) => l.column === 'mobile_phone');
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ line: '2', value: '+14385550199' });
    expect(said[0]!.reason).toContain('was +15145550101');

    // The same file again: nothing more to withdraw, nothing said.
    const again = await runImport(t.db, shop, 'customers', csv(header, 'M1,Roy,+14385550199'));
    expect(again.report.filter((l) => l.column === 'mobile_phone')).toEqual([]);
    expect((await history('M1')).filter((h) => h.channel === 'text')).toHaveLength(2);
  });
});
