// The one CSV writer of the project (csv-stringify, the sibling of the csv-parse the import reads
// with): RFC 4180 — CRLF line ends, a field quoted only when it holds a comma, a quote, CR or LF,
// quotes doubled — and every text cell that a spreadsheet would run as a formula (=, @, a tab or CR,
// or + and - not starting a number) prefixed with an apostrophe, since these files are opened in
// spreadsheets and word processors. The database's csv_field() (migration 0840) applies the same
// rules to the partner extracts built in SQL; a test keeps the two equal.
import { stringify } from 'csv-stringify/sync';

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA = /^(?:[=@\t\r]|[+-](?![\d .]))/;

/** The cell as a spreadsheet should show it: a would-be formula gets a leading apostrophe. */
export function safeCell(value: string): string {
  return FORMULA.test(value) ? `'${value}` : value;
}

const OPTIONS = {
  record_delimiter: 'windows',
  eof: true,
  // csv-stringify quotes on the whole CRLF delimiter only; a lone CR or LF must be quoted too.
  quoted_match: /[\r\n]/,
  cast: {
    boolean: (v: boolean) => (v ? 'Y' : 'N'),
    string: (v: string) => safeCell(v),
    number: (v: number) => String(v),
  },
} as const;

/** Lines of CSV, each ended by CRLF. `bom` adds the UTF-8 byte-order mark spreadsheets need for accents. */
export function toCsvLines(
  rows: ReadonlyArray<readonly CsvValue[]>,
  options: { bom?: boolean } = {},
): string {
  if (rows.length === 0) return options.bom ? '\uFEFF' : '';
  return stringify(rows as CsvValue[][], { ...OPTIONS, bom: options.bom ?? false });
}

/** One CSV line ended by CRLF. */
export function csvLine(values: readonly CsvValue[]): string {
  return toCsvLines([values]);
}

/** One field, quoted when it must be (no line end): for the SQL-built partner lines' JS parts. */
export function csvField(value: CsvValue): string {
  return csvLine([value]).slice(0, -2);
}

/** A table with a header line, for people: UTF-8 with byte-order mark. */
export function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, CsvValue>>): string {
  return toCsvLines([columns, ...rows.map((r) => columns.map((c) => r[c]))], { bom: true });
}
