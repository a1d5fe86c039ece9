// A TrueType font embedded in a PDF as a subset (Type0 / CIDFontType2, Identity-H): the file
// carries only the glyphs its text uses, plus a ToUnicode map so the text can be searched and
// extracted (pdftotext). Glyph metrics are read from the TTF once per process (TtfFace); each PDF
// gets its own subset (FontInDocument). No shaping: one glyph per code point after NFC
// normalisation, which is what Latin scripts need (accents are precomposed).
import { createHash } from 'node:crypto';
import { create, type Font, type Subset } from 'fontkit';
import { num, type PdfWriter } from './pdf-writer.ts';

export class TtfFace {
  readonly font: Font;
  /** 1000 / unitsPerEm: PDF glyph space is 1/1000 em. */
  readonly scale: number;
  readonly ascender: number;
  readonly descender: number;
  /** Measured from the glyphs when the OS/2 table (version < 2) does not say: H, x and l. */
  readonly capHeight: number;
  readonly xHeight: number;
  readonly stemV: number;
  readonly #glyphs = new Map<number, { gid: number; width: number }>();

  constructor(ttf: Uint8Array) {
    this.font = create(ttf);
    this.scale = 1000 / this.font.unitsPerEm;
    this.ascender = this.font.ascent * this.scale;
    this.descender = this.font.descent * this.scale;
    const box = (ch: string) => this.font.glyphForCodePoint(ch.codePointAt(0)!).bbox;
    this.capHeight = (this.font.capHeight || box('H').maxY) * this.scale;
    this.xHeight = (this.font.xHeight || box('x').maxY) * this.scale;
    // The dominant vertical stem: the width of the lowercase l's single stroke.
    const l = box('l');
    this.stemV = Math.round((l.maxX - l.minX) * this.scale);
  }

  /** Glyph id and advance width (1/1000 em) of a code point (.notdef when the font has none). */
  glyph(codePoint: number): { gid: number; width: number } {
    let g = this.#glyphs.get(codePoint);
    if (!g) {
      const glyph = this.font.glyphForCodePoint(codePoint);
      g = { gid: glyph.id, width: glyph.advanceWidth * this.scale };
      this.#glyphs.set(codePoint, g);
    }
    return g;
  }

  /** Width of a string in points at this size. */
  width(text: string, size: number): number {
    let w = 0;
    for (const ch of text) w += this.glyph(ch.codePointAt(0)!).width;
    return (w * size) / 1000;
  }

  /** Distance between baselines of consecutive lines, without extra gap. */
  lineHeight(size: number): number {
    return ((this.ascender - this.descender + this.font.lineGap * this.scale) * size) / 1000;
  }
}

export class FontInDocument {
  readonly face: TtfFace;
  readonly ref: number;
  readonly #subset: Subset;
  /** code point → its subset glyph id as two bytes (latin1 characters), escaped for a literal */
  readonly #bytes = new Map<number, string>();
  /** subset glyph id → the code point it prints */
  readonly #unicode = new Map<number, number>();

  constructor(face: TtfFace, writer: PdfWriter) {
    this.face = face;
    this.ref = writer.ref();
    this.#subset = face.font.createSubset();
  }

  /** The text as a PDF string of 2-byte subset glyph ids (for Tj): binary, escaped as a literal. */
  encode(text: string): string {
    let out = '(';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let bytes = this.#bytes.get(cp);
      if (bytes === undefined) {
        const cid = this.#subset.includeGlyph(this.face.glyph(cp).gid);
        if (cid !== 0 && !this.#unicode.has(cid)) this.#unicode.set(cid, cp);
        bytes = literalByte(cid >> 8) + literalByte(cid & 255);
        this.#bytes.set(cp, bytes);
      }
      out += bytes;
    }
    return `${out})`;
  }

