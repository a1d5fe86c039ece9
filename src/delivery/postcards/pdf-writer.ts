// A minimal PDF 1.7 file writer: numbered objects appended as they are ready (any order), Flate
// streams, cross-reference table and trailer at the end. It knows nothing about pages or fonts;
// render-postcards-pdf.ts and pdf-font.ts build those objects.
import { createHash } from 'node:crypto';
import { deflateSync, type ZlibOptions } from 'node:zlib';

// A page's text is a few KB: a 4 KB window compresses it as well as the default 32 KB one, and
// zlib then sets up (and clears) an eighth of the memory for each of thousands of streams.
const SMALL = 65_536;
const SMALL_STREAM: ZlibOptions = { windowBits: 12, memLevel: 4 };

export class PdfWriter {
  readonly #chunks: Buffer[] = [];
  #length = 0;
  readonly #offsets: number[] = [0];
  #next = 1;

  constructor() {
    // The binary comment line tells transfer tools the file is not text.
    this.#push(Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n', 'latin1'));
  }

  /** Reserves an object number, to reference an object before writing it. */
  ref(): number {
    return this.#next++;
  }

  object(num: number, body: string): void {
    this.#offsets[num] = this.#length;
    this.#push(Buffer.from(`${num} 0 obj\n${body}\nendobj\n`, 'latin1'));
  }

  /** A stream object; `dict` holds extra entries (Length and Filter are added). */
  stream(num: number, data: string | Uint8Array, options: { dict?: string; compress?: boolean } = {}): void {
    const raw = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    const body = options.compress === false ? raw : deflateSync(raw, raw.length <= SMALL ? SMALL_STREAM : {});
    const filter = options.compress === false ? '' : ' /Filter /FlateDecode';
    this.#offsets[num] = this.#length;
    this.#push(
      Buffer.from(
        `${num} 0 obj\n<< /Length ${body.length}${filter}${options.dict ? ` ${options.dict}` : ''} >>\nstream\n`,
        'latin1',
      ),
    );
    this.#push(body);
    this.#push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  }

  /**
   * Cross-reference table and trailer; every reserved object must have been written. The trailer's
   * /ID (required when a file is meant to be exchanged, ISO 32000-1 14.4) is a hash of the content.
   */
  finish(root: number, info: number): Buffer {
    const start = this.#length;
    const lines = [`xref\n0 ${this.#next}\n0000000000 65535 f \n`];
    for (let n = 1; n < this.#next; n++) {
      const at = this.#offsets[n];
      if (at === undefined) throw new Error(`PDF object ${n} was reserved but never written`);
      lines.push(`${String(at).padStart(10, '0')} 00000 n \n`);
    }
    const hash = createHash('md5');
    for (const c of this.#chunks) hash.update(c);
    const id = hash.digest('hex').toUpperCase();
    lines.push(
      `trailer\n<< /Size ${this.#next} /Root ${root} 0 R /Info ${info} 0 R /ID [<${id}> <${id}>] >>\nstartxref\n${start}\n%%EOF\n`,
    );
    this.#push(Buffer.from(lines.join(''), 'latin1'));
    return Buffer.concat(this.#chunks, this.#length);
  }

  #push(b: Uint8Array): void {
    this.#chunks.push(b as Buffer);
    this.#length += b.length;
  }
}

/** A PDF text string: ASCII as a literal, anything else as UTF-16BE hex with a byte-order mark. */
export function pdfString(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[\\()]/g, '\\$&')})`;
  return `<FEFF${Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}

/** D:YYYYMMDDHHmmSSZ */
export function pdfDate(d: Date): string {
  return `(D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z)`;
}

/** A number as PDF operators want it: at most 3 decimals, no exponent. */
export function num(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
