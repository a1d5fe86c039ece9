// A timestamptz as the API writes it (Date#toISOString: UTC, milliseconds, 'Z'), formatted by
// PostgreSQL. A list of 50 appointments has 250 timestamps: parsing each into a Date and printing
// it again was about a sixth of the list's CPU in the server (docs/api.md, "Latency").
// Both truncate microseconds to milliseconds, as postgres-date and Date do.
import { sql, type RawBuilder } from 'kysely';

/** The SQL text of the format, for raw SQL strings (the engine's payloads). */
export const ISO_INSTANT_FORMAT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** SQL for `column` (a reference such as `a.starts_at`) as an ISO 8601 UTC string, null stays null. */
export const isoInstantSql = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', ${ISO_INSTANT_FORMAT})`;

/** The same as a Kysely expression on a column reference. */
export const isoInstant = (ref: string): RawBuilder<string> =>
  sql<string>`to_char(${sql.ref(ref)} AT TIME ZONE 'UTC', ${sql.raw(ISO_INSTANT_FORMAT)})`;
