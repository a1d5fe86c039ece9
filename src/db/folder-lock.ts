// One process per embedded database folder. PGlite does not guard its data folder: `npm start`
// and `bin/relance import` on the same ./data would both write it and corrupt it or lose
// writes. A lock file in the folder holds the owner's PID, host and start time; a lock whose
// process is gone (killed, crashed, its PID now someone else's) is taken over.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';

export const LOCK_FILE = 'relance.lock';

export class FolderLockedError extends Error {
  /** The holder is this very process (a second open here would be a second session on one folder). */
  readonly byThisProcess: boolean;
  constructor(message: string, byThisProcess = false) {
    super(message);
    this.byThisProcess = byThisProcess;
  }
}

export interface FolderLock {
  path: string;
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  /** When the process started (Linux /proc), so a PID used again by another process is told apart. */
  started: string;
}

/** Folders this process holds: a lock with our own PID that is not here is from an earlier
 * process that had the same PID (a container restarted after a crash), so it is stale. */
const heldHere = new Set<string>();

const errCode = (err: unknown) => (err as NodeJS.ErrnoException).code;

/** The process's start time in clock ticks since boot (field 22 of /proc/PID/stat), or '' off Linux. */
export function startTime(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

function parse(text: string): Holder | null {
  const [pid, host, started] = text.split('\n');
  return pid && /^\d+$/.test(pid) ? { pid: Number(pid), host: host ?? '', started: started ?? '' } : null;
}

/** Whether the holder may still run: unknown (another machine, no permission to ask) counts as yes. */
function isAlive(holder: Holder, path: string): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return heldHere.has(path);
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    if (errCode(err) === 'ESRCH') return false;
  }
  const now = startTime(holder.pid);
  return !(holder.started && now && now !== holder.started);
}

export function lockFolder(dir: string): FolderLock {
  const path = join(dir, LOCK_FILE);
  const mine = `${process.pid}\n${hostname()}\n${startTime(process.pid)}\n`;
  for (let attempt = 0; attempt < 10; attempt++) {
    // Written whole under another name, then linked into place: link() fails if the lock
    // exists, and a reader never sees a half-written lock.
    const draft = `${path}.${process.pid}.${attempt}`;
    writeFileSync(draft, mine);
    try {
      linkSync(draft, path);
      return held(path, mine);
    } catch (err) {
      if (errCode(err) !== 'EEXIST') throw err;
    } finally {
      unlinkSync(draft);
    }
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      if (errCode(err) === 'ENOENT') continue; // released meanwhile
      throw err;
    }
    const holder = parse(text);
    if (holder && isAlive(holder, path)) {
      const who =
        holder.pid === process.pid
          ? 'this same process'
          : `another process (PID ${holder.pid}${holder.host !== hostname() ? ` on ${holder.host}` : ''})`;
      throw new FolderLockedError(
        `the embedded database folder ${dir} is in use by ${who}; one process at a time may open it ` +
          `(stop the other one first, e.g. npm start before bin/relance import, or use DATABASE_URL for a shared PostgreSQL). ` +
          `If no such process is running, delete ${path}.`,
        holder.pid === process.pid && holder.host === hostname(),
      );
    }
    takeOver(path, text);
  }
  throw new FolderLockedError(`could not lock the embedded database folder ${dir}: ${path} keeps changing`);
}

/** Moves a stale lock aside; if what was moved is no longer that stale lock (another process took over first), puts it back. */
function takeOver(path: string, stale: string): void {
  const aside = `${path}.stale.${process.pid}`;
  try {
    renameSync(path, aside);
  } catch (err) {
    if (errCode(err) === 'ENOENT') return;
    throw err;
  }
  if (readFileSync(aside, 'utf8') !== stale) {
    try {
      linkSync(aside, path);
    } catch {
      /* the place was taken again meanwhile: the next attempt reads who holds it */
    }
  }
  unlinkSync(aside);
}

function held(path: string, mine: string): FolderLock {
  heldHere.add(path);
  const release = () => {
    process.removeListener('exit', release);
    heldHere.delete(path);
    try {
      if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
    } catch {
      /* already gone */
    }
  };
  // A process that exits without closing the database (process.exit) still frees the folder;
  // one that is killed leaves a stale lock, which the next process takes over.
  process.on('exit', release);
  return { path, release };
}
