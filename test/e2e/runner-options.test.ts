// `npm run bench` and `npm run drill` (issue 12, item 17): --help prints the usage and exits 0;
// a misspelt --only or an unknown option exits 2 naming it and the choices, no stack trace, no
// empty table. These exit before any case or drill runs, so they cost a process start each.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const node = join(root, 'node_modules', '.bin', 'node');
const run = (script: string, ...args: string[]) =>
  spawnSync(node, [script, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

describe.each([
  ['bench/main.ts', 'daily run'],
  ['drill/main.ts', 'kill -9 workers mid-send'],
])('%s', (script, aName) => {
  it('--help prints the usage, exit 0', () => {
    const r = run(script, '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--only NAME');
    expect(r.stdout).toContain(aName);
  });

  it('a misspelt --only exits 2 naming it and the choices', () => {
    const r = run(script, '--only', 'dayly run');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--only "dayly run" names nothing');
    expect(r.stderr).toContain(`"${aName}"`);
    expect(r.stdout).toBe('');
  });

  it('an unknown option exits 2 without a stack trace', () => {
    const r = run(script, '--sise', 'small');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Unknown option '--sise'");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
