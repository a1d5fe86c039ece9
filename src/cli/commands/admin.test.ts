// relance user create / operator create, run as a user would (child process, real database).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, backendName, type TestDatabase } from '../../../test/helpers/db.ts';
import { verifyPassword } from '../../security/passwords.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'relance-admin-'));
let t: TestDatabase | null = null;
beforeAll(async () => {
  if (process.env.DATABASE_URL) t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function relance(...args: string[]) {
  const r = spawnSync(join(root, 'node_modules', '.bin', 'node'), ['src/cli/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: t?.url ?? '', RELANCE_DATA_DIR: dataDir, DEMO_DATA: 'off' },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe(`relance user create / operator create on ${backendName}`, { timeout: 60_000 }, () => {
  it('creates an owner on a fresh install with a generated password, then refuses a duplicate', async () => {
    const r = relance(
      'user',
      'create',
      '--org',
      'Garage Neuf',
      '--location',
      'main',
      '--email',
      'owner@neuf.test',
      '--role',
      'owner',
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Created organization "Garage Neuf".');
    expect(r.out).toContain('Created location "main".');
    const password = /Password: (\S+)/.exec(r.out)![1]!;
    const again = relance(
      'user',
      'create',
      '--org',
      'Garage Neuf',
      '--location',
      'main',
      '--email',
      'OWNER@neuf.test',
      '--role',
      'owner',
    );
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
    const second = relance(
      'user',
      'create',
      '--org',
      'Garage Neuf',
      '--location',
      'main',
      '--email',
      'agent@neuf.test',
      '--role',
      'crm_agent',
      '--password',
      'given password 1',
    );
    expect(second.out).not.toContain('Created organization');
    expect(second.out).not.toContain('Password:');
    if (t) {
      const row = await t.db
        .selectFrom('users')
        .select('password_hash')
        .where('email', '=', 'owner@neuf.test')
        .executeTakeFirstOrThrow();
      expect(await verifyPassword(row.password_hash!, password)).toBe(true);
    }
  });

  it('names a bad flag', () => {
    const r = relance(
      'user',
      'create',
      '--org',
      'X',
      '--location',
      'main',
      '--email',
      'x@y.test',
      '--role',
      'boss',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('--role must be one of');
    const op = relance(
      'operator',
      'create',
      '--email',
      'ops@relance.test',
      '--password',
      'operator password',
    );
    expect(op.code, op.err).toBe(0);
    expect(op.out).toContain('Created operator ops@relance.test');
  });
});
