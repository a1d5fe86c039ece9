// The built console is served at /console: any client route answers index.html (history fallback,
// so /console/tasks from staff emails opens), hashed assets are cached for a year, the CSP forbids
// inline scripts and the page has none. The console's API types are the current OpenAPI document's.
import { readdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { testContext } from '../../../test/helpers/delivery.ts';
import { CONSOLE_API_TYPES, consoleApiTypes } from '../../../scripts/console-api-types.ts';
import { buildApp } from '../app.ts';
import { CONSOLE_DIST, ensureConsoleBuilt } from './console-dist.ts';

let t: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  await ensureConsoleBuilt();
  t = await createTestDatabase();
  app = await buildApp(testContext(t));
}, 180_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('the staff console at /console', () => {
  it.each(['/console/', '/console/tasks', '/console/customers/12?q=x', '/console/settings'])(
    '%s answers the app with a strict CSP',
    async (url) => {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.body).toContain('<div id="root">');
      // Every script is a file: no inline script for the CSP to allow.
      const scripts = [...res.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const s of scripts) {
        expect(s[1]).toMatch(/src="\/console\/assets\//);
        expect(s[2]!.trim()).toBe('');
      }
    },
  );

  it('serves hashed assets for a year and refuses paths outside the build', async () => {
    const asset = readdirSync(`${CONSOLE_DIST}assets`).find((f) => f.endsWith('.js'))!;
    const res = await app.inject({ method: 'GET', url: `/console/assets/${asset}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    const escape = await app.inject({ method: 'GET', url: '/console/../package.json' });
    expect(escape.body).not.toContain('"devDependencies"');
    const encoded = await app.inject({ method: 'GET', url: '/console/..%2f..%2fpackage.json' });
    expect(encoded.body).not.toContain('"devDependencies"');
  });

  it('redirects /console to /console/', async () => {
    const res = await app.inject({ method: 'GET', url: '/console' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/console/');
  });

  it('uses the API types generated from the served OpenAPI document (npm run console:api)', async () => {
    const served = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    const committed = readFileSync(CONSOLE_API_TYPES, 'utf8');
    expect(committed, 'web/console/src/api/schema.d.ts is stale: run npm run console:api').toBe(
      await consoleApiTypes(),
    );
    for (const path of Object.keys(served.paths)) expect(committed).toContain(`"${path}"`);
  });
});
