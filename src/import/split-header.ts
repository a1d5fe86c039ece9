// The field delimiter, chosen from the header line: a comma, or a tab (Excel's "Unicode text"
// and "Text (tab delimited)"), or a semicolon (Excel's CSV where the decimal mark is a comma,
// as in French). Reads decoded text up to the end of the header, then hands back the whole text.
import { Readable } from 'node:stream';

export type Delimiter = ',' | '\t' | ';';

/** The delimiter the header line uses most, outside quotes; a comma when it has none. */
export function pickDelimiter(header: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === '\t' || ch === ';')) counts[ch]++;
  }
  const best = (Object.keys(counts) as Delimiter[]).sort((a, b) => counts[b] - counts[a])[0]!;
  return counts[best] > 0 ? best : ',';
}

export async function splitHeader(text: Readable): Promise<{ delimiter: Delimiter; rest: Readable }> {
  const chunks = text[Symbol.asyncIterator]() as AsyncIterator<string>;
  let start = '';
  for (;;) {
    const newline = start.search(/[\r\n]/);
    if (newline >= 0) break;
    const next = await chunks.next();
    if (next.done) break;
    start += String(next.value);
  }
  const newline = start.search(/[\r\n]/);
  const delimiter = pickDelimiter(newline >= 0 ? start.slice(0, newline) : start);
  async function* all() {
    if (start) yield start;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield String(next.value);
    }
  }
  return { delimiter, rest: Readable.from(all(), { objectMode: false }) };
}
