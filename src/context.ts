// What every part of the service is handed: configuration, keys, the database, and a clock.
// Time is an input: code asks ctx.now() instead of new Date() so tests can move it. Logs go
// through ctx.log, never console, so LOG_LEVEL and the redaction apply everywhere.
import type { Kysely } from 'kysely';
import type { Config } from './config/env.ts';
import type { Logger } from './config/logger.ts';
import type { Database } from './db/database.ts';
import type { DB } from './db/schema.ts';
import type { Keys } from './security/keys.ts';

export interface AppContext {
  config: Config;
  keys: Keys;
  database: Database;
  db: Kysely<DB>;
  now: () => Date;
  /** pino at LOG_LEVEL; request URLs and credential fields redacted (config/logger.ts). */
  log: Logger;
}
