// The "sent" records of the send worker (sent-recorder.ts): a record never waits for another
// record's commit before its own UPDATE is sent (up to two writes in flight), since the window a
// kill -9 doubles ends when the UPDATE reaches PostgreSQL. Needs PostgreSQL: PGlite runs one
// statement at a time.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../test/helpers/factories.ts';
import { SentRecorder } from './sent-recorder.ts';

let t: TestDatabase;

describe.skipIf(!process.env.DATABASE_URL)('sent records (PostgreSQL)', () => {
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.close());

  it('a record arriving while another write is held up is written at once, on its own connection', async () => {
    const shop = await makeShop(t.db);
    const ids: number[] = [];
    for (const n of [1, 2, 3, 4]) {
      const c = await makeCustomer(t.db, shop);
      const m = await t.db
        .insertInto('messages')
        .values({
          org_id: shop.orgId,
          location_id: shop.locationId,
          kind: 'THANK_YOU',
          channel: 'email',
          customer_id: c.id,
          due_on: '2026-01-01',
          dedupe_key: `rec-${n}`,
          payload: '{}',
          status: 'sending',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(m.id);
    }
    const recorder = new SentRecorder(t.db, () => new Date(), { lingerMs: 0 });
    const status = async (id: number) =>
      (
        await t.db
          .selectFrom('messages')
          .select('status')
          .where('org_id', '=', shop.orgId)
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status;
    // Another transaction holds the first message's row: its record's UPDATE waits on PostgreSQL.
    const holder = await t.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM messages WHERE org_id = $1 AND id = $2 FOR UPDATE', [
        shop.orgId,
        ids[0],
      ]);
      const first = recorder.record({ org_id: shop.orgId, id: ids[0]! }, '<first@test>');
      await new Promise((r) => setTimeout(r, 100));
      expect(recorder.writesInFlight).toBe(1);
      // The second does not queue behind the first's commit (it would wait as long as the lock).
      const second = recorder.record({ org_id: shop.orgId, id: ids[1]! }, '<second@test>');
      const settled = await Promise.race([
        second.then(() => 'written'),
        new Promise((r) => setTimeout(() => r('waiting'), 5_000)),
      ]);
      expect(settled).toBe('written');
      expect(await status(ids[1]!)).toBe('sent');
      expect(await status(ids[0]!)).toBe('sending');
      // A third row locked: its write is held too. With both writes in flight, the next record
      // waits for one of them to end (no third connection), then goes at once.
      await holder.query('SELECT 1 FROM messages WHERE org_id = $1 AND id = $2 FOR UPDATE', [
        shop.orgId,
        ids[2],
      ]);
      const third = recorder.record({ org_id: shop.orgId, id: ids[2]! }, '<third@test>');
      await new Promise((r) => setTimeout(r, 100));
      expect(recorder.writesInFlight).toBe(2);
      const fourth = recorder.record({ org_id: shop.orgId, id: ids[3]! }, '<fourth@test>');
      await new Promise((r) => setTimeout(r, 100));
      expect(recorder.writesInFlight).toBe(2);
      expect(await status(ids[3]!)).toBe('sending');
      await holder.query('COMMIT');
      await Promise.all([first, third, fourth]);
    } finally {
      holder.release();
    }
    for (const id of ids) expect(await status(id)).toBe('sent');
    const providerIds = await sql<{ provider_id: string }>`
      SELECT provider_id FROM messages WHERE org_id = ${shop.orgId} ORDER BY id`.execute(t.db);
    expect(providerIds.rows.map((r) => r.provider_id)).toEqual([
      '<first@test>',
      '<second@test>',
      '<third@test>',
      '<fourth@test>',
    ]);
  });
});
