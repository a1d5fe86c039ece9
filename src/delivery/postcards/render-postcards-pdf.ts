// One print-ready PDF per batch: each card is two 6x4 in pages (432x288 pt), front then back.
// Fonts are DejaVu TTF embedded (subset) in the file: never the standard 14 PDF fonts, which
// cannot print letters outside WinAnsi (ğ, Ł…) and are not embedded.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

export interface PostcardCard {
  /** Front: the business and the message headline. */
  headline: string;
  businessName: string;
  phoneLine: string;
  webLine: string;
  /** Back: the message text (rendered postcard template) and the addresses. */
  text: string;
  to: string[];
  from: string[];
}

const W = 432;
const H = 288;
const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = readFileSync(join(fontDir, 'DejaVuSans.ttf'));
const BOLD = readFileSync(join(fontDir, 'DejaVuSans-Bold.ttf'));

export function renderPostcardsPdf(cards: PostcardCard[], meta: { title: string; now: Date }): Promise<Buffer> {
  const doc = new PDFDocument({ size: [W, H], margin: 0, autoFirstPage: false, compress: true, info: { Title: meta.title, Creator: 'Relance', CreationDate: meta.now } });
  doc.registerFont('R', REGULAR);
  doc.registerFont('B', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const card of cards) {
    front(doc, card);
    back(doc, card);
  }
  doc.end();
  return done;
}

function front(doc: PDFKit.PDFDocument, c: PostcardCard): void {
  doc.addPage();
  doc.rect(0, 0, W, 64).fill('#1f3a5f');
  doc.fillColor('#ffffff').font('B').fontSize(20).text(c.businessName, 24, 20, { width: W - 48, height: 28, ellipsis: true, lineBreak: false });
  doc.fillColor('#1f3a5f').font('B').fontSize(26).text(c.headline, 24, 100, { width: W - 48, height: 90, ellipsis: true });
  doc.fillColor('#222222').font('R').fontSize(12).text(c.phoneLine, 24, 214, { lineBreak: false });
  doc.fontSize(9).text(c.webLine, 24, 236, { lineBreak: false });
}

function back(doc: PDFKit.PDFDocument, c: PostcardCard): void {
  doc.addPage();
  // Left half: the message. Right half: return address, postage area, recipient.
  doc.fillColor('#222222').font('R').fontSize(8.5).text(c.text, 18, 18, { width: 186, height: H - 36, ellipsis: true, lineGap: 1 });
  doc.moveTo(216, 18).lineTo(216, H - 18).lineWidth(0.5).stroke('#999999');
  doc.font('R').fontSize(6.5).fillColor('#444444').text(c.from.join('\n'), 228, 18, { width: 120, height: 48, ellipsis: true });
  doc.rect(W - 66, 18, 48, 56).lineWidth(0.5).stroke('#999999');
  doc.fillColor('#222222').font('B').fontSize(10).text(c.to[0] ?? '', 240, 150, { width: 176, lineBreak: false, ellipsis: true });
  doc.font('R').fontSize(10).text(c.to.slice(1).join('\n'), 240, 164, { width: 176, height: 80, ellipsis: true });
}
