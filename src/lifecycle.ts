// What this process is (web, worker or both) and whether it is shutting down, for the readiness
// endpoint: a process that has been told to stop answers "not ready", so a load balancer stops
// sending it work while it finishes what it holds.
export type ProcessRole = 'all' | 'web' | 'worker';

const state: { role: ProcessRole; stopping: boolean } = { role: 'all', stopping: false };

export function setRole(role: ProcessRole): void {
  state.role = role;
}

export function markStopping(): void {
  state.stopping = true;
}

export function lifecycle(): Readonly<typeof state> {
  return state;
}
