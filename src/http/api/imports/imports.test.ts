// The import API: a CSV file uploaded as the body, imported by the import module; bad rows are
// listed with line and reason in the reader's language, a file refused whole writes nothing,
// and a file past the limit is refused with 413 before anything is read into the database.
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName } from '../../../../test/helpers/db.ts';
import { makeShop } from '../../../../test/helpers/factories.ts';
import { createApiTest, makeStaff, signIn, type ApiTest, type Client } from '../../../../test/helpers/api.ts';
import { isKnownImportReason } from '../../../i18n/import-reasons.ts';
import { IMPORT_MAX_BYTES } from './import-file.ts';

let api: ApiTest;
let shop: Awaited<ReturnType<typeof makeShop>>;
let owner: Client;
const owners: Partial<Record<'fr' | 'es', Client>> = {};

/** An owner who reads the console in a language (the signed-in user's language wins over Accept-Language). */
async function ownerIn(language: 'fr' | 'es'): Promise<Client> {
  if (owners[language]) return owners[language];
  const staff = await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }]);
  await api.t.db.updateTable('users').set({ language }).where('id', '=', staff.id).execute();
  return (owners[language] = await signIn(api.app, staff.email));
}

beforeAll(async () => {
  api = await createApiTest();
  shop = await makeShop(api.t.db);
  owner = await signIn(
    api.app,
    (await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }])).email,
  );
});
afterAll(async () => api?.close());

const BAD_CUSTOMERS = [
  'customer_number,first_name,last_name,email,language,birthday',
  'IMP-1,Ana,Roy,ana@example.test,fr,1980-04-02',
  'IMP-2,Bob,Lee,not-an-email,en,',
  'IMP-3,Cleo,Diaz,cleo@example.test,de,1975-13-40',
  'IMP-1,Ana,Again,ana2@example.test,fr,',
  ',Nobody,Here,,,',
  'IMP-4,Dan,Moe,dan@example.test,es,',
].join('\n');

const upload = (client: Client, kind: string, csv: string | Buffer, headers: Record<string, string> = {}) =>
  client.request({
    method: 'POST',
    url: `/api/v1/locations/${shop.locationId}/imports/${kind}?file_name=test.csv`,
    payload: csv,
    headers: { 'content-type': 'text/csv', ...headers },
  });

const customerNumbers = async () =>
  (
    await api.t.db
      .selectFrom('customers')
      .select('customer_number')
      .where('location_id', '=', shop.locationId)
      .where('customer_number', 'like', 'IMP-%')
      .orderBy('customer_number')
      .execute()
  ).map((r) => r.customer_number);

