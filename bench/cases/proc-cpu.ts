// CPU time of other processes on this machine (Linux /proc), to show where a benchmark's time
// goes: the database server's processes and the SMTP sink's. Zero where /proc is not readable
// (another OS, or a database server on another machine).
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function ticksOf(pid: string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime
  } catch {
    return 0;
  }
}

/** CPU milliseconds used so far by every process whose command name is `name`. */
export function cpuMsOfProcesses(name: string): number {
  let ticks = 0;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name) ticks += ticksOf(pid);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * TICK_MS;
}

/** CPU milliseconds used so far by one process. */
export function cpuMsOfPid(pid: number | undefined): number {
  return pid ? ticksOf(String(pid)) * TICK_MS : 0;
}
