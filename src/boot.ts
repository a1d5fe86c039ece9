// Boot: validated config, keys, the database (created and migrated if new).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { loadConfig, type Config } from './config/env.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { deriveKeys } from './security/keys.ts';
import type { AppContext } from './context.ts';

/** Without SECRET_KEY (development), a key is made once and kept in the data folder. */
function secretKey(config: Config): string {
  if (config.SECRET_KEY) return config.SECRET_KEY;
  const dir = resolve(config.RELANCE_DATA_DIR);
  const file = join(dir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

export async function boot(env: NodeJS.ProcessEnv = process.env): Promise<AppContext> {
  const config = loadConfig(env);
  const keys = deriveKeys(secretKey(config));
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: join(resolve(config.RELANCE_DATA_DIR), 'pglite'),
    poolSize: config.DB_POOL_SIZE,
  });
  await migrate(database.pool);
  return { config, keys, database, db: database.db, now: () => new Date() };
}
