// On Linux the nice value belongs to each thread (setpriority(2), "BUGS"): a thread can lower its
// own CPU priority without touching the others, and any process may do so without privileges.
// The send worker lowers the threads that only make work (composing MIME), so that on a saturated
// machine the thread between the server's "250 accepted" and the "sent" record is not left waiting
// behind them: that wait is the window a kill -9 doubles (docs/delivery.md).
import { setPriority } from 'node:os';

/** A nice value well below the default 0, still above an idle-only 19. */
export const BACKGROUND_NICE = 10;

/** Lowers the calling thread's priority; false where the platform refuses (the thread carries on). */
export function lowerThreadPriority(nice = BACKGROUND_NICE): boolean {
  try {
    setPriority(0, nice);
    return true;
  } catch {
    return false;
  }
}
