// POST /api/v1/locations/:locationId/imports/<kind>: one CSV file (customers, vehicles, repair
// orders or appointments) imported into a location by the import module (src/import), as
// `relance import` does: rows checked one by one, good ones written in batches of whole units,
// bad ones reported with line, column and reason — here in the reader's language. A file the
// import refuses whole (a required column missing) writes nothing and answers 400.
import { Writable } from 'node:stream';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { audit } from '../../../accounts/audit.ts';
import type { Permission } from '../../../accounts/permissions.ts';
import {
  IMPORT_REASON_CODES,
  importReasonCode,
  translateImportReason,
  type ImportReasonCode,
} from '../../../i18n/import-reasons.ts';
import { importCsv } from '../../../import/import-csv.ts';
import { ImportError, type ImportKind } from '../../../import/types.ts';
import { HttpError } from '../../errors.ts';
import { requestLanguage } from '../../request-language.ts';
import { defineRoute, type ApiRoute, type ExampleIds } from '../define.ts';
import { id } from '../schemas.ts';

/** The largest file one request takes (a shop's yearly repair orders fit; the CLI has no limit). */
export const IMPORT_MAX_BYTES = 32 * 1024 * 1024;
/** Problems listed in the answer; the counts cover them all. */
export const IMPORT_PROBLEMS_LISTED = 1000;

const problemOut = z.object({
  line: z.number().int(),
  severity: z.enum(['rejected', 'warning', 'filled']),
  column: z.string(),
  code: z.enum(IMPORT_REASON_CODES as [ImportReasonCode, ...ImportReasonCode[]]).meta({
    description:
      "The reason's stable code (the same in every language); `reason` is its wording in the reader's language",
  }),
  reason: z.string(),
  value: z.string().nullable(),
});

export const importOut = z.object({
  kind: z.enum(['customers', 'vehicles', 'repair-orders', 'appointments']),
  file_name: z.string(),
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  rejected_lines: z.number().int(),
  warnings: z.number().int(),
  filled: z.number().int(),
  encoding: z.string(),
  delimiter: z.string(),
  /** Set when the file could not be read to its end (malformed CSV): the rows before are imported. */
  stopped_at: z.string().nullable(),
  /** The first problems (rejected rows, warnings, fields filled from the VIN), in file order. */
  problems: z.array(problemOut),
  problems_total: z.number().int(),
});

const EXAMPLES: Record<ImportKind, (ids: ExampleIds) => string> = {
  customers: () =>
    'customer_number,first_name,last_name,email,language\nC-1001,Ana,Roy,ana@example.test,fr\n',
  vehicles: () => 'vin,customer_number,plate\n1HGCM82633A004352,C-1001,ABC123\n',
  'repair-orders': () =>
    'ro_number,opened_on,line_kind,description,vin,customer_number\nRO-5001,2026-03-02,labor,Oil change,1HGCM82633A004352,C-1001\n',
  appointments: () =>
    'external_ref,starts_at,customer_number,duration_minutes\nA-77,2026-03-02 09:30,C-1001,60\n',
};

const noWhere = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

export function importRoute(kind: ImportKind, auth: Permission, noun: string): ApiRoute {
  return defineRoute({
    method: 'POST',
    path: `/locations/:locationId/imports/${kind}`,
    summary: `Import a CSV file of ${noun} into a location (body: the file, Content-Type text/csv)`,
    tag: 'Imports',
    auth,
    isolation: 'tenant',
    upload: { contentType: 'text/csv', maxBytes: IMPORT_MAX_BYTES },
    params: z.strictObject({ locationId: id }),
    query: z.strictObject({ file_name: z.string().trim().min(1).max(200).default(`${kind}.csv`) }),
    response: importOut,
    example: (ids) => ({
      params: { locationId: ids.locationId },
      query: { file_name: `${kind}.csv` },
      body: EXAMPLES[kind](ids),
    }),
    async handler({ db, s, scope, params, query, body, now, request }) {
      const location = s.location(params.locationId);
      const language = requestLanguage(request);
      let result;
      try {
        result = await importCsv(db, {
          orgId: location.org_id,
          locationId: location.location_id,
          kind,
          input: Readable.from([body as unknown as Buffer]),
          rejects: noWhere(),
          sampleSize: IMPORT_PROBLEMS_LISTED,
          now,
          fileName: query.file_name,
        });
      } catch (err) {
        if (!(err instanceof ImportError)) throw err;
        throw new HttpError(
          400,
          'invalid_file',
          `The file was refused, nothing was imported: ${err.message}`,
          undefined,
          {
            detail: translateImportReason(language, err.message),
          },
        );
      }
      const counts = {
        imported: result.imported,
        updated: result.updated,
        unchanged: result.unchanged,
        rejected: result.rejected,
        rejected_lines: result.rejectedLines,
        warnings: result.warnings,
        filled: result.filled,
      };
      await audit(
        db,
        scope,
        'import',
        'import',
        kind,
        { file: query.file_name, ...counts },
        now,
        location.location_id,
      );
      return {
        kind,
        file_name: query.file_name,
        ...counts,
        encoding: result.encoding,
        delimiter: result.delimiter,
        stopped_at: result.stoppedAt,
        problems: result.samples.map((p) => ({
          line: p.line,
          severity: p.severity,
          column: p.column,
          code: importReasonCode(p.reason),
          reason: translateImportReason(language, p.reason),
          value: p.value ?? null,
        })),
        problems_total: result.byReason.reduce((n, [, count]) => n + count, 0),
      };
    },
  });
}
