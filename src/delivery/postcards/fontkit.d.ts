// The part of fontkit (https://github.com/foliojs/fontkit, no bundled types) the postcard PDF uses.
declare module 'fontkit' {
  export interface Glyph {
    id: number;
    advanceWidth: number;
    codePoints: number[];
    bbox: { minX: number; minY: number; maxX: number; maxY: number };
  }
  export interface Subset {
    /** The glyph's id in the subset (added on first use; 0 is always .notdef). */
    includeGlyph(glyph: number | Glyph): number;
    /** The subset's original glyph ids, by subset id (composite parts are added by encode). */
    glyphs: number[];
    encode(): Uint8Array;
  }
  export interface Font {
    postscriptName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    lineGap: number;
    capHeight?: number;
    xHeight?: number;
    italicAngle: number;
    bbox: { minX: number; minY: number; maxX: number; maxY: number };
    post: { isFixedPitch: number | boolean };
    head: { macStyle: { italic: boolean } };
    'OS/2'?: { sFamilyClass?: number };
    glyphForCodePoint(codePoint: number): Glyph;
    getGlyph(id: number): Glyph;
    createSubset(): Subset;
  }
  export function create(buffer: Buffer | Uint8Array): Font;
}
