// relance campaign: create, preview counts, send, list, cancel on a test clock; bad flags named.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../config/env.ts';
import type { AppContext } from '../../../context.ts';
import { deriveKeys } from '../../../security/keys.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../../../test/helpers/factories.ts';
import { UsageError } from '../../command.ts';
import { campaignCommand } from './campaign.ts';
import { createLogger } from '../../../config/logger.ts';

let t: TestDatabase;
let ctx: AppContext;
const out: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = {
    config: loadConfig({}),
    keys: deriveKeys('44'.repeat(32)),
    database: t,
    db: t.db,
    now: () => new Date('2026-03-10T15:00:00Z'),
    log: createLogger({ LOG_LEVEL: 'warn' }),
  };
  const shop = await makeShop(t.db, { code: 'CMP' });
  const a = await makeCustomer(t.db, shop, { last_visit_on: '2025-06-01' });
  await makeVehicle(t.db, shop, a.id, { make: 'Subaru' });
  await makeCustomer(t.db, shop, { last_visit_on: '2026-01-01' });
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
});
afterAll(async () => {
  vi.restoreAllMocks();
  await t.close();
});

const run = (positionals: string[], values: Record<string, string> = {}) =>
  campaignCommand.run({ positionals, values: { location: 'CMP', ...values } }, ctx);

describe('relance campaign', () => {
  it('creates, previews, sends and lists', async () => {
    out.length = 0;
    await run(['create'], {
      name: 'Away',
      inactive: '6-12',
      'subject-en': 'Hi',
      'body-en': 'Hello {{mailing_name}}',
    });
    expect(out[0]).toMatch(/^#(\d+) Away \[draft\]: last visit 6-12 months ago$/);
    const id = /^#(\d+)/.exec(out[0]!)![1]!;
    out.length = 0;
    await run(['preview', id]);
    expect(out).toEqual([
      'Would send on 2026-03-10: 1 customers, 1 to send, 0 held',
      '  email en pending: 1',
    ]);
    out.length = 0;
    await run(['send', id], { on: '2026-03-12' });
    expect(out[0]).toBe(`#${id} Away [scheduled] on 2026-03-12: last visit 6-12 months ago`);
    out.length = 0;
    await run(['cancel', id]);
    await run(['list']);
    expect(out[1]).toBe(`#${id} Away [cancelled] on 2026-03-12: last visit 6-12 months ago`);
  });

  it('names bad flags', async () => {
    await expect(run(['create'], { name: 'X', inactive: 'six' })).rejects.toThrow(UsageError);
    await expect(run(['create'], { name: 'X' })).rejects.toThrow('content: write the message');
    await expect(run(['send', '999999'])).rejects.toThrow('no campaign #999999');
  });
});
