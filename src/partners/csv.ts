// CSV as RFC 4180 says: CRLF line ends, fields quoted only when they hold a comma, a quote,
// CR or LF, and quotes doubled. UTF-8 without a byte-order mark.
export type CsvValue = string | number | boolean | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'boolean' ? (value ? 'Y' : 'N') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
