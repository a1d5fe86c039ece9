import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, csvLine, toCsv, toCsvLines } from './csv.ts';

describe('the CSV writer', () => {
  it('reads back, through csv-parse, as the values it was given', () => {
    const rows = [
      ['plain', 'a,b', 'say "hi"', 'line\nbreak', 'cr\rhere', 'crlf\r\nend', 'Émile Ça 東京', ' spaced ', ''],
    ];
    const text = toCsvLines(rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parse(text, { relax_column_count: false })).toEqual(rows);
  });

  it('quotes only what must be quoted, and writes booleans Y/N, numbers as they are, nothing for null', () => {
    expect(csvLine(['a', 'b c', 'd,e', true, false, 12.5, null, undefined])).toBe(
      'a,b c,"d,e",Y,N,12.5,,\r\n',
    );
    expect(csvField('"')).toBe('""""');
  });

  it('prefixes every would-be spreadsheet formula with an apostrophe, and leaves numbers and phones alone', () => {
    const guarded = ['=1+1', '=HYPERLINK("x")', '@SUM(A1)', '+cmd', '-cmd', '-', '\tTab', '\rCR'];
    for (const v of guarded) expect((parse(csvLine([v])) as string[][])[0]![0], v).toBe(`'${v}`);
    for (const v of ['-5', '+1 514-555-0100', '-.5', '- dash', 'a=b', 'x@y.example'])
      expect((parse(csvLine([v])) as string[][])[0]![0], v).toBe(v);
  });

  it('writes a table for people with a byte-order mark and a header line', () => {
    const text = toCsv(['name', 'note'], [{ name: 'Zoé', note: '=danger' }, { name: 'Luc' }]);
    expect(text).toBe("\uFEFFname,note\r\nZoé,'=danger\r\nLuc,\r\n");
    expect(toCsv(['a'], [])).toBe('\uFEFFa\r\n');
  });
});
