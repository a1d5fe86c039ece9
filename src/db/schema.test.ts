// schema.ts (Kysely's view of the tables) against the migrated database: every table and column
// named there exists, every column of the database is named there, and a column may hold NULL
// exactly when its TypeScript type says so. The TypeScript checker reads schema.ts, so aliases
// (Generated, ColumnType, Json, …) are resolved as the compiler resolves them.
import { sql } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName, createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';

/** Tables the code reaches without Kysely's types (the migration runner's own bookkeeping). */
const NOT_IN_SCHEMA = new Set(['schema_migrations']);

type Columns = Map<string, Map<string, { nullable: boolean }>>;

/** table → column → whether its selected type includes null, as the compiler sees schema.ts. */
function columnsOfSchemaTs(): Columns {
  const file = new URL('./schema.ts', import.meta.url).pathname;
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2023.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
  });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  const db = checker.getExportsOfModule(module).find((s) => s.name === 'DB');
  if (!db) throw new Error('schema.ts exports no DB interface');
  const out: Columns = new Map();
  for (const table of checker.getDeclaredTypeOfSymbol(db).getProperties()) {
    const columns = new Map<string, { nullable: boolean }>();
    for (const column of checker.getTypeOfSymbol(table).getProperties()) {
      let type = checker.getTypeOfSymbol(column);
      // Kysely's ColumnType<Select, Insert, Update> (and Generated) carry the read type here.
      const select = type.getProperty('__select__');
      if (select) type = checker.getTypeOfSymbol(select);
      const members = type.isUnion() ? type.types : [type];
      columns.set(column.name, { nullable: members.some((m) => (m.flags & ts.TypeFlags.Null) !== 0) });
    }
    out.set(table.name, columns);
  }
  return out;
}

let t: TestDatabase;
let declared: Columns;
let actual: Columns;
beforeAll(async () => {
  t = await createTestDatabase();
  declared = columnsOfSchemaTs();
  const rows = await sql<{ table_name: string; column_name: string; is_nullable: 'YES' | 'NO' }>`
    SELECT c.table_name, c.column_name, c.is_nullable
    FROM information_schema.columns c
    JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
    WHERE c.table_schema = current_schema()`.execute(t.db);
  actual = new Map();
  for (const r of rows.rows) {
    if (NOT_IN_SCHEMA.has(r.table_name)) continue;
    const columns = actual.get(r.table_name) ?? new Map<string, { nullable: boolean }>();
    columns.set(r.column_name, { nullable: r.is_nullable === 'YES' });
    actual.set(r.table_name, columns);
  }
}, 120_000);
afterAll(async () => t?.close());

describe(`schema.ts matches the migrated database on ${backendName}`, () => {
  it('reads a sensible schema on both sides', () => {
    expect(declared.size).toBeGreaterThan(30);
    expect(declared.get('customers')?.get('do_not_mail')).toEqual({ nullable: false });
    expect(declared.get('customers')?.get('birthday')).toEqual({ nullable: true });
    expect(actual.get('customers')?.get('birthday')).toEqual({ nullable: true });
  });

  it('every table and column named in schema.ts exists', () => {
    const missing: string[] = [];
    for (const [table, columns] of declared) {
      const real = actual.get(table);
      if (!real) {
        missing.push(`table ${table}`);
        continue;
      }
      for (const column of columns.keys()) if (!real.has(column)) missing.push(`${table}.${column}`);
    }
    expect(missing).toEqual([]);
  });

  it('every table and column of the database is named in schema.ts', () => {
    const undeclared: string[] = [];
    for (const [table, columns] of actual) {
      const typed = declared.get(table);
      if (!typed) {
        undeclared.push(`table ${table}`);
        continue;
      }
      for (const column of columns.keys()) if (!typed.has(column)) undeclared.push(`${table}.${column}`);
    }
    expect(undeclared).toEqual([]);
  });

  it('a column is nullable in TypeScript exactly when the database allows NULL', () => {
    const differ: string[] = [];
    for (const [table, columns] of declared) {
      for (const [column, { nullable }] of columns) {
        const real = actual.get(table)?.get(column);
        if (real && real.nullable !== nullable)
          differ.push(
            `${table}.${column}: schema.ts ${nullable ? 'nullable' : 'NOT NULL'}, database ${real.nullable ? 'nullable' : 'NOT NULL'}`,
          );
      }
    }
    expect(differ).toEqual([]);
  });
});
