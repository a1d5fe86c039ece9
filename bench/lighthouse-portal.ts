// Lighthouse (npm lighthouse 12.2.3, mobile emulation, Debian's Chromium) on the portal's main
// pages, served by the real app on an in-memory database with one shop, customer and vehicle.
// Prints performance, accessibility, best practices, and the JavaScript each page transfers.
//   CHROME_PATH=/usr/bin/chromium npm run lighthouse:portal
// Goals (issue 16): performance ≥ 95, accessibility ≥ 95, ≤ 50 KB of JS gzipped per page.
import type { AddressInfo } from 'node:net';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { loadConfig } from '../src/config/env.ts';
import type { AppContext } from '../src/context.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { portalUrl } from '../src/delivery/merge/links.ts';
import { deriveKeys } from '../src/security/keys.ts';
import { createOrganization } from '../src/tenancy/create-organization.ts';
import { createLocation } from '../src/tenancy/create-location.ts';
import { createLogger } from '../src/config/logger.ts';

const database = await openDatabase({ dataDir: 'memory://' });
await migrate(database.pool);
const db = database.db;
const now = new Date(
  Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate(), 14),
);
const ctx: AppContext = {
  config: loadConfig({ NODE_ENV: 'test', DEMO_DATA: 'off', PUBLIC_URL: 'http://127.0.0.1' }),
  keys: deriveKeys('22'.repeat(32)),
  database,
  db,
  now: () => now,
  log: createLogger({ LOG_LEVEL: 'warn' }),
};
const orgId = await createOrganization(db, 'Lighthouse');
const loc = await createLocation(db, orgId, {
  code: 'main',
  name: 'Garage Lumière',
  business_name: 'Garage Lumière',
  time_zone: 'America/Toronto',
  language: 'fr',
});
const customer = await db
  .insertInto('customers')
  .values({
    org_id: orgId,
    location_id: loc.id,
    customer_number: 'C1',
    first_name: 'Marie-Ève',
    last_name: 'Lévesque',
    mailing_name: 'Marie-Ève Lévesque',
    email: 'marie@example.test',
    language: 'fr',
    city: 'Montréal',
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const vehicle = await db
  .insertInto('vehicles')
  .values({
    org_id: orgId,
    location_id: loc.id,
    customer_id: customer.id,
    vin: 'LH000000000000001',
    year: 2021,
    make: 'Toyota',
    model: 'RAV4',
    plate: 'FXR 482',
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const mechanic = await db
  .insertInto('mechanics')
  .values({ org_id: orgId, location_id: loc.id, name: 'Luc' })
  .returning('id')
  .executeTakeFirstOrThrow();
await db
  .insertInto('mechanic_hours')
  .values(
    [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
      org_id: orgId,
      mechanic_id: mechanic.id,
      weekday,
      starts_at: '08:00',
      ends_at: '17:00',
    })),
  )
  .execute();
// The customer signs in the way a message link does; the browser keeps the cookie between runs.
const signInLink = portalUrl({ publicUrl: '', keys: ctx.keys, now }, { o: orgId, c: customer.id });

const app = await buildApp(ctx);
await app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const pages: Array<[string, string]> = [
  ['sign-in', '/portal/sign-in'],
  ['home', '/portal'],
  ['file', '/portal/file'],
  ['vehicle', `/portal/vehicles/${vehicle.id}`],
  ['book', '/portal/book'],
  ['visitor booking', `/book/${orgId}/main`],
];

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
const rows: string[] = [];
let failed = false;
try {
  const flags = {
    port: chrome.port,
    output: 'json' as const,
    logLevel: 'error' as const,
    disableStorageReset: true,
    onlyCategories: ['performance', 'accessibility', 'best-practices'],
  };
  await lighthouse(`${base}${signInLink}`, { ...flags, onlyCategories: ['best-practices'] });
  for (const [name, path] of pages) {
    const result = await lighthouse(`${base}${path}`, flags, undefined);
    const lhr = result!.lhr;
    if (lhr.runtimeError) console.error(`${name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    if (lhr.finalDisplayedUrl !== `${base}${path}`)
      throw new Error(`${name}: landed on ${lhr.finalDisplayedUrl}`);
    const score = (c: string) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
    const items =
      (
        lhr.audits['network-requests']?.details as
          { items?: Array<{ resourceType?: string; transferSize?: number }> } | undefined
      )?.items ?? [];
    const js = items
      .filter((i) => i.resourceType === 'Script')
      .reduce((n, i) => n + (i.transferSize ?? 0), 0);
    const total = items.reduce((n, i) => n + (i.transferSize ?? 0), 0);
    const [perf, a11y, bp] = [score('performance'), score('accessibility'), score('best-practices')];
    if (perf < 95 || a11y < 95 || js > 50 * 1024) failed = true;
    const failing = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
      .map((a) => a.id);
    rows.push(
      `| ${name} | ${perf} | ${a11y} | ${bp} | ${(js / 1024).toFixed(1)} KB | ${(total / 1024).toFixed(1)} KB | ${lhr.audits['largest-contentful-paint']?.displayValue ?? ''} |${failing.length ? ` ${failing.join(', ')}` : ''}`,
    );
  }
} finally {
  chrome.kill();
  await app.close();
  await database.close();
}
console.log('| page | performance | accessibility | best practices | JS | all bytes | LCP | failing audits');
console.log('| --- | --- | --- | --- | --- | --- | --- | ---');
for (const r of rows) console.log(r);
process.exit(failed ? 1 : 0);
