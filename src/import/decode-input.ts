// Bytes → text for the CSV parser. Detects the encoding on the fly: UTF-8 unless a byte
// sequence is not valid UTF-8, in which case the file is a Windows-1252 (Latin-1) export and
// is decoded as such from there on (ASCII is the same in both, so nothing before is wrong
// unless UTF-8 accents came first: that mix is reported). Strips a BOM, counts bytes.
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

export function createDecoder(forced: string | undefined, onBytes?: (bytes: number) => void): { stream: Transform; info: DecodeInfo } {
  if (forced && !iconv.encodingExists(forced)) throw new Error(`unknown encoding "${forced}"`);
  const info: DecodeInfo = { encoding: forced ? forced.toLowerCase() : 'utf-8', bytes: 0, note: null };
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let fallback: ReturnType<typeof iconv.getDecoder> | null = forced ? iconv.getDecoder(forced) : null;
  let pending = Buffer.alloc(0);
  let sawNonAscii = false;
  let first = true;

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

  const stream = new Transform({
    readableObjectMode: false,
    decodeStrings: true,
    transform(chunk: Buffer, _enc, callback: TransformCallback) {
      info.bytes += chunk.length;
      onBytes?.(info.bytes);
      let text = decode(chunk, false);
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      callback(null, text);
    },
    flush(callback: TransformCallback) {
      const text = decode(Buffer.alloc(0), true);
      callback(null, text);
    },
  });
  return { stream, info };
}
