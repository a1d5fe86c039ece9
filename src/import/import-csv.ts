// importCsv: streams a CSV file of one kind into a location. Rows are validated (zod) one by
// one, good rows are written in batches of whole units (a row, or a repair order with all
// its lines), each batch in one transaction with upserts on the natural key; a batch the
// database refuses is retried unit by unit so only the bad unit is rejected. Bad rows go to
// the report with line, column and reason.
import type { Readable, Writable } from 'node:stream';
import { parse } from 'csv-parse';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { createDecoder } from './decode-input.ts';
import { describeDbError, isDataError } from './db-errors.ts';
import { KIND_SPECS } from './kinds/index.ts';
import { createReportWriter, type ReportWriter } from './report-writer.ts';
import { splitHeader, type Delimiter } from './split-header.ts';
import {
  ImportError,
  ImportInterrupted,
  type ImportCounts,
  type ImportKind,
  type ImportScope,
  type KindSpec,
  type Outcome,
  type ParsedRow,
  type Problem,
  type Unit,
  type Warn,
} from './types.ts';

export interface ImportOptions {
  orgId: number;
  locationId: number;
  kind: ImportKind;
  input: Readable;
  /** Force an encoding (e.g. 'windows-1252'); default: detect UTF-8 vs Windows-1252. */
  encoding?: string;
  /** Bytes read so far. */
  onProgress?: (bytes: number) => void;
  /** Where the report (rejected rows and warnings) is written as CSV. */
  rejects: Writable;
  batchSize?: number;
  /** The caller's clock (ctx.now()): gives the location's today and stamps what is recorded. */
  now: Date;
  /** Fill missing make, model and year of vehicles from the VIN (default: true). */
  decodeVins?: boolean;
  /** The file's name, recorded as the evidence of the consents it carries (default "import"). */
  fileName?: string;
  /** How many problems the result lists in `samples` (default 15; the API lists more). */
  sampleSize?: number;
}

export interface ImportResult extends ImportCounts {
  /** Fields filled from the VIN (each one is a 'filled' line of the report). */
  filled: number;
  encoding: string;
  encodingNote: string | null;
  /** The field delimiter read from the header: comma, tab or semicolon. */
  delimiter: Delimiter;
  /** Set when the file could not be read to its end (malformed CSV): what was before is imported. */
  stoppedAt: string | null;
  samples: Problem[];
  byReason: [string, number][];
}

const normalizeHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s\-.]+/g, '_');

