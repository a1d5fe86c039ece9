// The same list as the batch PDF, as CSV for a mail merge in a word processor (RFC 4180, UTF-8
// with BOM so spreadsheet programs read accents right).
export interface PostcardRow {
  message_id: number;
  kind: string;
  language: string;
  mailing_name: string;
  address_line1: string;
  address_line2: string;
  city: string;
  region: string;
  postal_code: string;
  country: string;
  vehicle: string;
  plate: string;
  headline: string;
  text: string;
}

const COLUMNS: Array<keyof PostcardRow> = ['message_id', 'kind', 'language', 'mailing_name', 'address_line1', 'address_line2', 'city', 'region', 'postal_code', 'country', 'vehicle', 'plate', 'headline', 'text'];

function cell(v: string | number): string {
  const s = String(v);
  // A leading = + - @ would run as a formula in a spreadsheet: quote it with an apostrophe.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function postcardsCsv(rows: PostcardRow[]): string {
  return `\uFEFF${[COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))].join('\r\n')}\r\n`;
}
