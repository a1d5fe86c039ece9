// npm start's sender: a tick sends what is due through the worker's SMTP thread, a second tick
// sends nothing more, and stopping the scheduler (abort) closes the SMTP thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../test/helpers/factories.ts';
import { makeMessage, startSmtpSink, testContext, type SmtpSink } from '../../test/helpers/delivery.ts';
import { sendJob } from './send.job.ts';

let t: TestDatabase;
let sink: SmtpSink;

beforeAll(async () => {
  t = await createTestDatabase();
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
  await t.close();
});

describe('the send job', () => {
  it('sends the due email once per message, tick after tick, until stopped', async () => {
    const ctx = testContext(t, { SMTP_URL: sink.url, SMTP_POOL_SIZE: '2', MAIL_FROM: 'relance@mail.test' });
    const shop = await makeShop(t.db);
    const ids: number[] = [];
    for (const name of ['Zoë Ćosić', 'José Núñez', 'Anaïs Lefèvre']) {
      const c = await makeCustomer(t.db, shop, { mailing_name: name });
      ids.push((await makeMessage(t.db, shop, { customer_id: c.id })).id);
    }
    const controller = new AbortController();
    const before = sink.received.length;
    await sendJob.tick(ctx, controller.signal);
    await sendJob.tick(ctx, controller.signal);
    controller.abort();

    expect(sink.received.length - before).toBe(3);
    expect(new Set(sink.received.slice(before).map((r) => r.messageId))).toEqual(
      new Set(ids.map((id) => `<relance.${shop.orgId}.${id}@mail.test>`)),
    );
    const rows = await t.db
      .selectFrom('messages')
      .select(['status', 'provider_id'])
      .where('org_id', '=', shop.orgId)
      .execute();
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(rows.every((r) => r.provider_id?.startsWith('<relance.'))).toBe(true);

    // Stopped: a tick of the stopped scheduler sends nothing; the message waits for the next start.
    const late = await makeMessage(t.db, shop, { customer_id: (await makeCustomer(t.db, shop)).id });
    await sendJob.tick(ctx, controller.signal);
    expect(sink.received.length - before).toBe(3);
    const row = await t.db
      .selectFrom('messages')
      .select('status')
      .where('org_id', '=', shop.orgId)
      .where('id', '=', late.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
  });
});
