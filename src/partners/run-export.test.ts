// A whole export: refusal, FTP upload with rename, HTTPS upload with retries, idempotent
// re-runs, concurrent runs, and the password never showing anywhere.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../test/helpers/factories.ts';
import {
  makeContext,
  makeRepairOrder,
  selfSignedCertificate,
  setPartner,
  startFtpServer,
  startPartnerEndpoint,
} from '../../test/helpers/partners.ts';
import { getPartnerSettings, ExportRefused } from './get-partner-settings.ts';
import { runExport } from './run-export.ts';

let database: TestDatabase;
let ctx: ReturnType<typeof makeContext>;
const DAY = '2026-11-22';
const PASSWORD = 'S3cr3t-Pa55word!';
const fast = { http: { tries: 3, backoffMs: 10 } };

async function seededShop() {
  const shop = await makeShop(ctx.db);
  const c = await makeCustomer(ctx.db, shop, { first_name: 'Ann', last_name: 'Lee' });
  const v = await makeVehicle(ctx.db, shop, c.id);
  await makeRepairOrder(ctx, shop, { customerId: c.id, vehicleId: v.id, closedOn: DAY, odometer: 1200 }, [
    { kind: 'package', description: 'Oil change' },
  ]);
  return shop;
}

async function runsOf(shop: { orgId: number; locationId: number }) {
  return ctx.db
    .selectFrom('export_runs')
    .selectAll()
    .where('org_id', '=', shop.orgId)
    .where('location_id', '=', shop.locationId)
    .execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  ctx = makeContext(database);
});
afterAll(async () => {
  await database.close();
});

describe('refusals', () => {
  it('refuses a partner that is off or was never set up, writing nothing', async () => {
    const shop = await seededShop();
    const req = { orgId: shop.orgId, locationId: shop.locationId, runOn: DAY };
    await expect(runExport(ctx, { ...req, partner: 'mechanicnet' })).rejects.toThrow(
      new ExportRefused(`MechanicNET export is not enabled for location ${shop.location.code}`),
    );
    await setPartner(ctx, shop, 'mechanicnet', {
      enabled: false,
      settings: { shop_id: 'X', endpoint: 'http://127.0.0.1:9/x' },
    });
    await expect(runExport(ctx, { ...req, partner: 'mechanicnet' })).rejects.toThrow(
      /MechanicNET export is not enabled/,
    );
    expect(await runsOf(shop)).toEqual([]);
  });

  it('refuses CARFAX without accepted terms and CustomerLink without a confirmation', async () => {
    const shop = await seededShop();
    const req = { orgId: shop.orgId, locationId: shop.locationId, runOn: DAY };
    await setPartner(ctx, shop, 'carfax', {
      settings: { endpoint: 'http://127.0.0.1:9/x' },
      consentUserId: null,
    });
    await expect(runExport(ctx, { ...req, partner: 'carfax' })).rejects.toThrow(
      /CARFAX export refused .*terms of service have not been accepted/,
    );
    await setPartner(ctx, shop, 'customerlink', {
      settings: { account_number: 'A', server: '127.0.0.1', user: 'u' },
      password: PASSWORD,
      consentUserId: null,
    });
    await expect(runExport(ctx, { ...req, partner: 'customerlink' })).rejects.toThrow(
      /CustomerLink export refused .*confirmed that data is sent to CustomerLink/,
    );
    expect(await runsOf(shop)).toEqual([]);
  });

  it('records incomplete settings as a failed run naming the field', async () => {
    const shop = await seededShop();
    await setPartner(ctx, shop, 'mechanicnet', { settings: { endpoint: 'ftp://nowhere' } });
    const out = await runExport(ctx, {
      orgId: shop.orgId,
      locationId: shop.locationId,
      partner: 'mechanicnet',
      runOn: DAY,
    });
    expect(out.status).toBe('failed');
    expect(out.status === 'failed' && out.error).toMatch(
      /incomplete: .*shop_id.*endpoint: must be an https:\/\/ URL/,
    );
  });
});

