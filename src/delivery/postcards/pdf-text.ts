// Text boxes for the postcard PDF: greedy word wrap inside a width, as many lines as fit in a
// height, and an ellipsis on the last line when the text does not fit. Positions are given from
// the top-left corner of the page (like a layout), converted to PDF's bottom-up coordinates here.
import type { FontInDocument, TtfFace } from './pdf-font.ts';
import { num } from './pdf-writer.ts';

export interface TextBox {
  x: number;
  /** Top of the first line, from the top of the page. */
  y: number;
  width: number;
  /** Lines that do not fit in this height are dropped (the last one kept ends with …). */
  height?: number;
  lineGap?: number;
  /** false: one line (newlines become spaces), cut with … when wider than the box. */
  wrap?: boolean;
}

const ELLIPSIS = '…';

/** The lines of a text box, wrapped and cut as they will print. */
export function layoutLines(face: TtfFace, text: string, size: number, box: TextBox): string[] {
  const clean = text.normalize('NFC').replace(/\r/g, '').replace(/\t/g, ' ');
  if (box.wrap === false) return [fit(face, clean.replace(/\n/g, ' '), size, box.width, false)];
  const lines: string[] = [];
  for (const paragraph of clean.split('\n')) wrapParagraph(face, paragraph, size, box.width, lines);
  if (box.height === undefined) return lines;
  const pitch = face.lineHeight(size) + (box.lineGap ?? 0);
  const max = Math.max(1, Math.floor((box.height + (box.lineGap ?? 0)) / pitch));
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  kept[max - 1] = fit(face, kept[max - 1]!, size, box.width, true);
  return kept;
}

/** PDF text operators drawing the lines (inside BT … ET; colour set by the caller). */
export function textOps(
  font: FontInDocument,
  name: string,
  lines: string[],
  size: number,
  box: TextBox,
  pageHeight: number,
): string {
  const pitch = font.face.lineHeight(size) + (box.lineGap ?? 0);
  const first = pageHeight - box.y - (font.face.ascender * size) / 1000;
  // Leading (TL) set once; ' moves to the next line and shows a string.
  let out = `/${name} ${num(size)} Tf ${num(pitch)} TL 1 0 0 1 ${num(box.x)} ${num(first)} Tm\n`;
  for (const [i, line] of lines.entries()) out += `${font.encode(line)} ${i ? "'" : 'Tj'}\n`;
  return out;
}

function wrapParagraph(face: TtfFace, paragraph: string, size: number, width: number, out: string[]): void {
  const space = face.width(' ', size);
  let line = '';
  let lineWidth = 0;
  for (const word of paragraph.split(' ')) {
    if (!word) continue;
    const w = face.width(word, size);
    if (line && lineWidth + space + w <= width) {
      line += ` ${word}`;
      lineWidth += space + w;
      continue;
    }
    if (line) out.push(line);
    if (w <= width) {
      line = word;
      lineWidth = w;
      continue;
    }
    // A word wider than the box: break it where it reaches the edge.
    let piece = '';
    let pieceWidth = 0;
    for (const ch of word) {
      const cw = face.width(ch, size);
      if (piece && pieceWidth + cw > width) {
        out.push(piece);
        piece = '';
        pieceWidth = 0;
      }
      piece += ch;
      pieceWidth += cw;
    }
    line = piece;
    lineWidth = pieceWidth;
  }
  out.push(line);
}

/** The line as it fits in width: unchanged, or cut and ended with … (always, when `more`). */
function fit(face: TtfFace, line: string, size: number, width: number, more: boolean): string {
  if (!more && face.width(line, size) <= width) return line;
  const chars = [...line];
  const ell = face.width(ELLIPSIS, size);
  let w = face.width(line, size);
  while (chars.length && w + ell > width) w -= face.width(chars.pop()!, size);
  return `${chars.join('').trimEnd()}${ELLIPSIS}`;
}
