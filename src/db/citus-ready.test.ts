// Citus readiness, read from the database catalog: beyond one server the data shards by
// organization (docs/scale.md), which Citus allows only when every tenant table is keyed by
// org_id — its primary key, each unique constraint or index, and each foreign key between tenant
// tables. A table that breaks these rules fails here on both databases, named with the rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { REFERENCE_TABLES, LOCAL_TABLES } from './citus-tables.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

interface Row {
  [k: string]: unknown;
}
async function rows<T extends Row>(text: string): Promise<T[]> {
  return (await database.pool.query<T>(text)).rows;
}

async function catalog() {
  const tables = (
    await rows<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
    )
  ).map((r) => r.name);
  const orgColumn = await rows<{ tbl: string; notnull: boolean }>(
    `SELECT c.relname AS tbl, a.attnotnull AS notnull FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND a.attname = 'org_id' AND NOT a.attisdropped`,
  );
  // Unique indexes include the primary key; indkey 0 marks an expression column.
  const uniques = await rows<{ tbl: string; idx: string; cols: string[] }>(
    `SELECT t.relname AS tbl, ic.relname AS idx,
            array(SELECT a.attname::text FROM unnest(i.indkey) k JOIN pg_attribute a
                    ON a.attrelid = i.indrelid AND a.attnum = k) AS cols
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND i.indisunique`,
  );
  const foreignKeys = await rows<{
    tbl: string;
    ref: string;
    name: string;
    cols: string[];
    refcols: string[];
  }>(
    `SELECT t.relname AS tbl, r.relname AS ref, c.conname AS name,
            array(SELECT a.attname::text FROM unnest(c.conkey) k JOIN pg_attribute a
                    ON a.attrelid = c.conrelid AND a.attnum = k) AS cols,
            array(SELECT a.attname::text FROM unnest(c.confkey) k JOIN pg_attribute a
                    ON a.attrelid = c.confrelid AND a.attnum = k) AS refcols
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND c.contype = 'f'`,
  );
  const primaryKeys = await rows<{ tbl: string }>(
    `SELECT t.relname AS tbl FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public' AND i.indisprimary`,
  );
  return { tables, orgColumn, uniques, foreignKeys, primaryKeys };
}

const special = (t: string) => t in REFERENCE_TABLES || t in LOCAL_TABLES;

describe('the schema is ready to shard by organization (Citus)', () => {
  it('every table is either a tenant table or named as a reference or local table, with a reason', async () => {
    const { tables } = await catalog();
    for (const name of [...Object.keys(REFERENCE_TABLES), ...Object.keys(LOCAL_TABLES)]) {
      expect(tables, `${name} is listed in citus-tables.ts but does not exist`).toContain(name);
    }
    const tenant = tables.filter((t) => !special(t));
    expect(tenant.length).toBeGreaterThan(25);
    expect(tenant).toContain('customers');
  });

  it('every tenant table has a NOT NULL org_id and a primary key', async () => {
    const { tables, orgColumn, primaryKeys } = await catalog();
    const problems: string[] = [];
    for (const t of tables.filter((x) => !special(x))) {
      const col = orgColumn.find((c) => c.tbl === t);
      if (!col) problems.push(`${t}: no org_id column`);
      else if (!col.notnull) problems.push(`${t}: org_id may be NULL`);
      if (!primaryKeys.some((p) => p.tbl === t)) problems.push(`${t}: no primary key`);
    }
    expect(problems).toEqual([]);
  });

  it('every primary key and unique constraint or index of a tenant table includes org_id', async () => {
    const { uniques } = await catalog();
    const problems = uniques
      .filter((u) => !special(u.tbl) && !u.cols.includes('org_id'))
      .map((u) => `${u.tbl}: unique ${u.idx} (${u.cols.join(', ') || 'an expression'}) lacks org_id`);
    expect(problems).toEqual([]);
  });

  it('every foreign key between tenant tables carries org_id on both sides, paired', async () => {
    const { foreignKeys } = await catalog();
    const problems: string[] = [];
    for (const fk of foreignKeys) {
      const fromTenant = !special(fk.tbl);
      const toTenant = !special(fk.ref);
      if (!fromTenant && toTenant)
        problems.push(`${fk.tbl}: ${fk.name} points from a shared table to ${fk.ref}`);
      if (!fromTenant || !toTenant) continue;
      const i = fk.cols.indexOf('org_id');
      if (i === -1 || fk.refcols[i] !== 'org_id')
        problems.push(`${fk.tbl}: ${fk.name} → ${fk.ref} (${fk.cols.join(', ')}) does not pair org_id`);
    }
    expect(problems).toEqual([]);
  });

  it('a table that breaks the rules is caught (the check is not vacuous)', async () => {
    await database.pool.query(
      'CREATE TABLE citus_probe (org_id bigint, id bigint PRIMARY KEY, email text UNIQUE)',
    );
    try {
      const { uniques, orgColumn } = await catalog();
      expect(orgColumn.find((c) => c.tbl === 'citus_probe')?.notnull).toBe(false);
      expect(uniques.filter((u) => u.tbl === 'citus_probe' && !u.cols.includes('org_id')).length).toBe(2);
    } finally {
      await database.pool.query('DROP TABLE citus_probe');
    }
  });
});
