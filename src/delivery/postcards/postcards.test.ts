// Postcards: one PDF per location and day with embedded DejaVu fonts, every Latin letter printed,
// handed to a folder drop or an HTTP vendor (503 retried, same batch id), then marked sent.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../test/helpers/factories.ts';
import { makeMessage, testContext } from '../../../test/helpers/delivery.ts';
import { folderVendor, httpVendor, type PrintBatch, type PrintVendor } from './print-vendor.ts';
import { renderPostcardsPdf } from './render-postcards-pdf.ts';
import { runPostcardBatches } from './run-postcard-batches.ts';

let t: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), 'relance-postcards-'));
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const LETTERS = 'ğ ß ñ é Ł ø å ț ő ž';
// Every letter of Latin-1 and Latin Extended-A, ASCII punctuation included, in words of 12.
const MANY = (() => {
  const chars = [
    ...'()\\[]{}<>!?;:@#$%&*+=~^_|/0123456789',
    ...Array.from({ length: 0x17f - 0x20 }, (_, i) => String.fromCodePoint(0x21 + i)),
  ].filter((c) => /[\p{L}\p{N}\p{P}\p{S}]/u.test(c));
  const unique = [...new Set(chars)];
  return Array.from({ length: Math.ceil(unique.length / 12) }, (_, i) =>
    unique.slice(i * 12, i * 12 + 12).join(''),
  ).join(' ');
})();

async function shopWithCards(n: number) {
  const shop = await makeShop(t.db, { postcards_enabled: true, business_name: 'Garage Łódź & Söhne' });
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = await makeCustomer(t.db, shop, {
      email: null,
      language: (['en', 'fr', 'es'] as const)[i % 3],
      mailing_name: `Ğül Straße Muñoz ${i}`,
      address_line1: '12 rue de l’Église',
      city: 'Québec',
      region: 'QC',
      postal_code: 'G1R 4P5',
      country: 'CA',
    });
    const m = await makeMessage(t.db, shop, {
      kind: 'DEFERRED',
      channel: 'postcard',
      customer_id: c.id,
      language: c.language!,
      next_attempt_at: new Date('2026-03-01T00:00:00Z'),
      payload: {
        vehicles: [{ id: 1, year: 2017, make: 'Citroën', model: 'C4', plate: 'ŁÓ 1' }],
        deferred_items: [`Pneus été ${LETTERS}`],
      },
    });
    ids.push(m.id);
  }
  return { shop, ids };
}

describe('postcard PDF', () => {
  it('prints every Latin letter with embedded DejaVu fonts on 6x4 pages', async () => {
    const pdf = await renderPostcardsPdf(
      [
        {
          headline: `Bonjour ${LETTERS}`,
          businessName: 'Garage Łódź',
          phoneLine: 'Call 514',
          webLine: 'http://x',
          text: `Dear Ğül,\n${LETTERS}`,
          to: ['Ğül Straße', '1 Main'],
          from: ['Garage Łódź', 'Montréal'],
        },
        {
          headline: 'Many letters',
          businessName: 'Garage Łódź',
          phoneLine: 'Call 514',
          webLine: 'http://x',
          text: MANY,
          to: ['Ğül Straße', '1 Main'],
          from: ['Garage Łódź', 'Montréal'],
        },
      ],
      { title: 'test', now: new Date('2026-03-02T00:00:00Z') },
    );
    const file = join(dir, 'one.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file]).toString();
    expect(info).toMatch(/Pages:\s+4/);
    // 6x4 in (432 x 288 pt) trim plus 0.125 in of bleed on each side.
    expect(info).toMatch(/Page size:\s+450 x 306 pts/);
    const fonts = execFileSync('pdffonts', [file]).toString().split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      expect(line).toMatch(/DejaVuSans/);
      expect(line).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/); // emb yes, sub yes
    }
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    for (const ch of LETTERS.split(' ')) expect(text).toContain(ch);
    // Over 256 distinct glyphs: glyph ids whose bytes are ( ) \\ or CR print and extract too.
    for (const word of MANY.split(' ')) expect(text.replace(/\s+/g, ' ')).toContain(word);
    // Rendered to an image: the pages are really drawn (not blank).
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '2', '-l', '2', file, join(dir, 'page')]);
    const png = readFileSync(
      join(
        dir,
        readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'))!,
      ),
    );
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(2_000);
  });
});

