// The one Do Not Mail rule: the row form (staff edits, unsubscribe) and the set form written into
// the customer import's upsert give the same answer for every starting state, and the import
// stamps Do Not Mail with its own clock, not the wall clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../test/helpers/factories.ts';
import { csv, runImport } from '../../test/helpers/data.ts';
import { doNotMailChange, setDoNotMail, type DoNotMailSource } from './set-do-not-mail.ts';

let database: TestDatabase;
let shop: Awaited<ReturnType<typeof makeShop>>;
const T0 = new Date('2025-06-01T12:00:00Z');
const T1 = new Date('2026-02-03T08:30:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  shop = await makeShop(database.db);
});
afterAll(() => database.close());

const STARTS: { label: string; on: boolean; source: DoNotMailSource | null }[] = [
  { label: 'mailable', on: false, source: null },
  { label: 'opted out by staff', on: true, source: 'staff' },
  { label: 'unsubscribed by link', on: true, source: 'unsubscribe_link' },
  { label: 'unsubscribed one-click', on: true, source: 'list_unsubscribe' },
  { label: 'opted out by a former import', on: true, source: 'import' },
];

const read = (id: number) =>
  database.db
    .selectFrom('customers')
    .select(['do_not_mail', 'do_not_mail_at', 'do_not_mail_source'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('the Do Not Mail rule', () => {
  it('lets the customer opt out but never back in, and records who and when', () => {
    expect(doNotMailChange(null, true, 'unsubscribe_link', T1)).toEqual({
      do_not_mail: true,
      do_not_mail_at: T1,
      do_not_mail_source: 'unsubscribe_link',
    });
    expect(
      doNotMailChange({ do_not_mail: true, do_not_mail_source: 'staff' }, false, 'list_unsubscribe', T1),
    ).toBeNull();
    expect(
      doNotMailChange({ do_not_mail: true, do_not_mail_source: 'staff' }, true, 'unsubscribe_link', T1),
    ).toBeNull();
    expect(
      doNotMailChange({ do_not_mail: true, do_not_mail_source: 'unsubscribe_link' }, false, 'staff', T1),
    ).toEqual({
      do_not_mail: false,
      do_not_mail_at: null,
      do_not_mail_source: null,
    });
  });

  it('the import upsert agrees with the row rule for every starting state, on its own clock', async () => {
    let n = 0;
    for (const start of STARTS) {
      for (const wanted of [true, false]) {
        const number = `DNM${++n}`;
        const c = await makeCustomer(database.db, shop, {
          customer_number: number,
          mailing_name: 'Alex Martin',
          do_not_mail: start.on,
          do_not_mail_source: start.source,
          do_not_mail_at: start.on ? T0 : null,
        });
        const expected = doNotMailChange(
          { do_not_mail: start.on, do_not_mail_source: start.source },
          wanted,
          'import',
          T1,
        ) ?? {
          do_not_mail: start.on,
          do_not_mail_at: start.on ? T0 : null,
          do_not_mail_source: start.source,
        };
        await runImport(
          database.db,
          shop,
          'customers',
          csv('customer_number,mailing_name,do_not_mail', `${number},Alex Martin,${wanted ? 'yes' : 'no'}`),
          { now: T1 },
        );
        const after = await read(c.id);
        expect(
          { ...after, do_not_mail_at: after.do_not_mail_at?.toISOString() ?? null },
          `${start.label} ← ${wanted}`,
        ).toEqual({
          ...expected,
          do_not_mail_at: expected.do_not_mail_at?.toISOString() ?? null,
        });
      }
    }
  });

  it('a new customer imported with Do Not Mail is stamped with the import clock', async () => {
    await runImport(
      database.db,
      shop,
      'customers',
      csv('customer_number,mailing_name,do_not_mail', 'NEW1,Sam Roy,1'),
      {
        now: T1,
      },
    );
    const row = await database.db
      .selectFrom('customers')
      .select(['do_not_mail', 'do_not_mail_at', 'do_not_mail_source'])
      .where('org_id', '=', shop.orgId)
      .where('customer_number', '=', 'NEW1')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ do_not_mail: true, do_not_mail_at: T1, do_not_mail_source: 'import' });
  });

  it('setDoNotMail changes a stored customer once; a repeat changes nothing', async () => {
    const c = await makeCustomer(database.db, shop);
    const first = await database.db
      .transaction()
      .execute((trx) =>
        setDoNotMail(trx, shop, { customerId: c.id, wanted: true, source: 'list_unsubscribe' }, T1),
      );
    expect(first).toEqual({ do_not_mail: true, do_not_mail_at: T1, do_not_mail_source: 'list_unsubscribe' });
    const again = await database.db
      .transaction()
      .execute((trx) =>
        setDoNotMail(trx, shop, { customerId: c.id, wanted: true, source: 'unsubscribe_link' }, T0),
      );
    expect(again).toBeNull();
    expect(await read(c.id)).toEqual({
      do_not_mail: true,
      do_not_mail_at: T1,
      do_not_mail_source: 'list_unsubscribe',
    });
    // Another organization's id is not found.
    const other = await makeShop(database.db);
    const foreign = await database.db
      .transaction()
      .execute((trx) => setDoNotMail(trx, other, { customerId: c.id, wanted: false, source: 'staff' }, T1));
    expect(foreign).toBeNull();
    expect((await read(c.id)).do_not_mail).toBe(true);
  });
});
