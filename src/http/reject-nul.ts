// A NUL character cannot be stored in a PostgreSQL text value, and no form or API field needs
// one: every request (API and public pages) carrying one in its path, query or body is answered
// 400 naming the field, before any handler or query sees it (it used to reach the database as a 500).
import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors.ts';

/** The dotted path of the first string (value or key) holding a NUL character, or null. */
export function findNul(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const at = [...path, key];
    if (key.includes('\u0000')) return at;
    const found = findNul(item, at);
    if (found) return found;
  }
  return null;
}

export function rejectNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [where, value] of [
      ['path', request.params],
      ['query', request.query],
      ['body', request.body],
    ] as const) {
      const path = findNul(value);
      if (!path) continue;
      const field = path.map((p) => p.replaceAll('\u0000', '\\0')).join('.') || where;
      throw new HttpError(400, 'nul_character', `${field}: must not contain a NUL character (\\0)`, field, {
        where,
      });
    }
  });
}
