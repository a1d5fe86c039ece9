// relance promotion and relance control-group: the commands on a test clock, bad flags named.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../config/env.ts';
import type { AppContext } from '../../../context.ts';
import { deriveKeys } from '../../../security/keys.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { makeShop } from '../../../../test/helpers/factories.ts';
import { UsageError } from '../../command.ts';
import { promotionCommand } from './promotion.ts';
import { controlGroupCommand } from './control-group.ts';
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
  await makeShop(t.db, { code: 'PRO' });
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
});
afterAll(async () => {
  vi.restoreAllMocks();
  await t.close();
});

const promo = (positionals: string[], values: Record<string, string>) =>
  promotionCommand.run({ positionals, values: { location: 'PRO', ...values } }, ctx);

describe('relance promotion', () => {
  it('creates, schedules, edits, ends and lists', async () => {
    out.length = 0;
    await promo(['create'], {
      name: 'Spring',
      coupon: 'SPRING',
      'text-en': '15% off',
      'text-fr': '15 % de rabais',
      until: '2026-04-30',
    });
    expect(out[0]).toMatch(/^#(\d+) Spring \[running\] coupon SPRING … to 2026-04-30$/);
    const id = /^#(\d+)/.exec(out[0]!)![1]!;
    await promo(['create'], { name: 'Summer', 'text-en': 'A/C', from: '2026-06-01' });
    await promo(['edit', id], { until: 'none', coupon: 'none' });
    await promo(['end', id], {});
    out.length = 0;
    await promo(['list'], {});
    expect(out.filter((l) => l.startsWith('#')).map((l) => l.replace(/^#\d+ /, ''))).toEqual([
      'Summer [scheduled] 2026-06-01 to …',
      'Spring [ended] … to …, ended 2026-03-10',
    ]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_type', 'action'])
      .where('entity', '=', 'promotion')
      .execute();
    expect(audit.map((a) => `${a.actor_type}:${a.action}`)).toEqual([
      'operator:create',
      'operator:create',
      'operator:update',
      'operator:end',
    ]);
  });

  it('names the bad flag', async () => {
    await expect(
      promo(['create'], { name: 'X', 'text-en': 'x', from: '2026-05-01', until: '2026-04-01' }),
    ).rejects.toThrow(new UsageError('--until: must not be before valid_from'));
    await expect(promo(['create'], { name: 'X', 'text-en': 'x', from: '2026-02-30' })).rejects.toThrow(
      new UsageError('--from: is not a real date'),
    );
    await expect(promo(['edit'], {})).rejects.toThrow(/edit needs the promotion's number/);
    await expect(promo(['end', '99999'], {})).rejects.toThrow(/no promotion #99999 at PRO/);
  });
});

describe('relance control-group', () => {
  it('sets a share and lists them, refusing staff kinds and shares over 0.5', async () => {
    const run = (values: Record<string, string>) =>
      controlGroupCommand.run({ positionals: [], values: { location: 'PRO', ...values } }, ctx);
    out.length = 0;
    await run({ kind: 'INACTIVE', share: '0.15' });
    expect(out).toContain('INACTIVE     15.0 %');
    expect(out).toContain('THANK_YOU    0.0 %');
    await expect(run({ kind: 'P00', share: '0.1' })).rejects.toThrow(/is not a customer message kind/);
    await expect(run({ kind: 'INACTIVE', share: '0.6' })).rejects.toThrow(
      /--share must be a number from 0 to 0.5/,
    );
  });
});
