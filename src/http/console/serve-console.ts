// GET /console/*: the built staff console. Hashed assets are cached for a year; every other path
// is the single-page app's index.html (history fallback, never cached) so /console/tasks, the link
// in staff emails, opens the call list. The console has no inline script, so its CSP is strict.
import { statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CONSOLE_DIST, consoleBuilt } from './console-dist.ts';

export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Mantine sets style attributes; no script is ever inline.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  // Template previews: the email in a sandboxed srcdoc frame, the postcard PDF from a blob.
  "frame-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function sendIndex(reply: FastifyReply) {
  if (!consoleBuilt()) {
    return reply
      .status(503)
      .type('text/plain; charset=utf-8')
      .send('The staff console is not built yet: run `npm run build:console` (npm start builds it).');
  }
  return reply
    .header('cache-control', 'no-cache')
    .header('content-security-policy', CONSOLE_CSP)
    .header('x-content-type-options', 'nosniff')
    .sendFile('index.html', CONSOLE_DIST, { cacheControl: false });
}

export async function consoleRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, { root: CONSOLE_DIST, serve: false });
  app.get('/console', (_req, reply) => reply.redirect('/console/'));
  app.get<{ Params: { '*': string } }>('/console/*', (req, reply) => {
    const rel = normalize(req.params['*'] ?? '').replace(/^(\.\.[/\\])+/, '');
    if (rel && !rel.startsWith('.') && isFile(join(CONSOLE_DIST, rel))) {
      const hashed = rel.startsWith('assets/');
      return reply
        .header('content-security-policy', CONSOLE_CSP)
        .header('x-content-type-options', 'nosniff')
        .sendFile(rel, CONSOLE_DIST, hashed ? { immutable: true, maxAge: '365d' } : { maxAge: 0 });
    }
    return sendIndex(reply);
  });
}
