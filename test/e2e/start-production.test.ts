// `npm start` in production (issue 12, item 2): no demo shop unless DEMO_DATA=on is asked for,
// and then its owner gets a random password printed once; the README's demo password never
// signs in to a production service, even on a database filled in development.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_LOGIN } from '../../src/demo/first-start.ts';

const root = join(import.meta.dirname, '..', '..');
const node = join(root, 'node_modules', '.bin', 'node');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function start(dataDir: string, env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(node, ['src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      SMTP_URL: '',
      RELANCE_DATA_DIR: dataDir,
      PORT: String(port),
      NODE_ENV: 'production',
      SECRET_KEY: 'ab'.repeat(32),
      PUBLIC_URL: 'https://relance.example',
      LOG_LEVEL: 'silent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 60_000;
  while (!output.includes('Relance is running') && Date.now() < deadline && child.exitCode === null)
    await new Promise((r) => setTimeout(r, 100));
  const signIn = (email: string, password: string) =>
    fetch(`http://127.0.0.1:${port}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    }).then((r) => r.status);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { output: () => output, signIn, stop };
}

describe('npm start in production', () => {
  it('loads no demo shop by default and prints no login', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'relance-prod-'));
    dirs.push(dataDir);
    const s = await start(dataDir, {});
    try {
      expect(s.output()).toContain('Relance is running at https://relance.example');
      expect(s.output()).not.toContain('Demo');
      expect(s.output()).not.toContain(DEMO_LOGIN.password);
      expect(await s.signIn(DEMO_LOGIN.email, DEMO_LOGIN.password)).toBe(401);
    } finally {
      await s.stop();
    }
  });

  it(
    'with DEMO_DATA=on, gives the demo owner a random password, shown once',
    { timeout: 180_000 },
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'relance-prod-demo-'));
      dirs.push(dataDir);
      const first = await start(dataDir, { DEMO_DATA: 'on' });
      const login = /Demo login: (\S+) \/ (\S+)/.exec(first.output());
      const password = login?.[2] ?? '';
      try {
        expect(login?.[1]).toBe(DEMO_LOGIN.email);
        expect(password).not.toBe(DEMO_LOGIN.password);
        expect(password.length).toBeGreaterThanOrEqual(16);
        expect(await first.signIn(DEMO_LOGIN.email, DEMO_LOGIN.password)).toBe(401);
        expect(await first.signIn(DEMO_LOGIN.email, password)).toBe(200);
      } finally {
        await first.stop();
      }
      const second = await start(dataDir, { DEMO_DATA: 'on' });
      try {
        expect(second.output()).toContain('Relance is running');
        expect(second.output()).not.toContain(password);
      } finally {
        await second.stop();
      }
    },
  );
});
