// The service's one logger (pino), handed to every part through the application context and to
// Fastify for its request logs. LOG_LEVEL sets the level everywhere. Secrets never reach the log:
// URLs lose the tokens they carry (password reset, signed links, the bounce webhook secret), and
// credential headers are censored.
import { pino, type Logger } from 'pino';
import type { Config } from './env.ts';

export type { Logger };

/** Query parameters whose value is a credential. */
const SECRET_PARAM = /token|secret|password|passwd|key|signature|sig|code|auth/i;
/** Paths whose next segment is a signed token (unsubscribe, survey, portal links, visitor booking). */
const TOKEN_PATH = /^(\/(?:u|s|portal\/go|portal\/link|book\/confirm|mailbox)\/)[^/?#]+/;

export const REDACTED = '[redacted]';

/** A request URL as it may be logged: tokens in the path and credential parameters replaced. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = (q === -1 ? url : url.slice(0, q)).replace(TOKEN_PATH, `$1${REDACTED}`);
  if (q === -1) return path;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // A malformed name is logged as it came, value hidden below if it looks like a credential.
      }
      return eq !== -1 && SECRET_PARAM.test(decoded) ? `${name}=${REDACTED}` : pair;
    });
  return `${path}?${params.join('&')}`;
}

interface LoggedRequest {
  method: string;
  url: string;
  ip?: string;
  headers?: Record<string, unknown>;
}

export function createLogger(
  config: Pick<Config, 'LOG_LEVEL'>,
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    {
      level: config.LOG_LEVEL,
      base: { service: 'relance' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-csrf-token"]',
          'req.headers["x-twilio-signature"]',
          'res.headers["set-cookie"]',
          'password',
          'token',
          'secret',
          '*.password',
          '*.token',
          '*.secret',
        ],
        censor: REDACTED,
      },
      serializers: {
        // Fastify's request log: method, redacted URL, client address — never headers or body.
        req: (req: LoggedRequest) => ({ method: req.method, url: redactUrl(req.url), ip: req.ip }),
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}

/** A line per HTTP request: in production, or when LOG_LEVEL asks for debug detail. */
export function requestLogging(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>): boolean {
  return config.NODE_ENV === 'production' || config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace';
}
