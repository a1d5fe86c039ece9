// Work started after a response is sent (the sign-in email, the visitor's confirmation email), so
// the answer's content and timing never depend on it. Failures are logged, never thrown at the
// visitor. settle() lets tests wait for what was started.
const running = new Set<Promise<unknown>>();

export function runInBackground(work: () => Promise<unknown>, log: (err: unknown) => void): void {
  const p = Promise.resolve()
    .then(work)
    .catch(log)
    .finally(() => running.delete(p));
  running.add(p);
}

export async function settleBackground(): Promise<void> {
  while (running.size > 0) await Promise.all([...running]);
}
