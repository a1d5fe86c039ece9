// Helpers for import tests: run importCsv on text or bytes and read back the report.
import { Readable, Writable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { importCsv, type ImportResult } from '../../src/import/import-csv.ts';
import type { ImportKind } from '../../src/import/types.ts';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

export interface ReportLine {
  line: string;
  severity: string;
  column: string;
  reason: string;
  value: string;
}

export async function runImport(
  db: Kysely<DB>,
  shop: { orgId: number; locationId: number },
  kind: ImportKind,
  content: string | Buffer,
  options: { encoding?: string; batchSize?: number; now?: Date; chunkBytes?: number; fileName?: string } = {},
): Promise<ImportResult & { report: ReportLine[]; reportText: string }> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  // Small chunks exercise sequences split across reads.
  const size = options.chunkBytes ?? 7;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  let reportText = '';
  const rejects = new Writable({
    write(chunk: Buffer, _enc, cb) {
      reportText += chunk.toString('utf8');
      cb();
    },
  });
  const result = await importCsv(db, {
    orgId: shop.orgId,
    locationId: shop.locationId,
    kind,
    input: Readable.from(chunks),
    rejects,
    encoding: options.encoding,
    batchSize: options.batchSize,
    now: options.now ?? new Date('2026-03-01T15:00:00Z'),
    fileName: options.fileName,
  });
  const report = reportText ? (parse(reportText, { columns: true }) as ReportLine[]) : [];
  return { ...result, report, reportText };
}

/** A CSV text from a header and rows (cells joined with commas, as written). */
export const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
