// Bytes → text for the CSV parser. Detects the encoding on the fly: UTF-16 when the file starts
// with its byte-order mark (Excel's "Unicode text" is UTF-16LE with FF FE) or with ASCII
// letters spelled as 16-bit units; else UTF-8 unless a byte sequence is not valid UTF-8, in which
// case the file is a Windows-1252 (Latin-1) export and is decoded as such from there on (ASCII is
// the same in both, so nothing before is wrong unless UTF-8 accents came first: that mix is
// reported). Strips a BOM, counts bytes.
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';

export interface DecodeInfo {
  encoding: string;
  bytes: number;
  /** Set when the encoding was detected as Windows-1252, or the file mixes encodings. */
  note: string | null;
}

/** How many bytes at the end of buf form an incomplete (so far valid) UTF-8 sequence. */
function incompleteTail(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** UTF-16 from the first bytes of a file, or null. */
export function detectUtf16(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // No byte-order mark: a header in ASCII has every other byte zero, which UTF-8 text never has.
  if (head.length >= 4 && head[0] !== 0 && head[1] === 0 && head[2] !== 0 && head[3] === 0) return 'utf-16le';
  if (head.length >= 4 && head[0] === 0 && head[1] !== 0 && head[2] === 0 && head[3] !== 0) return 'utf-16be';
  return null;
}

export function createDecoder(
  forced: string | undefined,
  onBytes?: (bytes: number) => void,
): { stream: Transform; info: DecodeInfo } {
  if (forced && !iconv.encodingExists(forced)) throw new Error(`unknown encoding "${forced}"`);
  const info: DecodeInfo = { encoding: forced ? forced.toLowerCase() : 'utf-8', bytes: 0, note: null };
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let fallback: ReturnType<typeof iconv.getDecoder> | null = forced ? iconv.getDecoder(forced) : null;
  let pending = Buffer.alloc(0);
  let sawNonAscii = false;
  let first = true;
  // The first bytes, held until there are enough to recognise UTF-16.
  let head: Buffer | null = forced ? null : Buffer.alloc(0);

  const decode = (buf: Buffer, final: boolean): string => {
    if (fallback) return fallback.write(buf) + (final ? (fallback.end() ?? '') : '');
    const all = pending.length ? Buffer.concat([pending, buf]) : buf;
    const cut = final ? all.length : all.length - incompleteTail(all);
    try {
      const text = utf8.decode(all.subarray(0, cut));
      if (!sawNonAscii && /[\u0080-\uffff]/.test(text)) sawNonAscii = true;
      pending = Buffer.from(all.subarray(cut));
      return text;
    } catch {
      info.encoding = 'windows-1252';
      info.note = sawNonAscii
        ? `the file mixes encodings: invalid UTF-8 after byte ${info.bytes - buf.length}; the rest was decoded as Windows-1252`
        : 'the file is not valid UTF-8: decoded as Windows-1252 (use --encoding to choose)';
      fallback = iconv.getDecoder('windows-1252');
      pending = Buffer.alloc(0);
      return fallback.write(all) + (final ? (fallback.end() ?? '') : '');
    }
  };

  const sniff = (bytes: Buffer): Buffer => {
    const utf16 = detectUtf16(bytes);
    if (utf16) {
      info.encoding = utf16;
      fallback = iconv.getDecoder(utf16);
    }
    return bytes;
  };
  const stripBom = (text: string): string => {
    if (!first || text.length === 0) return text;
    first = false;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };

  const stream = new Transform({
    readableObjectMode: false,
    decodeStrings: true,
    transform(chunk: Buffer, _enc, callback: TransformCallback) {
      info.bytes += chunk.length;
      onBytes?.(info.bytes);
      if (head) {
        head = Buffer.concat([head, chunk]);
        if (head.length < 4) return callback(null, '');
        chunk = sniff(head);
        head = null;
      }
      callback(null, stripBom(decode(chunk, false)));
    },
    flush(callback: TransformCallback) {
      const rest = head ? sniff(head) : Buffer.alloc(0);
      head = null;
      callback(null, stripBom(decode(rest, true)));
    },
  });
  return { stream, info };
}
