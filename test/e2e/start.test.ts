// `npm start` on an empty data folder: creates and migrates the embedded database, loads the
// demo shop, serves HTTP, and prints the URL and the demo login. A second start keeps the data.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const node = join(root, 'node_modules', '.bin', 'node');
const dataDir = mkdtempSync(join(tmpdir(), 'relance-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function start(port: number): Promise<{ output: string; stop: () => Promise<void> }> {
  const child = spawn(node, ['src/main.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', RELANCE_DATA_DIR: dataDir, PORT: String(port), SMTP_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 50_000;
  while (!output.includes('Relance is running') && Date.now() < deadline && child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    output,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

describe('npm start', () => {
  it(
    'starts on an empty embedded database with demo data, and keeps it on restart',
    { timeout: 120_000 },
    async () => {
      const port = await freePort();
      const first = await start(port);
      try {
        expect(first.output).toContain(`Relance is running at http://localhost:${port}`);
        expect(first.output).toContain('Demo data loaded.');
        expect(first.output).toMatch(/Demo login: \S+@\S+ \/ \S+/);
        const health = await fetch(`http://127.0.0.1:${port}/health`);
        expect(await health.json()).toEqual({ ok: true, role: 'all' });
      } finally {
        await first.stop();
      }
      const second = await start(port);
      try {
        expect(second.output).toContain('Relance is running');
        expect(second.output).not.toContain('Demo data loaded.');
      } finally {
        await second.stop();
      }
    },
  );

  it('refuses a bad environment, naming the variable', async () => {
    const child = spawn(node, ['src/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '99999', RELANCE_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toMatch(/PORT: /);
    expect(output).not.toMatch(/at .*\.ts:\d+/);
  });
});
