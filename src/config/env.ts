// The whole configuration, read once from the environment at boot and validated.
// A bad value stops the start with a message naming the variable.
import { isIP } from 'node:net';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const optionalUrl = z.string().url().optional();

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  RELANCE_DATA_DIR: z.string().min(1).default('./data'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Groups of locations the daily run decides at once on PostgreSQL (PGlite: always 1). */
  ENGINE_SHARDS: z.coerce.number().int().min(1).max(64).default(2),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_URL: optionalUrl,
  /** In production, accept an http:// PUBLIC_URL (session cookies then lose their Secure flag). */
  ALLOW_HTTP_PUBLIC_URL: z.enum(['true', 'false']).default('false'),
  SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hexadecimal characters (32 bytes)')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(5),
  /**
   * Longest wait (ms) of a send's "sent" record for others to share its commit (group commit). 0:
   * records of the same event-loop turn share, none waits (a linger widens the window a kill -9
   * doubles, and bought no throughput once two writes may be in flight: docs/bench.md).
   */
  SEND_GROUP_COMMIT_MS: z.coerce.number().int().min(0).max(1000).default(0),
  MAIL_FROM: z.string().email().default('relance@localhost'),
  BOUNCE_ADDRESS: z.string().email().optional(),
  DKIM_DOMAIN: z.string().min(1).optional(),
  DKIM_SELECTOR: z.string().min(1).optional(),
  DKIM_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  PRINT_VENDOR_URL: optionalUrl,
  PRINT_VENDOR_DIR: z.string().min(1).optional(),
  /** Default: on, except in production (where the demo owner gets a random password if asked for). */
  DEMO_DATA: z.enum(['on', 'off']).optional(),
  /**
   * The reverse proxies in front of the service (addresses or CIDR ranges, comma separated): only a
   * request from one of them has its X-Forwarded-For believed, for the sign-in limits and the logs.
   */
  TRUST_PROXY: z
    .string()
    .refine(
      (v) =>
        v.split(',').every((part) => {
          const [address, bits, extra] = part.trim().split('/');
          const family = isIP(address ?? '');
          if (!family || extra !== undefined) return false;
          if (bits === undefined) return true;
          const n = Number(bits);
          return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
        }),
      'must be IP addresses or CIDR ranges, comma separated (e.g. 10.0.0.5,192.168.0.0/16)',
    )
    .optional(),
  /** Bearer token for /metrics; unset: /metrics answers only to loopback addresses. */
  METRICS_TOKEN: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Omit<z.infer<typeof schema>, 'DEMO_DATA'> & {
  DEMO_DATA: 'on' | 'off';
  publicUrl: string;
};

export class ConfigError extends Error {}

/** A rejected value as shown in the error: secrets never reach a terminal or a log. */
export function shownValue(name: string, value: string | undefined): string {
  if (value === undefined) return 'nothing';
  // A key (SECRET_KEY, …) or PEM text pasted where a file name was expected: hide it all.
  if ((/KEY|SECRET|PASSWORD|TOKEN/.test(name) && !name.endsWith('_FILE')) || value.includes('-----BEGIN')) {
    return `a value of ${value.length} characters (hidden)`;
  }
  // URLs (DATABASE_URL, SMTP_URL, …) keep everything but the password: from the ':' after the
  // user name to the last '@' (a password may hold an unescaped '@'; hiding too much is fine).
  const start = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0].length ?? 0;
  const at = value.lastIndexOf('@');
  const colon = value.indexOf(':', start);
  const masked =
    at > start && colon >= start && colon < at ? `${value.slice(0, colon)}:***${value.slice(at)}` : value;
  return JSON.stringify(masked);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, as a shell `VAR=` line means.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      return `  ${name}: ${i.message} (got ${shownValue(name, cleaned[name])})`;
    });
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (
    (c.DKIM_DOMAIN || c.DKIM_SELECTOR || c.DKIM_PRIVATE_KEY_FILE) &&
    !(c.DKIM_DOMAIN && c.DKIM_SELECTOR && c.DKIM_PRIVATE_KEY_FILE)
  ) {
    throw new ConfigError(
      'Invalid environment:\n  DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE must be set together',
    );
  }
  if (c.NODE_ENV === 'production' && !c.SECRET_KEY) {
    throw new ConfigError(
      'Invalid environment:\n  SECRET_KEY: required in production (64 hexadecimal characters)',
    );
  }
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
  // Session cookies are Secure only when PUBLIC_URL is https: production must not silently run without.
  if (
    c.NODE_ENV === 'production' &&
    !publicUrl.startsWith('https://') &&
    c.ALLOW_HTTP_PUBLIC_URL !== 'true'
  ) {
    throw new ConfigError(
      `Invalid environment:\n  PUBLIC_URL: must be https:// in production, so session cookies are Secure (got ${JSON.stringify(publicUrl)}); set ALLOW_HTTP_PUBLIC_URL=true to run over plain http on purpose`,
    );
  }
  return { ...c, DEMO_DATA: c.DEMO_DATA ?? (c.NODE_ENV === 'production' ? 'off' : 'on'), publicUrl };
}
