// npm run rules:sql — writes each engine rule's final SQL to src/engine/rules/sql/KIND.sql.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RULES } from '../src/engine/rules/index.ts';
import { RULE_SQL_DIR, ruleSqlFile } from '../src/engine/rules/rule-sql.ts';

const dir = fileURLToPath(RULE_SQL_DIR);
mkdirSync(dir, { recursive: true });
for (const old of readdirSync(dir)) if (old.endsWith('.sql')) rmSync(`${dir}${old}`);
for (const rule of RULES) {
  const file = ruleSqlFile(rule);
  writeFileSync(`${dir}${file.name}`, file.text);
}
console.log(`Wrote the SQL of ${RULES.length} rules into ${dir}`);
