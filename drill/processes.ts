// Child processes for the drills: relance CLI commands (worker, run, demo) on the pinned Node,
// against the drill's private PostgreSQL and SMTP sink.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createServer } from 'node:net';

const root = join(import.meta.dirname, '..');
const node = join(root, 'node_modules', '.bin', 'node');

export interface DrillEnv {
  databaseUrl: string;
  smtpUrl?: string;
  dataDir: string;
  /** PUBLIC_URL (default http://relance.drill). */
  publicUrl?: string;
}

export function relance(env: DrillEnv, args: string[], output?: (line: string) => void): ChildProcess {
  const child = spawn(node, [join(root, 'src', 'cli', 'main.ts'), ...args], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: env.databaseUrl,
      SMTP_URL: env.smtpUrl ?? '',
      SMTP_POOL_SIZE: '5',
      SECRET_KEY: 'd1'.repeat(32),
      DEMO_DATA: 'off',
      RELANCE_DATA_DIR: env.dataDir,
      PUBLIC_URL: env.publicUrl ?? 'http://relance.drill',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const feed = (d: Buffer) =>
    d
      .toString()
      .split('\n')
      .filter(Boolean)
      .forEach((l) => output?.(l));
  child.stdout!.on('data', feed);
  child.stderr!.on('data', feed);
  return child;
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

export async function runToEnd(
  env: DrillEnv,
  args: string[],
  output?: (line: string) => void,
): Promise<number | null> {
  return exited(relance(env, args, output));
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitUntil(
  cond: () => boolean | Promise<boolean>,
  ms: number,
  every = 100,
): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return true;
    await sleep(every);
  }
  return cond();
}
