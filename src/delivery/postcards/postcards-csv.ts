// The same list as the batch PDF, as CSV for a mail merge in a word processor (the project's one
// CSV writer: RFC 4180, UTF-8 with BOM, would-be formulas quoted with an apostrophe).
import { toCsv, type CsvValue } from '../../domain/csv.ts';

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

const COLUMNS: Array<keyof PostcardRow> = [
  'message_id',
  'kind',
  'language',
  'mailing_name',
  'address_line1',
  'address_line2',
  'city',
  'region',
  'postal_code',
  'country',
  'vehicle',
  'plate',
  'headline',
  'text',
];

export function postcardsCsv(rows: PostcardRow[]): string {
  return toCsv(COLUMNS, rows as unknown as ReadonlyArray<Record<string, CsvValue>>);
}