describe('CustomerLink over FTP', () => {
  it('uploads under a temporary name, renames it when complete, and does not upload a day twice', async () => {
    const ftp = await startFtpServer('shop', PASSWORD);
    try {
      const shop = await seededShop();
      await setPartner(ctx, shop, 'customerlink', {
        settings: {
          account_number: 'CL-1',
          server: '127.0.0.1',
          port: ftp.port,
          user: 'shop',
          directory: '',
          passive: true,
        },
        password: PASSWORD,
      });
      const req = {
        orgId: shop.orgId,
        locationId: shop.locationId,
        partner: 'customerlink' as const,
        runOn: DAY,
      };
      const out = await runExport(ctx, req);
      expect(out.status).toBe('succeeded');
      const final = 'customerlink_CL-1_20261122.csv';
      // While the data was being written, only the temporary name existed; the final name
      // appeared by the rename, after the transfer had ended.
      expect(ftp.events).toEqual([
        { event: 'STOR', name: join(ftp.root, `${final}.part`), files: [`${final}.part`] },
        { event: 'RNTO', name: final, files: [final] },
      ]);
      const body = readFileSync(join(ftp.root, final), 'utf8');
      expect(body).toMatch(/^account_number,business_name/);
      expect(body).toContain('CL-1,Garage Test,514-555-0100,');
      expect(body).toContain(',Ann,Lee,');
      const [run] = await runsOf(shop);
      expect(run).toMatchObject({
        partner: 'customerlink',
        run_on: DAY,
        status: 'succeeded',
        attempts: 1,
        rows: 1,
        bytes: Buffer.byteLength(body),
        error: null,
      });
      expect(run!.checksum).toMatch(/^[0-9a-f]{64}$/);

      const again = await runExport(ctx, req);
      expect(again.status).toBe('skipped');
      expect(again.status === 'skipped' && again.reason).toMatch(/was already sent \(1 rows/);
      expect(ftp.events).toHaveLength(2);
      expect(await runsOf(shop)).toHaveLength(1);
    } finally {
      await ftp.close();
    }
  });

  it('uses explicit TLS when asked, trusting the CA it is given', async () => {
    const certificate = selfSignedCertificate();
    const ftp = await startFtpServer('shop', PASSWORD, certificate);
    try {
      const shop = await seededShop();
      await setPartner(ctx, shop, 'customerlink', {
        settings: {
          account_number: 'CL-TLS',
          server: '127.0.0.1',
          port: ftp.port,
          user: 'shop',
          tls: 'explicit',
          directory: '',
        },
        password: PASSWORD,
      });
      const req = {
        orgId: shop.orgId,
        locationId: shop.locationId,
        partner: 'customerlink' as const,
        runOn: DAY,
      };
      const out = await runExport(ctx, req, { ftp: { tlsOptions: { ca: certificate.cert } } });
      expect(out.status).toBe('succeeded');
      expect(ftp.logins).toEqual([{ user: 'shop', secure: true }]);
      expect(readFileSync(join(ftp.root, 'customerlink_CL-TLS_20261122.csv'), 'utf8')).toContain(',Ann,Lee,');
    } finally {
      await ftp.close();
    }
  });

  it('fails with the server reason on a wrong password, and the password shows nowhere', async () => {
    const ftp = await startFtpServer('shop', 'the-right-one');
    const printed: string[] = [];
    const original = { log: console.log, error: console.error, warn: console.warn, info: console.info };
    for (const k of ['log', 'error', 'warn', 'info'] as const)
      console[k] = (...a: unknown[]) => printed.push(a.map((x) => inspect(x)).join(' '));
    try {
      const shop = await seededShop();
      await setPartner(ctx, shop, 'customerlink', {
        settings: { account_number: 'CL-2', server: '127.0.0.1', port: ftp.port, user: 'shop' },
        password: PASSWORD,
      });
      const out = await runExport(ctx, {
        orgId: shop.orgId,
        locationId: shop.locationId,
        partner: 'customerlink',
        runOn: DAY,
      });
      expect(out.status).toBe('failed');
      expect(out.status === 'failed' && out.error).toMatch(/^FTP upload to 127\.0\.0\.1:\d+ failed: 530/);
      const found = await getPartnerSettings(ctx.db, ctx.keys, shop.orgId, shop.locationId, 'customerlink');
      expect(found!.secret!.reveal()).toBe(PASSWORD);
      const everywhere = [
        JSON.stringify(out),
        inspect(out, { depth: 10 }),
        JSON.stringify(found),
        inspect(found, { depth: 10 }),
        String(found!.secret),
        ...printed,
        JSON.stringify(await runsOf(shop)),
      ].join('\n');
      expect(everywhere).not.toContain(PASSWORD);
      expect(JSON.stringify(found)).toContain('[redacted]');
    } finally {
      Object.assign(console, original);
      await ftp.close();
    }
  });
});

describe('MechanicNET and CARFAX over HTTPS', () => {
  it('retries a 5xx answer, then delivers the whole file once with its checksum and idempotency key', async () => {
    const endpoint = await startPartnerEndpoint([503, 502]);
    try {
      const shop = await seededShop();
      await setPartner(ctx, shop, 'carfax', {
        settings: { endpoint: endpoint.url },
        password: 'api-token-123',
      });
      const out = await runExport(
        ctx,
        { orgId: shop.orgId, locationId: shop.locationId, partner: 'carfax', runOn: DAY },
        fast,
      );
      expect(out.status).toBe('succeeded');
      expect(endpoint.hits()).toBe(3);
      const last = endpoint.received[2]!;
      expect(last.headers['idempotency-key']).toBe(`relance-${shop.orgId}-${shop.locationId}-carfax-${DAY}`);
      expect(last.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(last.headers.authorization).toBe('Bearer api-token-123');
      expect(last.headers['x-relance-rows']).toBe('1');
      expect(last.headers['x-content-sha256']).toBe(out.status === 'succeeded' && out.file.sha256);
      expect(last.body.toString('utf8')).toContain('Oil change');
      expect(endpoint.accepted.size).toBe(1);
      const [run] = await runsOf(shop);
      expect(run).toMatchObject({ status: 'succeeded', attempts: 1, rows: 1, bytes: last.body.length });
    } finally {
      await endpoint.close();
    }
  });

  it('fails at once on a 4xx with the partner reason, and again after all retries on 5xx', async () => {
    const endpoint = await startPartnerEndpoint([404, 500, 500, 500]);
    try {
      const shop = await seededShop();
      await setPartner(ctx, shop, 'mechanicnet', { settings: { shop_id: 'MN-1', endpoint: endpoint.url } });
      const req = {
        orgId: shop.orgId,
        locationId: shop.locationId,
        partner: 'mechanicnet' as const,
        runOn: DAY,
      };
      const first = await runExport(ctx, req, fast);
      expect(first.status === 'failed' && first.error).toMatch(/answered 404: shop id unknown to us/);
      expect(endpoint.hits()).toBe(1);
      // Without force, a failed day waits for its backoff.
      const waiting = await runExport(ctx, req, fast);
      expect(waiting.status === 'skipped' && waiting.reason).toMatch(/will be retried after a backoff/);
      const second = await runExport(ctx, { ...req, force: true }, fast);
      expect(second.status === 'failed' && second.error).toMatch(
        /upload failed after 3 tries .*answered 500/,
      );
      expect(endpoint.hits()).toBe(4);
      const third = await runExport(ctx, { ...req, force: true }, fast);
      expect(third.status).toBe('succeeded');
      const [run] = await runsOf(shop);
      expect(run).toMatchObject({ status: 'succeeded', attempts: 3, error: null });
    } finally {
      await endpoint.close();
    }
  });

  it('uploads once when two exports of the same day start at the same time', async () => {
    const endpoint = await startPartnerEndpoint();
    try {
      const shop = await seededShop();
      await setPartner(ctx, shop, 'mechanicnet', { settings: { shop_id: 'MN-2', endpoint: endpoint.url } });
      const req = {
        orgId: shop.orgId,
        locationId: shop.locationId,
        partner: 'mechanicnet' as const,
        runOn: DAY,
      };
      const outs = await Promise.all([
        runExport(ctx, req, fast),
        runExport(ctx, req, fast),
        runExport(ctx, req, fast),
      ]);
      expect(outs.map((o) => o.status).sort()).toEqual(['skipped', 'skipped', 'succeeded']);
      expect(endpoint.hits()).toBe(1);
    } finally {
      await endpoint.close();
    }
  });
});
