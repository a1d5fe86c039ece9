// One print-ready PDF per batch: each card is two 6x4 in pages (432x288 pt), front then back.
// Fonts are DejaVu TTF embedded (subset) in the file: never the standard 14 PDF fonts, which
// cannot print letters outside WinAnsi (ğ, Ł…) and are not embedded.
// Built for thousands of cards a second: glyph metrics are read once per process, each distinct
// front (business, headline, phone, web: usually one per kind and language) is written once and
// shared by its pages, the back's fixed parts (divider, return address, stamp box) are one shared
// stream, so each card adds only its own text (message and address) and two page objects.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { create as createQr } from 'qrcode';
import { FontInDocument, TtfFace } from './pdf-font.ts';
import { layoutLines, textOps, type TextBox } from './pdf-text.ts';
import { num, pdfDate, pdfString, PdfWriter } from './pdf-writer.ts';

export interface PostcardCard {
  /** Front: the business and the message headline. */
  headline: string;
  businessName: string;
  phoneLine: string;
  webLine: string;
  /** Front, bottom right: a QR code of this link (the customer's own sign-in link). */
  qrLink?: string;
  /** Back: the message text (rendered postcard template) and the addresses. */
  text: string;
  to: string[];
  from: string[];
}

// The card is 6x4 in (the trim, 432x288 pt); the page adds a 0.125 in bleed on every side, where
// the front's colour band runs on, so trimming never leaves a white sliver. Drawing happens in
// trim coordinates: each page starts by moving the origin to the trim box's corner.
const W = 432;
const H = 288;
const BLEED = 9;
const BOXES = `/MediaBox [0 0 ${W + 2 * BLEED} ${H + 2 * BLEED}] /BleedBox [0 0 ${W + 2 * BLEED} ${H + 2 * BLEED}] /TrimBox [${BLEED} ${BLEED} ${W + BLEED} ${H + BLEED}]`;
const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = new TtfFace(readFileSync(join(fontDir, 'DejaVuSans.ttf')));
const BOLD = new TtfFace(readFileSync(join(fontDir, 'DejaVuSans-Bold.ttf')));

const NAVY = rgb('#1f3a5f');
const INK = rgb('#222222');
const GREY = rgb('#444444');
const RULE = rgb('#999999');

interface Fonts {
  R: FontInDocument;
  B: FontInDocument;
}

export async function renderPostcardsPdf(
  cards: PostcardCard[],
  meta: { title: string; now: Date },
): Promise<Buffer> {
  const w = new PdfWriter();
  const catalog = w.ref();
  const pages = w.ref();
  const resources = w.ref();
  const info = w.ref();
  const fonts: Fonts = { R: new FontInDocument(REGULAR, w), B: new FontInDocument(BOLD, w) };
  const fronts = new Map<string, number>();
  const backs = new Map<string, number>();
  const kids: number[] = [];
  const toTrim = w.ref();
  w.stream(toTrim, `1 0 0 1 ${BLEED} ${BLEED} cm\n`, { compress: false });
  const page = (contents: number[]) => {
    const ref = w.ref();
    w.object(
      ref,
      `<< /Type /Page /Parent ${pages} 0 R ${BOXES} /Resources ${resources} 0 R /Contents [${[toTrim, ...contents].map((c) => `${c} 0 R`).join(' ')}] >>`,
    );
    kids.push(ref);
  };
  const shared = (cache: Map<string, number>, key: string, ops: () => string) => {
    let ref = cache.get(key);
    if (ref === undefined) {
      ref = w.ref();
      w.stream(ref, ops());
      cache.set(key, ref);
    }
    return ref;
  };
  for (const card of cards) {
    const front = shared(
      fronts,
      JSON.stringify([card.businessName, card.headline, card.phoneLine, card.webLine]),
      () => frontOps(fonts, card),
    );
    const backFixed = shared(backs, JSON.stringify(card.from), () => backFixedOps(fonts, card));
    const back = w.ref();
    w.stream(back, backOps(fonts, card));
    if (card.qrLink) {
      const qr = w.ref();
      w.stream(qr, qrOps(card.qrLink));
      page([front, qr]);
    } else page([front]);
    page([backFixed, back]);
  }
  fonts.R.embed(w);
  fonts.B.embed(w);
  w.object(resources, `<< /Font << /R ${fonts.R.ref} 0 R /B ${fonts.B.ref} 0 R >> /ProcSet [/PDF /Text] >>`);
  w.object(
    pages,
    `<< /Type /Pages /Count ${kids.length} /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] >>`,
  );
  w.object(catalog, `<< /Type /Catalog /Pages ${pages} 0 R >>`);
  w.object(
    info,
    `<< /Title ${pdfString(meta.title)} /Creator (Relance) /Producer (Relance) /CreationDate ${pdfDate(meta.now)} >>`,
  );
  return w.finish(catalog, info);
}

