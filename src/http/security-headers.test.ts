// Every response carries nosniff, no framing and a Content-Security-Policy fit for its kind of
// page; production adds HSTS (issue 12, item 11).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiTest, type ApiTest } from '../../test/helpers/api.ts';
import { contentSecurityPolicyFor } from './security-headers.ts';

let api: ApiTest;
let production: ApiTest;
beforeAll(async () => {
  api = await createApiTest();
  production = await createApiTest({ NODE_ENV: 'production', SECRET_KEY: 'ab'.repeat(32) });
});
afterAll(async () => {
  await api.close();
  await production.close();
});

const PAGES = [
  '/',
  '/api/docs',
  '/u/not-a-token',
  '/s/not-a-token',
  '/reset-password?token=x',
  '/mailbox',
  '/texts',
];
const JSON_ANSWERS = ['/health', '/api/v1/me', '/api/v1/openapi.json', '/api/v1/nothing-here'];

describe('security headers', () => {
  it.each([...PAGES, ...JSON_ANSWERS])(
    '%s: nosniff, no framing, a CSP, no HSTS outside production',
    async (url) => {
      const res = await api.app.inject({ method: 'GET', url, remoteAddress: '127.0.0.1' });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/default-src 'none'/);
      expect(csp).not.toMatch(/script-src/);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    },
  );

  it('JSON answers get the strictest policy, HTML pages inline styles only', async () => {
    const json = await api.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(json.headers['content-security-policy']).not.toContain('style-src');
    const page = await api.app.inject({ method: 'GET', url: '/' });
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("style-src 'unsafe-inline'");
  });

  it('production adds HSTS to every answer', async () => {
    for (const url of ['/', '/health', '/api/v1/me']) {
      const res = await production.app.inject({ method: 'GET', url });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    }
  });

  it('the console (a single-page app) gets its own policy by prefix', () => {
    for (const url of ['/console', '/console/customers/1?x=y']) {
      const csp = contentSecurityPolicyFor(url);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
    }
    expect(contentSecurityPolicyFor('/consoles')).toContain("default-src 'none'");
    expect(contentSecurityPolicyFor('/api/v1/customers')).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
  });

  it('the portal and the booking pages (server-rendered, no JavaScript) allow no script, even on a 404', async () => {
    for (const url of ['/portal/abc', '/portal/vehicles/x/y', '/book/nothing/here/at/all']) {
      const res = await api.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'none'");
      expect(csp, url).not.toContain('script-src');
      expect(csp, url).not.toContain('connect-src');
      expect(csp, url).not.toContain('unsafe-inline');
    }
  });
});
