// Database constraint violations become clear 4xx answers naming the field, never a 500.
// The database is the last line of defence (double booking under concurrency, unique keys).
import { HttpError } from '../errors.ts';

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  table?: string;
}

// "Key (org_id, lower(email::text))=(…) already exists": the last column that is not a tenant key,
// unwrapped from the index expression (lower(email::text) → email).
const keyField = (detail: string | undefined): string | undefined => {
  const m = /Key \((.*?)\)=\(/.exec(detail ?? '');
  return m?.[1]
    ?.split(',')
    .map((s) => unwrap(s.trim()))
    .filter((c) => c !== 'org_id' && c !== 'location_id')
    .at(-1);
};

function unwrap(expression: string): string {
  let e = expression.replace(/::[\w ]+/g, '');
  for (let m = /^\w+\((.*)\)$/.exec(e); m; m = /^\w+\((.*)\)$/.exec(e)) e = m[1]!.trim();
  return e;
}

/** Check constraints named by PostgreSQL (a table-level CHECK gets table_checkN): the field to name. */
const CHECK_FIELDS: Record<string, string> = {
  appointments_check: 'ends_at',
};

function checkField(constraint: string | undefined, table: string | undefined): string | undefined {
  if (!constraint) return undefined;
  const known = CHECK_FIELDS[constraint.replace(/\d+$/, '')];
  if (known) return known;
  // A column's CHECK is named table_column_check: name the column.
  if (!table || !constraint.startsWith(`${table}_`)) return undefined;
  return /^(\w+?)_check\d*$/.exec(constraint.slice(table.length + 1))?.[1];
}

export function mapDbError(err: unknown): unknown {
  if (err instanceof HttpError || typeof err !== 'object' || err === null) return err;
  const e = err as PgError;
  switch (e.code) {
    case '23P01': {
      if (e.constraint?.includes('courtesy'))
        return new HttpError(
          409,
          'conflict',
          'The courtesy vehicle is already reserved at that time',
          'courtesy_vehicle_id',
        );
      if (e.constraint?.includes('mechanic'))
        return new HttpError(409, 'conflict', 'The mechanic is already booked at that time', 'mechanic_id');
      return new HttpError(409, 'conflict', 'This overlaps another booking');
    }
    case '23505': {
      const field = keyField(e.detail);
      return new HttpError(
        409,
        'already_exists',
        field ? `Another record already has this ${field}` : 'This record already exists',
        field,
      );
    }
    case '23503': {
      const field = keyField(e.detail);
      if (e.detail?.includes('still referenced'))
        return new HttpError(
          409,
          'in_use',
          `This record is still used by ${e.table ?? 'other records'}; remove those first`,
        );
      return new HttpError(
        404,
        'not_found',
        field ? `${field}: no such record` : 'A referenced record does not exist',
        field,
      );
    }
    case '23514': {
      // The constraint's name is ours, not the reader's: name the field instead.
      const field = checkField(e.constraint, e.table);
      return new HttpError(
        400,
        'invalid_input',
        field ? `${field}: this value is not allowed here` : 'A value is not allowed here',
        field,
      );
    }
    case '23502':
      return new HttpError(400, 'invalid_input', 'A required value is missing');
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return new HttpError(400, 'invalid_input', 'A value has the wrong format or is out of range');
    default:
      return err;
  }
}