function frontOps(f: Fonts, c: PostcardCard): string {
  return `q ${NAVY} rg ${-BLEED} ${H - 64} ${W + 2 * BLEED} ${64 + BLEED} re f Q
BT
1 1 1 rg
${text(f, 'B', c.businessName, 20, { x: 24, y: 20, width: W - 48, wrap: false })}${NAVY} rg
${text(f, 'B', c.headline, 26, { x: 24, y: 100, width: W - 48, height: 90 })}${INK} rg
${text(f, 'R', c.phoneLine, 12, { x: 24, y: 214, width: W - 48 - QR_SIZE - 12, wrap: false })}${text(f, 'R', c.webLine, 9, { x: 24, y: 236, width: W - 48 - QR_SIZE - 12, wrap: false })}ET
`;
}

// The QR code: one filled rectangle per run of dark modules in a row, in the bottom-right corner
// (72 pt = 1 inch, with its quiet zone on the white card), error correction M for print wear.
const QR_SIZE = 72;
function qrOps(link: string): string {
  // node-qrcode: half the CPU of uqr (0.41 against 0.82 ms a code of 37 modules, mask chosen by
  // penalty in both), which was 70% of a batch's time (docs/delivery.md, "Postcards per second").
  // One byte segment, as uqr made: its search for the shortest mix of modes cost a fifth more.
  const { data, size } = createQr([{ data: Buffer.from(link, 'utf8'), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
  }).modules;
  const dark = (r: number, c: number) => data[r * size + c] === 1;
  const m = QR_SIZE / size;
  const x0 = W - 24 - QR_SIZE;
  const top = 16 + QR_SIZE;
  const rects: string[] = [];
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (!dark(r, c)) continue;
      let end = c;
      while (end + 1 < size && dark(r, end + 1)) end++;
      rects.push(`${num(x0 + c * m)} ${num(top - (r + 1) * m)} ${num((end - c + 1) * m)} ${num(m)} re`);
      c = end;
    }
  }
  return `q 0 0 0 rg\n${rects.join('\n')}\nf Q\n`;
}

// Left half: the message. Right half: return address, postage area, recipient.
function backFixedOps(f: Fonts, c: PostcardCard): string {
  return `q ${RULE} RG 0.5 w 216 ${H - 18} m 216 18 l S ${W - 66} ${H - 18 - 56} 48 56 re S Q
BT
${GREY} rg
${text(f, 'R', c.from.join('\n'), 6.5, { x: 228, y: 18, width: 120, height: 48 })}ET
`;
}

function backOps(f: Fonts, c: PostcardCard): string {
  return `BT
${INK} rg
${text(f, 'R', c.text, 8.5, { x: 18, y: 18, width: 186, height: H - 36, lineGap: 1 })}${text(f, 'B', c.to[0] ?? '', 10, { x: 240, y: 150, width: 176, wrap: false })}${text(f, 'R', c.to.slice(1).join('\n'), 10, { x: 240, y: 164, width: 176, height: 80 })}ET
`;
}

function text(f: Fonts, name: 'R' | 'B', s: string, size: number, box: TextBox): string {
  const font = f[name];
  return textOps(font, name, layoutLines(font.face, s, size, box), size, box, H);
}

function rgb(hex: string): string {
  const v = parseInt(hex.slice(1), 16);
  return [v >> 16, (v >> 8) & 255, v & 255].map((c) => num(c / 255)).join(' ');
}
