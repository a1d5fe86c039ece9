// A command run where there is no database says where it looked, and creates nothing there
// (it used to make an empty database in whatever folder it was run from).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { relance } from './cli-test-database.ts';

const empty = mkdtempSync(join(tmpdir(), 'relance-nodb-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

describe.skipIf(!!process.env.DATABASE_URL)('the CLI with no embedded database', () => {
  const nowhere = {
    env: { RELANCE_DATA_DIR: empty },
    use: () => Promise.reject(new Error('no database here')),
    close: async () => undefined,
  };

  it('refuses a data command, naming the folder it looked in, and creates nothing', async () => {
    const run = await relance(nowhere, 'stats', '--location', 'x');
    expect(run.code).toBe(1);
    expect(run.err).toContain('no database found');
    expect(run.err).toContain(join(resolve(empty), 'pglite'));
    expect(existsSync(join(empty, 'pglite'))).toBe(false);
  });

  it('lets `relance migrate` create it', async () => {
    const run = await relance(nowhere, 'migrate');
    expect(run.code).toBe(0);
    expect(existsSync(join(empty, 'pglite', 'PG_VERSION'))).toBe(true);
  });
});
