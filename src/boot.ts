// Boot: validated config, keys, the database (created and migrated if new).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { loadConfig, type Config } from './config/env.ts';
import { createLogger } from './config/logger.ts';
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

export class NoDatabaseError extends Error {}

/**
 * `create: false` (CLI commands that read or change data): an embedded database folder that does
 * not exist is an error naming where it looked, never a new empty database in the wrong folder.
 */
export async function boot(
  env: NodeJS.ProcessEnv = process.env,
  options: { create?: boolean } = {},
): Promise<AppContext> {
  const config = loadConfig(env);
  const folder = join(resolve(config.RELANCE_DATA_DIR), 'pglite');
  if (options.create === false && !config.DATABASE_URL && !existsSync(join(folder, 'PG_VERSION')))
    throw new NoDatabaseError(
      `no database found: looked for the embedded database in ${folder} (RELANCE_DATA_DIR=${config.RELANCE_DATA_DIR}, ` +
        `from ${process.cwd()}). Run the command from the folder where \`npm start\` runs, set RELANCE_DATA_DIR ` +
        'or DATABASE_URL, or create one with `relance migrate`.',
    );
  const keys = deriveKeys(secretKey(config));
  const log = createLogger(config);
  const database = await openDatabase({
    warn: (message) => log.warn(message),
    url: config.DATABASE_URL,
    dataDir: join(resolve(config.RELANCE_DATA_DIR), 'pglite'),
    poolSize: config.DB_POOL_SIZE,
  });
  await migrate(database.pool);
  return { config, keys, database, db: database.db, now: () => new Date(), log };
}
