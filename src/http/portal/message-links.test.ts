// Every link a customer message carries resolves for its customer: each customer kind, in each
// language, on each channel, is rendered for a real customer and a real outbox row (the worker's
// own merge and template code), every link to this service found in it is followed from a fresh
// browser, redirects included, and ends on a page (200) — the portal links signed in as that
// customer. Postcards print the short address (followed too); their QR code is decoded in
// delivery/postcards/postcard-pages.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, backendName, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer } from '../../../test/helpers/factories.ts';
import { makeMessage, testContext } from '../../../test/helpers/delivery.ts';
import { makeBookableShop, PortalBrowser } from '../../../test/helpers/portal.ts';
import type { AppContext } from '../../context.ts';
import { KINDS } from '../../domain/messages/kinds.ts';
import { buildMergeData } from '../../delivery/merge/build-merge-data.ts';
import { renderTemplate } from '../../delivery/templates/render-message.ts';
import { samplePayload } from '../../delivery/templates/preview.ts';
import { buildApp } from '../app.ts';

let t: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
const now = new Date('2026-03-10T14:00:00Z');
const LANGS = ['en', 'fr', 'es'] as const;

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = testContext(t, {}, () => now);
  app = await buildApp(ctx);
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

/** Follows redirects within the app (keeping cookies) up to the page at the end. */
async function open(browser: PortalBrowser, url: string) {
  let path = url.startsWith('http') ? url.slice(url.indexOf('/', 'http://'.length)) : url;
  for (let hops = 0; hops < 5; hops++) {
    const res = await browser.get(path);
    if (res.statusCode !== 302 && res.statusCode !== 303) return { res, path };
    path = res.headers.location as string;
  }
  throw new Error(`${url}: too many redirects`);
}

const linksIn = (s: string, base: string) =>
  [...s.matchAll(/https?:\/\/[^\s"'<>)]+/g)]
    .map((m) => m[0].replace(/&amp;/g, '&'))
    .filter((u) => u.startsWith(base));

describe(`links of every message kind, language and channel on ${backendName}`, () => {
  const customerKinds = KINDS.filter((k) => k.audience === 'customer');

  it('covers every customer kind', () => {
    expect(customerKinds.length).toBeGreaterThanOrEqual(10);
  });

  for (const language of LANGS) {
    it(`${language}: each link resolves for its customer`, async () => {
      const shop = await makeBookableShop(t.db, { language });
      const customer = await makeCustomer(t.db, shop, { language, mailing_name: `Client ${language}` });
      const base = ctx.config.publicUrl;
      const location = await t.db
        .selectFrom('locations')
        .selectAll()
        .where('org_id', '=', shop.orgId)
        .where('id', '=', shop.locationId)
        .executeTakeFirstOrThrow();
      let followed = 0;
      const kindsOfLink = new Set<string>();
      for (const kind of customerKinds) {
        // Texts carry a short link instead (delivery/sms/short-links.ts; send-text.test.ts).
        for (const channel of (kind.channels as readonly string[]).filter((c) => c !== 'sms') as Array<
          'email' | 'postcard'
        >) {
          const message = await makeMessage(t.db, shop, {
            kind: kind.code,
            channel,
            customer_id: customer.id,
            language,
            status: 'held',
            payload: samplePayload(now),
          });
          const data = buildMergeData(
            { message, language, location, customer, staff: null, surveys: [] },
            { publicUrl: base, keys: ctx.keys, now },
          );
          const rendered = await renderTemplate({ kind: kind.code, channel, language, override: null }, data);
          const links = new Set([
            ...linksIn(rendered.html, base),
            ...linksIn(rendered.text, base),
            ...linksIn(rendered.subject, base),
            // Printed on the card's front, typed by hand: the short address.
            ...(channel === 'postcard' ? [`${base}/portal`] : [String(data.unsubscribe_link)]),
          ]);
          expect(links.size, `${kind.code} ${channel} ${language} carries links`).toBeGreaterThan(0);
          for (const link of links) {
            const browser = new PortalBrowser(app);
            const { res, path } = await open(browser, link);
            expect(res.statusCode, `${kind.code} ${channel} ${language}: ${link} → ${path}`).toBe(200);
            if (link.includes('/portal/go/')) {
              expect(path).toBe('/portal');
              expect(res.body).toContain(`Client ${language}`);
            }
            kindsOfLink.add(
              new URL(link).pathname
                .split('/')
                .slice(0, 3)
                .join('/')
                .replace(/\/[^/]{20,}$/, '/TOKEN'),
            );
            followed++;
          }
        }
      }
      expect(followed).toBeGreaterThan(customerKinds.length);
      expect([...kindsOfLink].sort()).toEqual(['/portal', '/portal/go', '/s/TOKEN', '/u/TOKEN']);
    });
  }
});