describe(`POST /locations/:id/imports/<kind> on ${backendName}`, () => {
  it('imports the good rows and lists every bad one with its line and reason, in French for a French reader', async () => {
    const res = await upload(await ownerIn('fr'), 'customers', BAD_CUSTOMERS);
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json() as {
      imported: number;
      rejected: number;
      rejected_lines: number;
      problems: Array<{ line: number; severity: string; column: string; reason: string }>;
      problems_total: number;
    };
    expect(out).toMatchObject({ imported: 2, rejected: 4, rejected_lines: 4 });
    expect(await customerNumbers()).toEqual(['IMP-1', 'IMP-4']);
    const rejected = out.problems.filter((p) => p.severity === 'rejected');
    expect(rejected.map((p) => [p.line, p.column])).toEqual(
      expect.arrayContaining([
        [3, 'email'],
        [4, 'language'],
        [4, 'birthday'],
        [5, 'customer_number'],
        [6, 'customer_number'],
      ]),
    );
    expect(rejected.find((p) => p.column === 'email')!.reason).toBe(
      '« not-an-email » n’est pas une adresse courriel',
    );
    expect(rejected.find((p) => p.line === 5)!.reason).toContain('en double (déjà à la ligne 2)');
    expect(out.problems_total).toBe(out.problems.length);
  });

  it('says the same reasons in English and Spanish, and knows each of them', async () => {
    const en = (await upload(owner, 'customers', BAD_CUSTOMERS)).json() as {
      problems: Array<{ line: number; column: string; code: string; reason: string }>;
    };
    const es = (await upload(await ownerIn('es'), 'customers', BAD_CUSTOMERS)).json() as {
      problems: Array<{ line: number; column: string; code: string; reason: string }>;
    };
    expect(en.problems.find((p) => p.column === 'email')!.reason).toBe(
      '"not-an-email" is not an e-mail address',
    );
    expect(es.problems.find((p) => p.column === 'email')!.reason).toBe(
      '«not-an-email» no es una dirección de correo electrónico',
    );
    for (const p of en.problems) expect(isKnownImportReason(p.reason), p.reason).toBe(true);
    // The same stable code in every language, never the catch-all.
    expect(es.problems.map((p) => p.code)).toEqual(en.problems.map((p) => p.code));
    for (const p of en.problems) expect(p.code, p.reason).not.toBe('unrecognized');
  });

  it('refuses a file without its required column whole: 400 in the reader’s language, nothing written', async () => {
    const before = await customerNumbers();
    const res = await upload(await ownerIn('es'), 'customers', 'first_name,last_name\nZed,Zee\n');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: {
        code: 'invalid_file',
        message: expect.stringMatching(
          /^Archivo rechazado, no se importó nada: faltan columnas obligatorias: customer_number/,
        ),
      },
    });
    expect(await customerNumbers()).toEqual(before);
  });

  it('refuses a file past the limit with 413 naming the limit, and writes nothing', async () => {
    const before = await customerNumbers();
    const big = Buffer.alloc(IMPORT_MAX_BYTES + 1, 'a');
    big.write('customer_number\nIMP-9\n');
    // Authenticated first (before the body is read), so in the signed-in user's language.
    const res = await upload(await ownerIn('fr'), 'customers', big);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      error: { code: 'body_too_large', message: expect.stringContaining('32 Mio') },
    });
    expect(await customerNumbers()).toEqual(before);
  });

  it('refuses a caller who is not signed in before reading the file: the answer comes while the upload is still going', async () => {
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = api.app.server.address() as AddressInfo;
    const answer = await new Promise<{ status: number; sentBytes: number }>((resolve, reject) => {
      const sent = { bytes: 0 };
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/v1/locations/${shop.locationId}/imports/customers`,
          headers: { 'content-type': 'text/csv', 'content-length': String(IMPORT_MAX_BYTES) },
        },
        (res) => {
          resolve({ status: res.statusCode ?? 0, sentBytes: sent.bytes });
          res.resume();
          req.destroy();
        },
      );
      req.on('error', (err) => (sent.bytes > 0 ? undefined : reject(err)));
      // 64 KiB of a 32 MiB file, then nothing: a server that read the body first would never answer.
      const chunk = Buffer.alloc(64 * 1024, 'a');
      req.write(chunk);
      sent.bytes += chunk.length;
      setTimeout(
        () => reject(new Error('no answer within 5 s: the body was being read first')),
        5_000,
      ).unref();
    });
    expect(answer).toEqual({ status: 401, sentBytes: 64 * 1024 });
  });

  it('takes only the file itself (text/csv), and only from a role that may write the kind', async () => {
    const json = await owner.request({
      method: 'POST',
      url: `/api/v1/locations/${shop.locationId}/imports/customers`,
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json()).toMatchObject({
      error: { code: 'unsupported_media_type', message: expect.stringContaining('text/csv') },
    });
    const tech = await signIn(
      api.app,
      (await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'technician' }])).email,
    );
    const refused = await upload(tech, 'vehicles', 'vin\n1HGCM82633A004352\n');
    expect(refused.statusCode).toBe(403);
    // A CSV body on a JSON route is not read as a file.
    const wrong = await owner.request({
      method: 'POST',
      url: '/api/v1/customers',
      payload: 'customer_number\nX\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(wrong.statusCode).toBe(415);
  });
});
