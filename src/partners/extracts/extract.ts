// What every partner extract provides: a fixed column list (the file's header and order), a
// file name, and the rows as pages read by keyset pagination (never the whole table at once).
// Each row comes from the query as one finished CSV line (csv_field() in migration 0501).
import type { Kysely } from 'kysely';
import type { DB, Location } from '../../db/schema.ts';
import { csvField, type CsvValue } from '../../domain/csv.ts';
import type { Partner, SettingsByPartner } from '../partners.ts';

export interface ExtractScope<P extends Partner = Partner> {
  orgId: number;
  location: Location;
  /** The day exported, YYYY-MM-DD in the location's time zone. */
  runOn: string;
  settings: SettingsByPartner[P];
}

export interface Extract<P extends Partner = Partner> {
  partner: P;
  columns: readonly string[];
  fileName(scope: ExtractScope<P>): string;
  /** Yields pages of CSV lines (without line end), fields in `columns` order. */
  pages(db: Kysely<DB>, scope: ExtractScope<P>, pageSize: number): AsyncGenerator<string[]>;
}

/**
 * Rows per keyset page. Measured (npm run bench -- --only exports): 1,000 keeps each page
 * short-lived enough that V8 frees it young; with 5,000 the pages got promoted to the old
 * generation and the sampled peak heap grew with the export size although live memory did not.
 */
export const DEFAULT_PAGE_SIZE = 1_000;

/** The location as a facility: its business name, address and phone, blank when unknown. */
export function facilityOf(location: Location) {
  return {
    name: location.business_name ?? location.name,
    address_line1: location.address_line1,
    address_line2: location.address_line2,
    city: location.city,
    region: location.region,
    postal_code: location.postal_code,
    country: location.country,
    phone: location.business_phone ?? location.phone,
  };
}

/** Fields that are the same on every line (the shop's), as one CSV fragment for the query. */
export const csvFragment = (values: readonly CsvValue[]) => values.map(csvField).join(',');

/** 2026-11-22 → 20261122, for file names. */
export const compactDate = (day: string) => day.replace(/-/g, '');

/** Keeps file names to letters, digits, dot, dash and underscore. */
export const safeName = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '_');