describe('postcard batches', () => {
  it('drops one PDF + CSV + manifest per location and day into a folder, then marks the cards sent', async () => {
    const { shop, ids } = await shopWithCards(3);
    const ctx = testContext(t, {}, () => new Date('2026-03-02T15:00:00Z'));
    const folder = join(dir, 'drop');
    const results = (await runPostcardBatches(ctx, { vendor: folderVendor(folder) })).filter(
      (r) => r.orgId === shop.orgId,
    );
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ cards: 3, status: 'accepted' });
    const id = results[0]!.batchId;
    expect(id).toMatch(new RegExp(`^pc-${shop.orgId}-${shop.locationId}-2026-03-02-[0-9a-f]{12}$`));
    expect(readdirSync(folder).sort()).toEqual([`${id}.csv`, `${id}.json`, `${id}.pdf`]);
    const text = execFileSync('pdftotext', [join(folder, `${id}.pdf`), '-'])
      .toString()
      .replace(/\s+/g, ' ');
    expect(text).toContain('Ğül Straße Muñoz 0');
    expect(text).toContain('Pneus été ğ ß ñ é Ł');
    expect(text).toContain('Travaux toujours recommandés'); // French card front
    expect(text).toContain('Trabajos aún recomendados'); // Spanish card front
    const csv = readFileSync(join(folder, `${id}.csv`), 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFmessage_id,kind,language,mailing_name,address_line1,address_line2,city,region,postal_code,country,vehicle,plate,headline,text',
    );
    expect(csv).toContain('Ğül Straße Muñoz 1');
    const rows = await t.db
      .selectFrom('messages')
      .select(['status', 'provider_id'])
      .where('org_id', '=', shop.orgId)
      .where('id', 'in', ids)
      .execute();
    expect(rows.every((r) => r.status === 'sent' && r.provider_id === id)).toBe(true);
    // Run again: nothing left to print.
    expect(
      (await runPostcardBatches(ctx, { vendor: folderVendor(folder) })).filter((r) => r.orgId === shop.orgId),
    ).toHaveLength(0);
  });

  it('posts to an HTTP print vendor with the batch id as idempotency key, retrying a 503', async () => {
    const { shop, ids } = await shopWithCards(2);
    const seen: Array<{ key: string; type: string; bytes: number }> = [];
    let failuresLeft = 1;
    const server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method !== 'POST' || req.url !== '/batches') return res.writeHead(404).end();
        seen.push({
          key: String(req.headers['idempotency-key']),
          type: String(req.headers['content-type']),
          bytes: Buffer.concat(chunks).length,
        });
        if (failuresLeft-- > 0) return res.writeHead(503).end('busy');
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'VENDOR-42' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const ctx = testContext(t, {}, () => new Date('2026-03-02T15:00:00Z'));
    const results = (await runPostcardBatches(ctx, { vendor: httpVendor(url, { retryDelayMs: 10 }) })).filter(
      (r) => r.orgId === shop.orgId,
    );
    server.close();
    expect(results[0]).toMatchObject({ status: 'accepted', cards: 2 });
    expect(seen).toHaveLength(2);
    expect(seen[0]!.key).toBe(results[0]!.batchId);
    expect(seen[1]!.key).toBe(results[0]!.batchId);
    expect(seen[1]!.type).toMatch(/^multipart\/form-data; boundary=/);
    const batch = await t.db
      .selectFrom('postcard_batches')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ status: 'accepted', vendor_ref: 'VENDOR-42', cards: 2 });
    const rows = await t.db
      .selectFrom('messages')
      .select('status')
      .where('org_id', '=', shop.orgId)
      .where('id', 'in', ids)
      .execute();
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });

  it('keeps the cards in their batch while the vendor is down, then sends the same batch', async () => {
    const { shop, ids } = await shopWithCards(1);
    const t0 = Date.parse('2026-03-02T15:00:00Z');
    const ctx = testContext(t, {}, () => new Date(t0));
    const down = (
      await runPostcardBatches(ctx, {
        vendor: httpVendor('http://127.0.0.1:9', { retries: 1, retryDelayMs: 5 }),
      })
    ).filter((r) => r.orgId === shop.orgId);
    expect(down[0]).toMatchObject({ status: 'retry', cards: 1 });
    expect(down[0]!.error).toMatch(/unreachable/);
    const row = await t.db
      .selectFrom('messages')
      .select(['status', 'reason'])
      .where('org_id', '=', shop.orgId)
      .where('id', '=', ids[0]!)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('sending'); // still in its batch, not free to join another one
    expect(row.reason).toMatch(/unreachable/);
    // Too early for the retry: nothing happens.
    expect(
      (
        await runPostcardBatches(
          testContext(t, {}, () => new Date(t0 + 10_000)),
          { vendor: folderVendor(join(dir, 'early')) },
        )
      ).filter((r) => r.orgId === shop.orgId),
    ).toEqual([]);
    const vendor = await startVendor();
    const later = testContext(t, {}, () => new Date(t0 + 60_000));
    const up = (
      await runPostcardBatches(later, { vendor: httpVendor(vendor.url, { retryDelayMs: 5 }) })
    ).filter((r) => r.orgId === shop.orgId);
    await vendor.close();
    expect(up).toEqual([
      expect.objectContaining({ batchId: down[0]!.batchId, status: 'accepted', resumed: true }),
    ]);
    expect(vendor.batches.get(down[0]!.batchId)?.message_ids).toEqual(ids);
    expect(
      (
        await t.db
          .selectFrom('messages')
          .select('status')
          .where('org_id', '=', shop.orgId)
          .where('id', '=', ids[0]!)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('sent');
  });

  it('after a crash between upload and "sent", sends the same batch id with the same cards; new cards go in a new batch', async () => {
    const { shop, ids } = await shopWithCards(2);
    const vendor = await startVendor();
    const t0 = Date.parse('2026-03-02T15:00:00Z');
    const real = httpVendor(vendor.url, { retryDelayMs: 5 });
    // The worker process dies right after the vendor took the batch: nothing after the upload runs.
    const dying: PrintVendor = {
      ...real,
      submit: async (b) => (await real.submit(b), new Promise<never>(() => undefined)),
    };
    void runPostcardBatches(
      testContext(t, {}, () => new Date(t0)),
      { vendor: dying, workerId: 'crashed' },
    );
    await waitFor(() => vendor.posts.length === 1);
    const first = vendor.posts[0]!;
    expect(first.manifest.message_ids).toEqual(ids);
    // While the dead worker's lease runs (it covers the worst-case upload), nobody takes the batch.
    const during = await runPostcardBatches(
      testContext(t, {}, () => new Date(t0 + 5 * 60_000)),
      { vendor: real, workerId: 'other' },
    );
    expect(during.filter((r) => r.orgId === shop.orgId)).toEqual([]);
    // A card that fell due since must not join the old batch.
    const c = await makeCustomer(t.db, shop, {
      email: null,
      language: 'en',
      mailing_name: 'New Card',
      address_line1: '1 Main',
      city: 'Québec',
      postal_code: 'G1R 4P5',
    });
    const late = await makeMessage(t.db, shop, {
      kind: 'DEFERRED',
      channel: 'postcard',
      customer_id: c.id,
      language: 'en',
      next_attempt_at: new Date(t0 + 60_000),
      payload: { deferred_items: ['Wipers'] },
    });
    const after = (
      await runPostcardBatches(
        testContext(t, {}, () => new Date(t0 + 20 * 60_000)),
        { vendor: real, workerId: 'restarted' },
      )
    ).filter((r) => r.orgId === shop.orgId);
    await vendor.close();
    expect(after).toEqual([
      expect.objectContaining({ batchId: first.key, status: 'accepted', resumed: true, cards: 2 }),
      expect.objectContaining({ status: 'accepted', resumed: false, cards: 1 }),
    ]);
    // Same id, same cards, uploaded twice: the vendor kept (and prints) one batch of them.
    expect(vendor.posts.filter((p) => p.key === first.key).map((p) => p.manifest.message_ids)).toEqual([
      ids,
      ids,
    ]);
    expect([...vendor.batches.values()].map((m) => m.message_ids)).toEqual([ids, [late.id]]);
    const rows = await t.db
      .selectFrom('messages')
      .select(['id', 'status', 'provider_id'])
      .where('org_id', '=', shop.orgId)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: ids[0], status: 'sent', provider_id: first.key },
      { id: ids[1], status: 'sent', provider_id: first.key },
      { id: late.id, status: 'sent', provider_id: after[1]!.batchId },
    ]);
  });
});

/** A print vendor on loopback with an idempotency check: a batch id it already has gets 409. */
async function startVendor() {
  const posts: Array<{ key: string; manifest: PrintBatch['manifest'] }> = [];
  const batches = new Map<string, PrintBatch['manifest']>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const form = await new Response(Buffer.concat(chunks), {
          headers: { 'content-type': String(req.headers['content-type']) },
        }).formData();
        const manifest = JSON.parse(await (form.get('manifest') as Blob).text()) as PrintBatch['manifest'];
        const key = String(req.headers['idempotency-key']);
        posts.push({ key, manifest });
        if (batches.has(key)) return res.writeHead(409).end('already have it');
        batches.set(key, manifest);
        res
          .writeHead(201, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: `V-${batches.size}` }));
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts,
    batches,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function waitFor(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!ok()) throw new Error('timed out');
}
