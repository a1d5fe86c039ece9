// relance follow-up-list: the CSV on stdout, bad flags named.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../config/env.ts';
import type { AppContext } from '../../../context.ts';
import { deriveKeys } from '../../../security/keys.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../../test/helpers/factories.ts';
import { makeMessage } from '../../../../test/helpers/delivery.ts';
import { followUpListCommand } from './follow-up-list.ts';
import { createLogger } from '../../../config/logger.ts';

let t: TestDatabase;
let ctx: AppContext;

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = {
    config: loadConfig({}),
    keys: deriveKeys('55'.repeat(32)),
    database: t,
    db: t.db,
    now: () => new Date('2026-03-10T15:00:00Z'),
    log: createLogger({ LOG_LEVEL: 'warn' }),
  };
  const shop = await makeShop(t.db, { code: 'FUC' });
  const c = await makeCustomer(t.db, shop, { mailing_name: 'Zoé Côté' });
  await makeMessage(t.db, shop, {
    customer_id: c.id,
    kind: 'THANK_YOU',
    due_on: '2026-03-09',
    status: 'sent',
  });
});
afterAll(() => t.close());

describe('relance follow-up-list', () => {
  it('writes the day’s list as CSV and names a bad status', async () => {
    const out: string[] = [];
    const spy = vi
      .spyOn(process.stdout, 'write')
      .mockImplementation((s: string | Uint8Array) => out.push(String(s)) > 0);
    try {
      await followUpListCommand.run(
        { positionals: [], values: { location: 'FUC', date: '2026-03-09', status: 'sent' } },
        ctx,
      );
    } finally {
      spy.mockRestore();
    }
    const lines = out.join('').trimEnd().split('\r\n');
    expect(lines[0]!.startsWith('\uFEFFmessage_id,due_on,kind')).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/,2026-03-09,THANK_YOU,email,sent,,en,C\d+,Zoé Côté,/);
    await expect(
      followUpListCommand.run({ positionals: [], values: { location: 'FUC', status: 'late' } }, ctx),
    ).rejects.toThrow(/--status must be one of all, due, sent, held/);
  });
});
