// GET /: a newcomer who opens the service's address learns where to go, in their language; the
// mailbox is offered only while mail is caught locally, the caught texts outside production.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { testContext } from '../../../test/helpers/delivery.ts';
import { buildApp } from '../app.ts';

let t: TestDatabase;
let local: FastifyInstance;
let smtp: FastifyInstance;

beforeAll(async () => {
  t = await createTestDatabase();
  local = await buildApp(testContext(t));
  smtp = await buildApp(testContext(t, { SMTP_URL: 'smtp://127.0.0.1:2525' }));
});
afterAll(async () => {
  await local?.close();
  await smtp?.close();
  await t?.close();
});

describe('the home page', () => {
  it.each([
    ['en-US,en;q=0.9', 'en', 'Relance is running', 'API reference'],
    ['fr-CA,fr;q=0.9', 'fr', 'Relance fonctionne', 'Référence de l’API'],
    ['es-MX', 'es', 'Relance está en marcha', 'Referencia de la API'],
  ])('answers %s in %s, with links that work', async (accept, lang, title, api) => {
    const res = await local.inject({ method: 'GET', url: '/', headers: { 'accept-language': accept } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-language']).toBe(lang);
    expect(res.body).toContain(`<title>${title}</title>`);
    expect(res.body).toContain(api);
    const hrefs = [...res.body.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    expect(hrefs).toEqual(['/console/', '/api/docs', '/mailbox', '/texts', '/health']);
    for (const href of hrefs) {
      const linked = await local.inject({
        method: 'GET',
        url: href,
        headers: { accept: 'text/html' },
        remoteAddress: '127.0.0.1',
      });
      // The mailbox and the caught texts answer 401 with their sign-in form until someone signs in.
      expect([200, 401], href).toContain(linked.statusCode);
    }
  });

  it('does not offer the mailbox when mail really leaves (SMTP_URL set)', async () => {
    const res = await smtp.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('/mailbox');
    expect(res.body).toContain('/api/docs');
  });
});
