// A card as the printer gets it: one due postcard goes through the batch run into the folder drop,
// then BOTH pages are checked with poppler: 6x4 in (pdfinfo), only embedded TrueType fonts
// (pdffonts), drawn at 150 dpi (pdftoppm → PNG, decoded here), and the text of each page
// (pdftotext, with word positions for the address block and the return address).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../test/helpers/factories.ts';
import { makeMessage, testContext } from '../../../test/helpers/delivery.ts';
import { folderVendor } from './print-vendor.ts';
import { runPostcardBatches } from './run-postcard-batches.ts';
import jsQRModule from 'jsqr';
import { linkSigner } from '../../security/signed-links.ts';
import type { Keys } from '../../security/keys.ts';

let t: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), 'relance-postcard-pages-'));
let pdf: string;
let abroadPdf: string;
/** The bleed around the 6x4 in trim: 0.125 in. */
const BLEED = 9;
// jsqr is CommonJS: its function is the module itself under Node, and `.default` to TypeScript.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ??
  jsQRModule) as typeof jsQRModule.default;
let keys: Keys;
let orgId: number;
let customerId: number;

const NAME = 'Łódź Ğüneş';
const BUSINESS = 'Garage Şahin & Fils';
const STANDARD_14 = /Helvetica|Times|Courier|Symbol|ZapfDingbats/i;

