// The thread pool that compiles email templates (email-compile-worker.ts), with a time limit per
// compile: a template that takes longer (MJML or the text pass on a pathological input can take
// minutes) ends its thread and fails with TemplateTooComplexError, while the process (HTTP
// service, send worker) keeps answering. Threads start on demand and stop when idle, so a
// process that never compiles never loads MJML.
import { Tinypool } from 'tinypool';
import type { EmailCompileResult, EmailCompileTask } from './email-compile-worker.ts';

/**
 * Time a compile may run once a thread has started it (a shipped template takes ~50 ms). Waiting
 * for a thread (queue, a thread loading MJML on a busy machine) is not counted, up to WAIT_LIMIT_MS.
 */
export const COMPILE_TIME_LIMIT_MS = 5_000;
const WAIT_LIMIT_MS = 60_000;

export class TemplateTooComplexError extends Error {
  constructor(limitMs: number) {
    super(`The template took longer than ${limitMs / 1000} s to compile; simplify its markup`);
  }
}

let pool: Tinypool | null = null;

function thePool(): Tinypool {
  pool ??= new Tinypool({
    filename: new URL('./email-compile-worker.ts', import.meta.url).href,
    minThreads: 0,
    maxThreads: 2,
    idleTimeout: 30_000,
    maxQueue: 64,
    // The threads run our TypeScript as is: none of the parent's flags (`node -e`, test loaders).
    execArgv: [],
  });
  // A thread that dies with no task (its time limit ended it, or it failed to start) is replaced
  // on demand; the pool's 'error' event must not end the process.
  pool.on('error', (err: Error) => console.error(`template compile thread: ${err.message}`));
  return pool;
}

export async function compileEmailOffThread(
  task: EmailCompileTask,
  limitMs = COMPILE_TIME_LIMIT_MS,
): Promise<EmailCompileResult> {
  // The thread flags the start in shared memory; the clock of the limit starts there.
  const started = new Int32Array(new SharedArrayBuffer(4));
  const controller = new AbortController();
  const queuedAt = performance.now();
  let startedAt = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    if (!startedAt && Atomics.load(started, 0) === 1) startedAt = now;
    if ((startedAt && now - startedAt > limitMs) || now - queuedAt > WAIT_LIMIT_MS + limitMs)
      controller.abort();
  }, 25);
  try {
    return (await thePool().run({ ...task, started }, { signal: controller.signal })) as EmailCompileResult;
  } catch (err) {
    if (controller.signal.aborted) throw new TemplateTooComplexError(limitMs);
    throw err;
  } finally {
    clearInterval(timer);
  }
}

/** Stops the pool's threads (tests, a CLI command that is done). */
export async function closeEmailCompilePool(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.destroy();
}
