import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from './index.ts';
import { RULE_SQL_DIR, ruleSqlFile } from './rule-sql.ts';

describe('the committed SQL of each rule', () => {
  const dir = fileURLToPath(RULE_SQL_DIR);

  it('is exactly what the code builds (run `npm run rules:sql` after changing a rule or a fragment)', () => {
    for (const rule of RULES) {
      const file = ruleSqlFile(rule);
      expect(readFileSync(`${dir}${file.name}`, 'utf8'), `src/engine/rules/sql/${file.name}`).toBe(file.text);
    }
  });

  it('has one file per rule and none for a rule that is gone', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.sql'));
    expect(files.sort()).toEqual(RULES.map((r) => `${r.kind}.sql`).sort());
  });
});
