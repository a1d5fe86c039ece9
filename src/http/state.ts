// Per-app state shared by the API and the public pages (built once per buildApp): work that goes
// on after its answer was sent (a password-reset email), which closing the app waits for.
export interface HttpState {
  background: Set<Promise<unknown>>;
}

export function newHttpState(): HttpState {
  return { background: new Set() };
}

/** Runs `work` after the answer: its failure is logged, never thrown; app.close() waits for it. */
export function inBackground(
  state: HttpState,
  work: Promise<unknown>,
  log: { error: (obj: unknown, msg?: string) => void },
): void {
  const tracked = work.catch((err: unknown) => log.error(err, 'background work failed'));
  state.background.add(tracked);
  void tracked.finally(() => state.background.delete(tracked));
}

/** Until every background job has settled (tests use it to read what a job wrote). */
export async function backgroundSettled(state: HttpState): Promise<void> {
  while (state.background.size > 0) await Promise.allSettled([...state.background]);
}