  /**
   * Writes the font objects; call once, after the last encode. The subset tag is derived from the
   * glyphs in the subset (and the font), so two files with different subsets never share a tag,
   * which would confuse a print shop's tools when they merge files.
   */
  embed(writer: PdfWriter): void {
    const { font, scale } = this.face;
    const fontFile = writer.ref();
    const descriptor = writer.ref();
    const cidFont = writer.ref();
    const toUnicode = writer.ref();
    const program = this.#subset.encode();
    // Length1: the length of the (uncompressed) TrueType program (ISO 32000-1, table 127).
    writer.stream(fontFile, program, { dict: `/Length1 ${program.length}` });
    const name = `${subsetTag(font.postscriptName, this.#subset.glyphs)}+${font.postscriptName.replaceAll(' ', '_')}`;
    const familyClass = (font['OS/2']?.sFamilyClass ?? 0) >> 8;
    // Same flags as pdfkit: fixed pitch, serif, symbolic (CID fonts), script, italic.
    const flags =
      (font.post.isFixedPitch ? 1 : 0) |
      (familyClass >= 1 && familyClass <= 7 ? 2 : 0) |
      4 |
      (familyClass === 10 ? 8 : 0) |
      (font.head.macStyle.italic ? 64 : 0);
    const b = font.bbox;
    writer.object(
      descriptor,
      `<< /Type /FontDescriptor /FontName /${name} /Flags ${flags} /FontBBox [${[b.minX, b.minY, b.maxX, b.maxY].map((v) => num(v * scale)).join(' ')}]` +
        ` /ItalicAngle ${num(font.italicAngle)} /Ascent ${num(this.face.ascender)} /Descent ${num(this.face.descender)}` +
        ` /CapHeight ${num(this.face.capHeight)} /XHeight ${num(this.face.xHeight)} /StemV ${this.face.stemV} /FontFile2 ${fontFile} 0 R >>`,
    );
    // Widths of every glyph in the subset (composite glyphs' parts included by encode()).
    const widths = this.#subset.glyphs.map((gid) => num(font.getGlyph(gid).advanceWidth * scale));
    writer.object(
      cidFont,
      `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>` +
        ` /FontDescriptor ${descriptor} 0 R /W [0 [${widths.join(' ')}]] /CIDToGIDMap /Identity >>`,
    );
    writer.stream(toUnicode, this.#toUnicodeCmap());
    writer.object(
      this.ref,
      `<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H /DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`,
    );
  }

  #toUnicodeCmap(): string {
    const entries = [...this.#unicode]
      .sort((a, b) => a[0] - b[0])
      .map(([cid, cp]) => `<${cid.toString(16).padStart(4, '0')}> <${utf16Hex(cp)}>`);
    const blocks: string[] = [];
    // At most 100 entries per bfchar block (PDF 32000-1, 9.10.3).
    for (let i = 0; i < entries.length; i += 100) {
      const part = entries.slice(i, i + 100);
      blocks.push(`${part.length} beginbfchar\n${part.join('\n')}\nendbfchar`);
    }
    return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <ffff>
endcodespacerange
${blocks.join('\n')}
endcmap
CMapName currentdict /CMap defineresource pop
end
end
`;
  }
}

/** Six uppercase letters from a hash of the font and its subset's glyph ids. */
export function subsetTag(fontName: string, glyphs: number[]): string {
  const h = createHash('sha256').update(fontName).update(Uint32Array.from(glyphs)).digest();
  return [...h.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
}

/** One byte inside a PDF literal string: ( ) \\ escaped, CR escaped (a raw one would read as LF). */
function literalByte(b: number): string {
  if (b === 0x28 || b === 0x29 || b === 0x5c) return `\\${String.fromCharCode(b)}`;
  if (b === 0x0d) return '\\r';
  return String.fromCharCode(b);
}

function utf16Hex(cp: number): string {
  if (cp <= 0xffff) return cp.toString(16).padStart(4, '0');
  const v = cp - 0x10000;
  return ((v >> 10) | 0xd800).toString(16) + ((v & 0x3ff) | 0xdc00).toString(16);
}
