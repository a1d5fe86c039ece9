// The inbox list's time on a location with 5,000 customers who texted (10 texts each) and 500
// unknown numbers (3 texts each): the median of 10 calls for the first page of 25, printed. Run on
// demand: INBOX_TIMING=1 DATABASE_URL=… npx vitest run src/delivery/sms/conversations-timing.test.ts
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/db.ts';
import { makeShop } from '../../../test/helpers/factories.ts';
import { listConversations } from './conversations.ts';

describe.skipIf(!process.env.INBOX_TIMING)('the inbox list’s time', () => {
  it('lists the first page of 5,500 conversations (51,500 texts)', { timeout: 300_000 }, async () => {
    const t = await createTestDatabase();
    const shop = await makeShop(t.db, { sms_enabled: true });
    await sql`INSERT INTO customers (org_id, location_id, customer_number, mailing_name, mobile_phone)
            SELECT ${shop.orgId}, ${shop.locationId}, 'B' || g, 'Bench ' || g, '+1514' || lpad(g::text, 7, '0')
              FROM generate_series(1, 5000) g`.execute(t.db);
    await sql`INSERT INTO sms_conversation (org_id, location_id, customer_id, direction, phone, body, provider_sid, at)
            SELECT ${shop.orgId}, ${shop.locationId}, c.id, CASE WHEN i % 2 = 0 THEN 'in' ELSE 'out' END, c.mobile_phone,
                   'text ' || i, 'SM' || c.id || '-' || i, now() - (c.id * 10 + i) * interval '1 minute'
              FROM customers c CROSS JOIN generate_series(1, 10) i WHERE c.org_id = ${shop.orgId}`.execute(
      t.db,
    );
    await sql`INSERT INTO sms_conversation (org_id, location_id, customer_id, direction, phone, body, provider_sid, at)
            SELECT ${shop.orgId}, ${shop.locationId}, NULL, 'in', '+1438' || lpad(g::text, 7, '0'), 'who?', 'SMu' || g || '-' || i,
                   now() - (g * 7 + i) * interval '1 minute'
              FROM generate_series(1, 500) g CROSS JOIN generate_series(1, 3) i`.execute(t.db);
    await sql`ANALYZE sms_conversation`.execute(t.db).catch(() => undefined);
    const where = { org_id: shop.orgId, location_id: shop.locationId };
    const time = async (f: () => Promise<unknown>) => {
      for (let i = 0; i < 3; i++) await f();
      const runs: number[] = [];
      for (let i = 0; i < 10; i++) {
        const s = performance.now();
        await f();
        runs.push(performance.now() - s);
      }
      runs.sort((a, b) => a - b);
      return runs[5]!.toFixed(1);
    };
    const now = await time(() => listConversations(t.db, where, { limit: 25 }));
    const page = await listConversations(t.db, where, { limit: 25 });
    console.log(
      `inbox list: 51,500 texts, 5,500 conversations, first page of 25 in ${now} ms (median of 10)`,
    );
    expect(page.items).toHaveLength(25);
    // Latest first across customers and unknown numbers alike.
    const times = page.items.map((c) => c.last_at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(page.unreadTotal).toBe(5000 * 5 + 500 * 3);
    await t.close();
  });
});