export async function importCsv(db: Kysely<DB>, options: ImportOptions): Promise<ImportResult> {
  const location = await db
    .selectFrom('locations')
    .select(['time_zone'])
    .where('org_id', '=', options.orgId)
    .where('id', '=', options.locationId)
    .executeTakeFirst();
  if (!location)
    throw new ImportError(`location ${options.locationId} does not exist in organization ${options.orgId}`);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: location.time_zone }).format(options.now);
  const scope: ImportScope = {
    orgId: options.orgId,
    locationId: options.locationId,
    timeZone: location.time_zone,
    today,
    now: options.now,
    decodeVins: options.decodeVins ?? true,
    file: options.fileName ?? 'import',
  };
  const spec = KIND_SPECS[options.kind] as KindSpec<unknown>;
  const report = createReportWriter(options.rejects, options.sampleSize);
  let decoder: ReturnType<typeof createDecoder>;
  try {
    decoder = createDecoder(options.encoding, options.onProgress);
  } catch (err) {
    throw new ImportError((err as Error).message);
  }
  // Bytes → text (encoding detected) → the delimiter read from the header → CSV records.
  options.input.on('error', (err) => decoder.stream.destroy(err));
  decoder.stream.setEncoding('utf8');
  options.input.pipe(decoder.stream);
  const { delimiter, rest: text } = await splitHeader(decoder.stream);
  const result = { imported: 0, updated: 0, unchanged: 0, rejected: 0 };
  let headerWarnings: Problem[] = [];

  const parser = parse({
    columns: (header: string[]) => {
      const names = header.map(normalizeHeader);
      const dup = names.find((n, i) => n !== '' && names.indexOf(n) !== i);
      if (dup) throw new ImportError(`the header names column "${dup}" twice`);
      const missing = spec.columns.filter((c) => c.required && !names.includes(c.name)).map((c) => c.name);
      if (missing.length) {
        throw new ImportError(
          `missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')} (nothing was imported; see docs/import.md for the ${options.kind} columns)`,
        );
      }
      const known = new Set(spec.columns.map((c) => c.name));
      headerWarnings = names
        .filter((n) => n !== '' && !known.has(n))
        .map((n) => ({
          line: 1,
          severity: 'warning' as const,
          column: n,
          reason: 'unknown column, ignored',
        }));
      return names;
    },
    delimiter,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    // A malformed record (bad quoting) is reported and skipped instead of ending the read.
    skip_records_with_error: true,
  });
  const skipped: { lines?: number; message: string }[] = [];
  parser.on('skip', (err: { lines?: number; message: string }) => skipped.push(err));
  const reportSkipped = async () => {
    for (const e of skipped.splice(0)) {
      await report.add({
        line: e.lines ?? 0,
        severity: 'rejected',
        column: '',
        reason: `malformed CSV: ${e.message}`,
      });
      result.rejected++;
    }
  };
  text.on('error', (err) => parser.destroy(err));
  text.pipe(parser);

  const batchSize = options.batchSize ?? 500;
  let pending = new Map<string, Unit<unknown>>();
  // Keys already written (or rejected) in earlier batches, with their first line: a second
  // row with the same key is a duplicate (or, for repair orders, a line too far from its RO).
  const seen = new Map<string, number>();
  const badUnits = new Map<string, { line: number; column: string; reason: string }>();
  let stoppedAt: string | null = null;

  // The last line of the units settled so far (written, unchanged or reported): what an
  // interrupted import says it got through.
  const progress = { settledThrough: 0 };
  const flush = async () => {
    const units = [...pending.values()];
    pending = new Map();
    await writeUnits(db, spec, scope, units, badUnits, report, result, progress);
  };

  try {
    try {
      for await (const record of parser as AsyncIterable<{
        record: Record<string, string>;
        info: { lines: number; error?: unknown; columns: unknown[] };
      }>) {
        await reportSkipped();
        if (headerWarnings.length) {
          for (const w of headerWarnings) await report.add(w);
          headerWarnings = [];
        }
        // info.lines is where the record ends; a quoted field may span lines.
        const newlines = Object.values(record.record).reduce(
          (n, v) => n + (v ? v.split('\n').length - 1 : 0),
          0,
        );
        const line = record.info.lines - newlines;
        if (record.info.error) {
          await report.add({
            line,
            severity: 'rejected',
            column: '',
            reason: `the row has ${Object.keys(record.record).filter((k) => record.record[k] !== undefined).length < record.info.columns.length ? 'fewer' : 'more'} fields than the header (${record.info.columns.length})`,
          });
          continue;
        }
        const parsed = spec.schema.safeParse(record.record);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) {
            const column = String(issue.path[0] ?? '');
            await report.add({
              line,
              severity: 'rejected',
              column,
              reason: issue.message,
              value: record.record[column],
            });
          }
          // A bad line rejects its whole repair order.
          const groupKey = spec.grouped ? record.record[spec.keyColumn]?.trim() : undefined;
          if (groupKey) {
            if (!badUnits.has(groupKey))
              badUnits.set(groupKey, {
                line,
                column: String(parsed.error.issues[0]?.path[0] ?? ''),
                reason: 'invalid line',
              });
            if (!pending.has(groupKey) && !seen.has(groupKey))
              pending.set(groupKey, { key: groupKey, rows: [] });
          }
          result.rejected += spec.grouped ? 0 : 1;
          continue;
        }
        const value = parsed.data;
        for (const w of spec.warn?.(value) ?? []) await report.add({ line, severity: 'warning', ...w });
        const key = spec.key(value);
        const row: ParsedRow<unknown> = { line, value };
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          const reason = spec.grouped
            ? `${spec.noun} ${key} was already imported from lines starting at ${earlier}: the lines of one ${spec.noun} must be within ${batchSize} ${spec.noun}s of each other`
            : `duplicate ${spec.keyColumn} "${key}" (first on line ${earlier})`;
          await report.add({ line, severity: 'rejected', column: spec.keyColumn, reason, value: key });
          result.rejected += spec.grouped ? 0 : 1;
          continue;
        }
        const unit = pending.get(key);
        if (unit) {
          if (!spec.grouped) {
            await report.add({
              line,
              severity: 'rejected',
              column: spec.keyColumn,
              reason: `duplicate ${spec.keyColumn} "${key}" (first on line ${unit.rows[0]?.line ?? line})`,
              value: key,
            });
            result.rejected++;
            continue;
          }
          unit.rows.push(row);
          continue;
        }
        // A new unit: write the batch first if it is full (a grouped unit's lines may still come
        // while it is not the oldest, so it is only closed when the batch is).
        if (pending.size >= batchSize) await flushAndRemember();
        pending.set(key, { key, rows: [row] });
      }
    } catch (err) {
      if (err instanceof ImportError) throw err;
      const e = err as Error & { code?: string; lines?: number };
      if (!e.code?.startsWith('CSV_')) throw err;
      stoppedAt = `line ${e.lines ?? '?'}: ${e.message}`;
      await report.add({
        line: e.lines ?? 0,
        severity: 'rejected',
        column: '',
        reason: `the file cannot be read from here on: ${e.message}`,
      });
    }
    await reportSkipped();
    await flushAndRemember();
    if (decoder.info.note)
      await report.add({ line: 0, severity: 'warning', column: '', reason: decoder.info.note });
  } catch (err) {
    if (err instanceof ImportError) throw err;
    // Not the file's fault (the database went away, the disk is full): what is settled stays.
    throw new ImportInterrupted(
      (err as Error).message,
      {
        ...result,
        rejectedLines: report.counts.rejectedLines,
        warnings: report.counts.warnings,
        settledThrough: progress.settledThrough,
      },
      { cause: err },
    );
  }
  return {
    ...result,
    rejectedLines: report.counts.rejectedLines,
    warnings: report.counts.warnings,
    filled: report.counts.filled,
    encoding: decoder.info.encoding,
    encodingNote: decoder.info.note,
    delimiter,
    stoppedAt,
    samples: report.samples,
    byReason: [...report.byReason.entries()].sort((a, b) => b[1] - a[1]),
  };

  async function flushAndRemember() {
    for (const unit of pending.values())
      seen.set(unit.key, unit.rows[0]?.line ?? badUnits.get(unit.key)?.line ?? 0);
    await flush();
  }
}

