// One process per embedded database folder: a second process (the CLI while the service runs)
// is refused with the folder and the holder's PID; a lock left by a dead process is taken over.
// About PGlite folders only, so it runs the same whatever DATABASE_URL says.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { SOCKET_NAME } from './embedded-share.ts';
import { LOCK_FILE, lockFolder, startTime } from './folder-lock.ts';

const root = join(import.meta.dirname, '..', '..');
const node = join(root, 'node_modules', '.bin', 'node');
const dataDir = mkdtempSync(join(tmpdir(), 'relance-lock-'));
const folder = join(dataDir, 'pglite');
const lockPath = join(folder, LOCK_FILE);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const lockText = (pid: number, started = startTime(pid), host = hostname()) =>
  `${pid}\n${host}\n${started}\n`;

/** `relance migrate` on the same data folder, as an operator would run it next to `npm start`. */
function relanceMigrate() {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RELANCE_DATA_DIR: dataDir,
    DEMO_DATA: 'off',
    NODE_ENV: 'test',
  };
  delete env.DATABASE_URL;
  // Not spawnSync: the holder is this process, and it must keep answering on its socket meanwhile.
  const child = spawn(node, ['src/cli/main.ts', 'migrate'], { cwd: root, env });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  return new Promise<{ code: number | null; out: string; err: string }>((done) =>
    child.on('close', (code) => done({ code, out, err })),
  );
}

/** A PID that was just in use and is no more. */
function deadPid(): number {
  const r = spawnSync(node, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('the embedded database folder is opened by one process at a time', { timeout: 120_000 }, () => {
  it('refuses a second process, naming the folder and the PID holding it, and lets it in once closed', async () => {
    const database = await openDatabase({ dataDir: folder });
    try {
      expect(readFileSync(lockPath, 'utf8')).toBe(lockText(process.pid));
      expect(startTime(process.pid)).toMatch(/^\d+$/);
      // The holder shares the database on a socket in the folder (embedded-share.ts): the CLI gets in.
      const shared = await relanceMigrate();
      expect(shared.code, shared.err).toBe(0);
      expect(shared.out).toContain('Database is up to date.');
      // A holder that does not share (its socket gone) refuses the CLI, as before the share.
      unlinkSync(join(folder, SOCKET_NAME));
      const refused = await relanceMigrate();
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(
        `relance migrate: the embedded database folder ${folder} is in use by another process (PID ${process.pid})`,
      );
      expect(refused.err).toContain(`If no such process is running, delete ${lockPath}.`);
      expect(refused.err).not.toMatch(/\n\s+at /); // no stack trace
      // A second open in the same process is just as dangerous.
      await expect(openDatabase({ dataDir: folder })).rejects.toThrow(`is in use by this same process`);
      // The refused opens did not disturb the holder.
      await database.pool.query('CREATE TABLE still_mine (x int)');
    } finally {
      await database.close();
    }
    expect(existsSync(lockPath)).toBe(false);
    const after = await relanceMigrate();
    expect(after.code, after.err).toBe(0);
    expect(after.out).toContain('Database is up to date.');
    expect(existsSync(lockPath)).toBe(false);
  });

  it('takes over a lock left by a process that died, or a garbled one', async () => {
    const dead = deadPid();
    writeFileSync(lockPath, lockText(dead, '123'));
    const database = await openDatabase({ dataDir: folder });
    try {
      expect(readFileSync(lockPath, 'utf8')).toBe(lockText(process.pid));
      const rows = await database.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'still_mine'`,
      );
      expect(rows.rows[0]!.n).toBe(1);
    } finally {
      await database.close();
    }
    // An empty or garbled lock (say, a disk filled while it was written) is stale too.
    writeFileSync(lockPath, '');
    const lock = lockFolder(folder);
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('tells a PID used again apart: our own PID from an earlier process (a restarted container), another process now on the PID', async () => {
    // This very PID, not held by this process: left by an earlier process with the same PID.
    writeFileSync(lockPath, lockText(process.pid, '1'));
    lockFolder(folder).release();
    expect(existsSync(lockPath)).toBe(false);
    const child = spawn(node, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      await new Promise((r) => child.once('spawn', r));
      // Alive, but started after the lock was written: the PID is someone else's now.
      writeFileSync(lockPath, lockText(child.pid!, '1'));
      lockFolder(folder).release();
      // Alive and the same process that wrote it: refused.
      writeFileSync(lockPath, lockText(child.pid!));
      expect(() => lockFolder(folder)).toThrow(`in use by another process (PID ${child.pid})`);
    } finally {
      child.kill();
      rmSync(lockPath, { force: true });
    }
  });

  it('leaves a lock from another machine alone (it cannot tell whether that process runs)', () => {
    mkdirSync(folder, { recursive: true });
    writeFileSync(lockPath, lockText(4242, '1', 'other-host.example'));
    try {
      expect(() => lockFolder(folder)).toThrow(`in use by another process (PID 4242 on other-host.example)`);
    } finally {
      rmSync(lockPath);
    }
  });
});
