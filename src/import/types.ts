// What the import pipeline and each kind of file (customers, vehicles, repair orders,
// appointments) agree on.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../db/schema.ts';

export const IMPORT_KINDS = ['customers', 'vehicles', 'repair-orders', 'appointments'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** One line of the report: a rejected row (or one of its reasons), a warning, or a field filled from the VIN. */
export interface Problem {
  line: number;
  severity: 'rejected' | 'warning' | 'filled';
  column: string;
  reason: string;
  value?: string;
}

export interface ImportScope {
  orgId: number;
  locationId: number;
  timeZone: string;
  /** The location's today, 'YYYY-MM-DD'. */
  today: string;
  /** Fill missing make, model and year from the VIN (NHTSA vPIC). Default: on. */
  decodeVins?: boolean;
  /** The import's clock (the caller's ctx.now()): stamps what the import records, e.g. Do Not Mail. */
  now: Date;
  /** The imported file's name: the evidence of the consents it records (with the line). */
  file: string;
}

export interface ParsedRow<T> {
  line: number;
  value: T;
}

/** What gets written as a whole or not at all: one row, or one repair order with all its lines. */
export interface Unit<T> {
  key: string;
  rows: ParsedRow<T>[];
}

export type Outcome =
  'inserted' | 'updated' | 'unchanged' | { column: string; reason: string; line?: number; value?: string };

export interface ColumnSpec {
  name: string;
  required: boolean;
}

export interface KindSpec<T> {
  kind: ImportKind;
  /** What one unit is called in messages ("customer", "repair order"). */
  noun: string;
  columns: readonly ColumnSpec[];
  schema: z.ZodType<T>;
  /** Natural key of a row; rows with the same key are one unit when `grouped`, else duplicates. */
  key(value: T): string;
  keyColumn: string;
  grouped?: boolean;
  /** Checks across the rows of one unit (grouped kinds): a reason rejects the whole unit. */
  checkUnit?(rows: ParsedRow<T>[]): { line: number; column: string; reason: string } | null;
  /** Problems that do not stop the row (e.g. a VIN whose check digit is wrong). */
  warn?(value: T): { column: string; reason: string; value?: string }[];
  /** Writes units inside the caller's transaction; one outcome per unit, in order. */
  write(trx: Kysely<DB>, scope: ImportScope, units: Unit<T>[], warn: Warn): Promise<Outcome[]>;
}

/** Reports a warning found while writing (e.g. an unknown sales representative), or a filled field. */
export type Warn = (problem: {
  line: number;
  column: string;
  reason: string;
  value?: string;
  severity?: 'warning' | 'filled';
}) => void;

export class ImportError extends Error {}

/** The counts of an import, or of the part an interrupted one had settled. */
export interface ImportCounts {
  /** Counted in records of the kind: customers, vehicles, repair orders, appointments. */
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** CSV lines rejected (a rejected repair order rejects all its lines). */
  rejectedLines: number;
  warnings: number;
}

/** What an interrupted import had settled when it stopped. */
export interface ImportProgress extends ImportCounts {
  /** Every row up to this line is imported or in the report; nothing after it was written. */
  settledThrough: number;
}

/**
 * The import stopped part-way for a reason outside the file (the database went away, the disk
 * is full). The batches settled before it stay, and so do their lines in the report; running
 * the same import again finishes it (rows already in are left unchanged).
 */
export class ImportInterrupted extends Error {
  readonly progress: ImportProgress;
  constructor(message: string, progress: ImportProgress, options?: ErrorOptions) {
    super(message, options);
    this.progress = progress;
  }
}
