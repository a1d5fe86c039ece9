// Keyset pagination on id: stable under inserts, index-driven, no OFFSET scans.
import { HttpError } from '../errors.ts';

export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(n) || n < 0)
    throw new HttpError(400, 'invalid_input', 'cursor: is not a cursor returned by this API', 'cursor');
  return n;
}

/** Rows were fetched with limit + 1: the extra row tells whether there is a next page. */
export function pageOf<T extends { id: number }, U>(
  rows: T[],
  limit: number,
  present: (row: T) => U,
): { items: U[]; next_cursor: string | null } {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  return {
    items: items.map(present),
    next_cursor: more && last ? Buffer.from(String(last.id)).toString('base64url') : null,
  };
}
