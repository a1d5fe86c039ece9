// The drill's SMTP sink (or text provider) run in its own process, like a real mail server. The
// kill drill needs this: with the sink in the drill's own event loop, each kill fired right after
// that loop had written a burst of "250 accepted" replies (or the provider's 201s) the worker could
// not yet have read, so the kill doubled whatever the loop had just answered (up to every
// connection of the process) instead of landing at a random moment of the worker's sends. The drill keeps the same counts, fed by the
// child's report of each message (its clock converted to this process's performance.now()).
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { DrillSink } from './smtp-sink.ts';

export interface ProcessSink extends DrillSink {
  /** The text provider's API and credentials (kind 'text'), for the locations' settings. */
  provider: { url: string; accountSid: string; authToken: string };
}

export async function startSinkProcess(kind: 'smtp' | 'text', port: number): Promise<ProcessSink> {
  const provider = {
    url: `http://127.0.0.1:${port}`,
    accountSid: `AC${randomBytes(16).toString('hex')}`,
    authToken: randomBytes(16).toString('hex'),
  };
  const counts = new Map<string, number>();
  const byUser = new Map<string, { received: number; lastAt: number }>();
  const firstFrom = new Map<string, string>();
  const firstAt = new Map<string, number>();
  let total = 0;
  const child = fork(
    join(import.meta.dirname, 'sink-child.ts'),
    [kind, String(port), provider.accountSid, provider.authToken],
    {
      execPath: join(import.meta.dirname, '..', 'node_modules', '.bin', 'node'),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const waiters = new Map<string, () => void>();
  let ready!: () => void;
  const started = new Promise<void>((r) => (ready = r));
  child.on('message', (m: unknown) => {
    const [type, a, b, c] = m as [string, string, string, number];
    if (type === 'r') {
      counts.set(a, (counts.get(a) ?? 0) + 1);
      if (!firstFrom.has(a)) {
        firstFrom.set(a, b);
        firstAt.set(a, c - performance.timeOrigin);
      }
      const u = byUser.get(b) ?? { received: 0, lastAt: 0 };
      u.received++;
      u.lastAt = c - performance.timeOrigin;
      byUser.set(b, u);
      total++;
    } else if (type === 'ready') ready();
    else if (type === 'ok') waiters.get(a)?.();
  });
  const ask = (what: 'down' | 'up') =>
    new Promise<void>((resolve) => {
      waiters.set(what, resolve);
      child.send(what);
    });
  await started;
  return {
    provider,
    url: kind === 'smtp' ? `smtp://127.0.0.1:${port}` : provider.url,
    counts,
    received: () => total,
    byUser,
    firstFrom,
    firstAt,
    down: () => ask('down'),
    up: () => ask('up'),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send('close');
      }),
  };
}