beforeAll(async () => {
  t = await createTestDatabase();
  const shop = await makeShop(t.db, {
    postcards_enabled: true,
    language: 'fr',
    business_name: BUSINESS,
    business_phone: '418-555-0142',
    address_line1: '1200 rue Saint-Denis',
    city: 'Montréal',
    region: 'QC',
    postal_code: 'H2X 3J6',
  });
  const customer = await makeCustomer(t.db, shop, {
    email: null,
    language: 'fr',
    mailing_name: NAME,
    address_line1: '12 rue de l’Église',
    address_line2: 'App. 3',
    city: 'Québec',
    region: 'QC',
    postal_code: 'G1R 4P5',
    country: 'CA',
  });
  await makeMessage(t.db, shop, {
    kind: 'DEFERRED',
    channel: 'postcard',
    customer_id: customer.id,
    language: 'fr',
    next_attempt_at: new Date('2026-03-01T00:00:00Z'),
    payload: {
      vehicles: [{ id: 1, year: 2017, make: 'Citroën', model: 'C4', plate: 'ŁÓ 1' }],
      deferred_items: ['Plaquettes de frein avant', 'Pneus d’été'],
    },
  });
  // A second shop, in Canada too, mails a card to the United States: that one has a country line.
  const abroad = await makeShop(t.db, { postcards_enabled: true, language: 'en', country: 'CA' });
  const american = await makeCustomer(t.db, abroad, {
    email: null,
    language: 'en',
    mailing_name: 'Pat Quinn',
    address_line1: '77 Main Street',
    city: 'Burlington',
    region: 'VT',
    postal_code: '05401',
    country: 'US',
  });
  await makeMessage(t.db, abroad, {
    kind: 'V02',
    channel: 'postcard',
    customer_id: american.id,
    language: 'en',
    next_attempt_at: new Date('2026-03-01T00:00:00Z'),
  });
  const ctx = testContext(t, {}, () => new Date('2026-03-02T15:00:00Z'));
  keys = ctx.keys;
  orgId = shop.orgId;
  customerId = customer.id;
  const folder = join(dir, 'drop');
  const results = await runPostcardBatches(ctx, { vendor: folderVendor(folder) });
  const mine = results.filter((r) => r.orgId === shop.orgId);
  expect(mine).toMatchObject([{ cards: 1, status: 'accepted' }]);
  pdf = join(folder, `${mine[0]!.batchId}.pdf`);
  abroadPdf = join(folder, `${results.find((r) => r.orgId === abroad.orgId)!.batchId}.pdf`);
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (cmd: string, args: string[]) => execFileSync(cmd, args).toString('utf8');

describe('a printed postcard, both pages', () => {
  it('has two 6x4 in pages', () => {
    const info = run('pdfinfo', ['-box', '-f', '1', '-l', '2', pdf]);
    expect(info).toMatch(/^Pages:\s+2$/m);
    // The trim is 432 x 288 pt = 6 x 4 in, landscape; the page (media and bleed box) adds 0.125 in
    // (9 pt) of bleed on every side, on both pages.
    for (const n of [1, 2]) {
      expect(info).toMatch(new RegExp(`^Page\\s+${n} size:\\s+450 x 306 pts$`, 'm'));
      expect(info).toMatch(
        new RegExp(`^Page\\s+${n} MediaBox:\\s+0\\.00\\s+0\\.00\\s+450\\.00\\s+306\\.00$`, 'm'),
      );
      expect(info).toMatch(
        new RegExp(`^Page\\s+${n} BleedBox:\\s+0\\.00\\s+0\\.00\\s+450\\.00\\s+306\\.00$`, 'm'),
      );
      expect(info).toMatch(
        new RegExp(`^Page\\s+${n} TrimBox:\\s+9\\.00\\s+9\\.00\\s+441\\.00\\s+297\\.00$`, 'm'),
      );
    }
  });

  it('uses only embedded TrueType fonts, never the standard 14', () => {
    const lines = run('pdffonts', [pdf]).split('\n');
    expect(lines[0]).toMatch(/^name\s+type\s+encoding\s+emb\s+sub\s+uni\s+object ID/);
    const fonts = lines
      .slice(2)
      .filter(Boolean)
      .map((l) => {
        const cols = l.trim().split(/\s+/);
        return { name: cols[0]!, emb: cols.at(-5), line: l };
      });
    expect(fonts.length).toBeGreaterThanOrEqual(2); // regular and bold
    for (const f of fonts) {
      expect(f.emb, f.line).toBe('yes');
      expect(f.name, f.line).toMatch(/^[A-Z]{6}\+DejaVuSans(-Bold)?$/);
      expect(f.name, f.line).not.toMatch(STANDARD_14);
      expect(f.line).toMatch(/TrueType/);
    }
  });

  it('runs the front’s colour band into the bleed, so trimming leaves no white sliver', () => {
    // The whole page at 72 dpi (1 px = 1 pt): the band covers the top bleed and both side bleeds.
    run('pdftoppm', ['-png', '-r', '72', '-f', '1', '-l', '1', pdf, join(dir, 'bleed')]);
    const page = decodePng(readFileSync(join(dir, 'bleed-1.png')));
    expect([page.width, page.height]).toEqual([450, 306]);
    const navy = [0x1f, 0x3a, 0x5f];
    for (const [x, y] of [
      [1, 1],
      [448, 1],
      [1, BLEED + 30],
      [448, BLEED + 30],
      [225, 4],
    ] as const)
      expect(page.at(x, y), `${x},${y}`).toEqual(navy);
  });

  it('renders both pages (the trim) to 900x600 PNGs at 150 dpi, really drawn', () => {
    // 9 pt of bleed = 18.75 px at 150 dpi: crop from 19 px to the trim.
    run('pdftoppm', [
      '-png',
      '-r',
      '150',
      '-x',
      '19',
      '-y',
      '19',
      '-W',
      '900',
      '-H',
      '600',
      '-f',
      '1',
      '-l',
      '2',
      pdf,
      join(dir, 'card'),
    ]);
    const files = readdirSync(dir)
      .filter((f) => f.startsWith('card') && f.endsWith('.png'))
      .sort();
    expect(files).toEqual(['card-1.png', 'card-2.png']);
    const [front, back] = files.map((f) => decodePng(readFileSync(join(dir, f))));
    for (const p of [front!, back!]) expect([p.width, p.height]).toEqual([900, 600]);
    // Front: the business band across the top in #1f3a5f (y 0-64 pt = 0-133 px), white text on it.
    expect(front!.at(450, 10)).toEqual([0x1f, 0x3a, 0x5f]);
    expect(front!.at(890, 120)).toEqual([0x1f, 0x3a, 0x5f]);
    expect(front!.count(0, 0, 900, 133, (r, g, b) => r > 200 && g > 200 && b > 200)).toBeGreaterThan(2_500);
    // Front below the band: dark ink of the headline, on white.
    expect(front!.at(890, 590)).toEqual([255, 255, 255]);
    expect(front!.count(0, 200, 900, 420, dark)).toBeGreaterThan(7_000);
    // Back: white card, the divider at x = 216 pt (450 px), ink in the message (left half),
    // the return address (top of the right half) and the address block (x 240 pt+, y 150 pt+).
    expect(back!.at(5, 5)).toEqual([255, 255, 255]);
    expect(back!.count(446, 100, 455, 500, (r, g, b) => r < 200 && r === g && g === b)).toBeGreaterThan(390); // 400 rows
    expect(back!.count(30, 30, 440, 580, dark)).toBeGreaterThan(2_500);
    expect(back!.count(470, 30, 700, 140, dark)).toBeGreaterThan(300);
    expect(back!.count(495, 305, 880, 520, dark)).toBeGreaterThan(1_200);
  });

  it('prints a QR code on the front that signs this customer in to the portal', () => {
    run('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', pdf, join(dir, 'qr')]);
    const png = decodePng(readFileSync(join(dir, 'qr-1.png')));
    const rgba = new Uint8ClampedArray(png.width * png.height * 4);
    for (let y = 0; y < png.height; y++)
      for (let x = 0; x < png.width; x++) {
        const [r, g, b] = png.at(x, y);
        rgba.set([r, g, b, 255], (y * png.width + x) * 4);
      }
    const code = jsQR(rgba, png.width, png.height);
    expect(code?.data).toMatch(/^http:\/\/relance\.test\/portal\/go\/[A-Za-z0-9_-]+$/);
    const token = code!.data.split('/').pop()!;
    const checked = linkSigner(keys, () => new Date('2026-03-02T15:00:00Z')).verify('portalPostcard', token);
    expect(checked).toEqual({ org: orgId, customer: customerId });
  });

  it('prints the business on the front, and the message, return address and address block on the back', () => {
    const front = run('pdftotext', ['-f', '1', '-l', '1', pdf, '-']).replace(/\s+/g, ' ');
    expect(front).toContain(BUSINESS);
    expect(front).toContain('Travaux toujours recommandés');
    expect(front).toContain('Appelez-nous : 418-555-0142');
    expect(front).toContain('Votre dossier en ligne : relance.test/portal');
    expect(front).not.toContain(NAME);

    const back = run('pdftotext', ['-f', '2', '-l', '2', pdf, '-']).replace(/\s+/g, ' ');
    expect(back).toContain(`Bonjour ${NAME},`);
    expect(back).toContain('2017 Citroën C4');
    expect(back).toContain('- Pneus d’été');
    expect(back).toContain(`${BUSINESS} 1200 rue Saint-Denis Montréal QC H2X 3J6`);
    // Mailed within Canada: no country line.
    expect(back).toContain(`${NAME} 12 rue de l’Église App. 3 Québec QC G1R 4P5`);
    expect(back).not.toMatch(/G1R 4P5 CA\b/);
    const abroad = run('pdftotext', ['-f', '2', '-l', '2', abroadPdf, '-']).replace(/\s+/g, ' ');
    expect(abroad).toContain('Pat Quinn 77 Main Street Burlington VT 05401 US');

    // Where the words are: the return address at the top of the right half, the address block
    // below it in the right half, the message in the left half.
    const words = bboxWords(run('pdftotext', ['-bbox', '-f', '2', '-l', '2', pdf, '-']));
    const find = (w: string) => words.filter((x) => x.text === w);
    const returnLine = find('Saint-Denis');
    expect(returnLine).toHaveLength(1);
    expect(returnLine[0]!.xMin).toBeGreaterThan(216);
    expect(returnLine[0]!.yMax).toBeLessThan(70);
    for (const w of ['Łódź', 'Ğüneş', 'l’Église', 'G1R']) {
      const inBlock = find(w).filter((x) => x.xMin >= 238 && x.yMin >= 145);
      expect(inBlock, w).toHaveLength(1);
      expect(inBlock[0]!.xMax, w).toBeLessThanOrEqual(432 - 12);
    }
    const greeting = find('Ğüneş,');
    expect(greeting).toHaveLength(1);
    expect(greeting[0]!.xMax).toBeLessThan(216);
  });

  it('a shop with an email but no phone: the front names the email as its contact, no "Call us:" left empty', async () => {
    for (const [language, contact] of [
      ['en', /Email us: sans-tel@garage\.test/],
      ['fr', /Écrivez-nous : sans-tel@garage\.test/],
      ['es', /Escríbanos: sans-tel@garage\.test/],
    ] as const) {
      const shop = await makeShop(t.db, {
        postcards_enabled: true,
        language,
        business_phone: null,
        phone: null,
        business_email: 'sans-tel@garage.test',
      });
      const c = await makeCustomer(t.db, shop, {
        email: null,
        language,
        address_line1: '5 rue du Pont',
        city: 'Québec',
        region: 'QC',
        postal_code: 'G1K 1A1',
        country: 'CA',
      });
      await makeMessage(t.db, shop, {
        kind: 'V02',
        channel: 'postcard',
        customer_id: c.id,
        language,
        next_attempt_at: new Date('2026-03-01T00:00:00Z'),
      });
      const folder = join(dir, `no-phone-${language}`);
      const ctx = testContext(t, {}, () => new Date('2026-03-02T15:00:00Z'));
      const results = (await runPostcardBatches(ctx, { vendor: folderVendor(folder) })).filter(
        (r) => r.orgId === shop.orgId,
      );
      expect(results, language).toMatchObject([{ cards: 1, status: 'accepted' }]);
      const front = run('pdftotext', [
        '-f',
        '1',
        '-l',
        '1',
        join(folder, `${results[0]!.batchId}.pdf`),
        '-',
      ]).replace(/\s+/g, ' ');
      expect(front, language).toMatch(contact);
      expect(front, language).not.toMatch(/(Call us|Appelez-nous|Llámenos) ?:? ?(\s|$|Your|Votre|Su)/);
    }
  });
});

function dark(r: number, g: number, b: number): boolean {
  return r + g + b < 3 * 110;
}

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** pdftotext -bbox output: <word xMin=".." yMin=".." xMax=".." yMax="..">text</word>, in points. */
function bboxWords(html: string): Word[] {
  const decode = (s: string) =>
    s
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'");
  return [
    ...html.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ].map((m) => ({
    // In trim coordinates (the page has the bleed around it).
    xMin: Number(m[1]) - BLEED,
    yMin: Number(m[2]) - BLEED,
    xMax: Number(m[3]) - BLEED,
    yMax: Number(m[4]) - BLEED,
    text: decode(m[5]!),
  }));
}

/** A minimal PNG decoder for what pdftoppm writes: 8-bit, RGB or grey, not interlaced. */
function decodePng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const length = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      expect({ depth, interlace }).toEqual({ depth: 8, interlace: 0 });
      channels = colour === 2 ? 3 : colour === 0 ? 1 : colour === 6 ? 4 : 0;
      expect(channels, `PNG colour type ${colour}`).toBeGreaterThan(0);
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      pixels[y * stride + x] = (line[x]! + predictor) & 0xff;
    }
  }
  const rgb = (x: number, y: number): [number, number, number] => {
    const i = y * stride + x * channels;
    return channels === 1
      ? [pixels[i]!, pixels[i]!, pixels[i]!]
      : [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
  };
  return {
    width,
    height,
    at: rgb,
    /** Pixels in [x0, x1) × [y0, y1) for which test holds. */
    count(
      x0: number,
      y0: number,
      x1: number,
      y1: number,
      test: (r: number, g: number, b: number) => boolean,
    ): number {
      let n = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (test(...rgb(x, y))) n++;
      return n;
    },
  };
}