async function writeUnits(
  db: Kysely<DB>,
  spec: KindSpec<unknown>,
  scope: ImportScope,
  all: Unit<unknown>[],
  badUnits: Map<string, { line: number; column: string; reason: string }>,
  report: ReportWriter,
  result: { imported: number; updated: number; unchanged: number; rejected: number },
  progress: { settledThrough: number },
): Promise<void> {
  const settle = (unit: Unit<unknown>) => {
    for (const row of unit.rows) progress.settledThrough = Math.max(progress.settledThrough, row.line);
  };
  const units: Unit<unknown>[] = [];
  for (const unit of all) {
    const bad = badUnits.get(unit.key);
    const check = bad ? null : spec.checkUnit?.(unit.rows);
    if (bad || check) {
      const why = bad
        ? `line ${bad.line} of this ${spec.noun} is invalid`
        : `${check!.reason} (line ${check!.line})`;
      if (check)
        await report.add({
          line: check.line,
          severity: 'rejected',
          column: check.column,
          reason: check.reason,
        });
      for (const row of unit.rows) {
        if (check && row.line === check.line) continue;
        await report.add({
          line: row.line,
          severity: 'rejected',
          column: spec.keyColumn,
          reason: `${spec.noun} ${unit.key} rejected whole: ${why}`,
          value: unit.key,
        });
      }
      badUnits.delete(unit.key);
      result.rejected++;
      settle(unit);
      continue;
    }
    units.push(unit);
  }
  if (units.length === 0) return;
  let outcomes: Outcome[];
  let interrupted: unknown = null;
  let warnings: Problem[] = [];
  const warn: Warn = (p) => warnings.push({ ...p, severity: p.severity ?? 'warning' });
  try {
    outcomes = await db.transaction().execute((trx) => spec.write(trx, scope, units, warn));
  } catch {
    // The database refused something in the batch: find which unit, one at a time.
    outcomes = [];
    warnings = [];
    for (const unit of units) {
      try {
        outcomes.push(...(await db.transaction().execute((trx) => spec.write(trx, scope, [unit], warn))));
      } catch (err) {
        // A refusal of this unit's data is reported; anything else (connection lost, disk
        // full) would refuse every row: stop, after recording the units already written.
        if (!isDataError(err)) {
          interrupted = err;
          break;
        }
        outcomes.push(describeDbError(err));
      }
    }
  }
  await report.addMany(warnings);
  for (let i = 0; i < outcomes.length; i++) {
    const outcome = outcomes[i]!;
    const unit = units[i]!;
    if (outcome === 'inserted') result.imported++;
    else if (outcome === 'updated') result.updated++;
    else if (outcome === 'unchanged') result.unchanged++;
    else {
      result.rejected++;
      for (const row of unit.rows) {
        const first = row.line === (outcome.line ?? unit.rows[0]!.line);
        await report.add({
          line: row.line,
          severity: 'rejected',
          column: first ? outcome.column : spec.keyColumn,
          reason: first
            ? outcome.reason
            : `${spec.noun} ${unit.key} rejected whole: ${outcome.reason} (line ${outcome.line ?? unit.rows[0]!.line})`,
          value: first ? outcome.value : unit.key,
        });
      }
    }
    settle(unit);
  }
  if (interrupted) throw interrupted;
}
