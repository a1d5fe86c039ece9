// Server-side sorting that keeps keyset pagination correct: a list sorted by a whitelisted column
// is ordered by (column, id) in one direction and continued after the last row's (column, id),
// so a page never repeats or skips a row, even among equal values. The cursor carries the sort it
// belongs to, the last row's key as PostgreSQL's own text of it (exact, microseconds included) and
// its id; a cursor of another sort, or forged, is refused as invalid input.
import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { AppError } from '../errors/app-error.ts';

export type SortType = 'text' | 'date' | 'timestamptz' | 'bigint';

export interface SortColumn {
  /** A column reference, e.g. `c.mailing_name`. */
  ref: string;
  type: SortType;
  /** Nulls sort as the smallest value ('' for text, -infinity for dates). */
  nullable?: boolean;
}

export type SortColumns = Record<string, SortColumn>;

export interface Sort {
  /** The query parameter as given: `name` (ascending) or `-name` (descending). */
  param: string;
  column: SortColumn;
  desc: boolean;
}

/** Every allowed value of a `sort` parameter: each column ascending, then each descending. */
export function sortValues(columns: SortColumns): [string, ...string[]] {
  const names = Object.keys(columns);
  return [...names, ...names.map((n) => `-${n}`)] as [string, ...string[]];
}

export function parseSort(columns: SortColumns, param: string): Sort {
  const desc = param.startsWith('-');
  const column = columns[desc ? param.slice(1) : param];
  if (!column)
    throw new AppError(400, 'invalid_input', `sort: not one of ${sortValues(columns).join(', ')}`, 'sort');
  return { param, column, desc };
}

/** A list's own order when no `sort` is given (e.g. newest first: `idSort(true)`), paged the same way. */
export function idSort(desc: boolean): Sort {
  return { param: desc ? '-id' : 'id', column: { ref: 'id', type: 'bigint' }, desc };
}

const NULL_FILL: Record<SortType, RawBuilder<unknown>> = {
  text: sql`''`,
  date: sql`'-infinity'::date`,
  timestamptz: sql`'-infinity'::timestamptz`,
  bigint: sql`-1`,
};

function keyOf(column: SortColumn): RawBuilder<unknown> {
  const ref = sql.ref(column.ref);
  return column.nullable ? sql`coalesce(${ref}, ${NULL_FILL[column.type]})` : sql`${ref}`;
}

const KEY_SHAPE: Record<SortType, RegExp> = {
  text: /^[\s\S]{0,400}$/,
  date: /^(-?infinity|\d{4}-\d{2}-\d{2})$/,
  timestamptz: /^(-?infinity|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2}){0,2})?)$/,
  bigint: /^-?\d{1,18}$/,
};

const badCursor = () =>
  new AppError(400, 'invalid_input', 'cursor: is not a cursor returned by this API for this sort', 'cursor');

export function decodeSortCursor(cursor: string, sort: Sort): { key: string; id: number } {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const c = v as { s?: unknown; k?: unknown; i?: unknown };
  if (
    !c ||
    c.s !== sort.param ||
    typeof c.k !== 'string' ||
    !KEY_SHAPE[sort.column.type].test(c.k) ||
    typeof c.i !== 'number' ||
    !Number.isSafeInteger(c.i) ||
    c.i < 0
  )
    throw badCursor();
  return { key: c.k, id: c.i };
}

export function encodeSortCursor(sort: Sort, key: string, id: number): string {
  return Buffer.from(JSON.stringify({ s: sort.param, k: key, i: id })).toString('base64url');
}

/**
 * Orders `q` by the sort column then `idRef`, in the sort's direction, continues after the
 * cursor's row, fetches limit + 1 rows and selects the row's key as `sort_key` (for the next cursor).
 */
export function keysetSorted<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  sort: Sort,
  idRef: string,
  cursor: string | undefined,
  limit: number,
): SelectQueryBuilder<DB, TB, O & { sort_key: string }> {
  const key = keyOf(sort.column);
  const id = sql.ref(idRef);
  let r = q.select(sql<string>`(${key})::text`.as('sort_key')) as unknown as SelectQueryBuilder<
    DB,
    TB,
    O & { sort_key: string }
  >;
  if (cursor) {
    const after = decodeSortCursor(cursor, sort);
    r = r.where(
      sql<boolean>`(${key}, ${id}) ${sql.raw(sort.desc ? '<' : '>')} (CAST(${after.key} AS ${sql.raw(sort.column.type)}), ${after.id}::bigint)`,
    );
  }
  const dir = sort.desc ? 'desc' : 'asc';
  return r
    .orderBy(key, dir)
    .orderBy(id, dir)
    .limit(limit + 1);
}

/** The page of rows fetched by keysetSorted (limit + 1 rows) and its next cursor. */
export function sortedPage<T extends { id: number; sort_key: string }, U>(
  rows: T[],
  limit: number,
  sort: Sort,
  present: (row: Omit<T, 'sort_key'>) => U,
): { items: U[]; next_cursor: string | null } {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  return {
    items: items.map(({ sort_key: _k, ...row }) => present(row)),
    next_cursor: more && last ? encodeSortCursor(sort, last.sort_key, last.id) : null,
  };
}
