// npm run bench [-- --size small|medium|large|1m] [--json] [--only NAME]
// Runs every case and prints one table: what was measured, the ratio, the goal, and whether it holds.
// Exit code: 0 every goal holds, 1 a goal does not hold, 2 a case failed to run (CI fails only on 2:
// speed on a shared CI machine is reported, not gated).
import { CASES } from './cases/index.ts';
import { VEHICLES_BY_SIZE, type BenchLine, type BenchSize } from './case.ts';
import { parseRunnerArgs, pickOnly, usageError } from './runner-args.ts';

const USAGE = `npm run bench [-- --size ${Object.keys(VEHICLES_BY_SIZE).join('|')}] [--only NAME]... [--json]
  cases: ${CASES.map((c) => c.name).join(', ')}
  exit code: 0 every goal holds, 1 a goal does not hold, 2 a case failed to run (or bad options)`;
const values = parseRunnerArgs(USAGE, 'small');
const size = values.size as BenchSize;
if (!(size in VEHICLES_BY_SIZE))
  usageError(USAGE, `--size must be one of ${Object.keys(VEHICLES_BY_SIZE).join(', ')} (got ${values.size})`);
const chosen = pickOnly(USAGE, CASES, values.only, (c, name) => c.name === name);
const postgresUrl =
  process.env.DATABASE_URL ??
  (process.env.BENCH_NO_POSTGRES ? undefined : 'postgres://postgres@127.0.0.1:5432/postgres');
const log = (line: string) => {
  if (!values.json) process.stderr.write(`${line}\n`);
};

const lines: BenchLine[] = [];
let failed = false;
for (const c of chosen) {
  log(`== ${c.name}`);
  try {
    lines.push(...(await c.run({ size, vehicles: VEHICLES_BY_SIZE[size], postgresUrl, log })));
  } catch (err) {
    failed = true;
    lines.push({
      name: c.name,
      measured: `failed: ${(err as Error).message}`,
      value: NaN,
      goal: '-',
      ok: false,
    });
  }
}

if (values.json) {
  console.log(JSON.stringify({ size, at: new Date().toISOString(), lines }, null, 2));
} else {
  const rows = [
    ['benchmark', 'measured', 'value', 'goal', 'holds'],
    ...lines.map((l) => [
      l.name,
      l.measured,
      Number.isFinite(l.value) ? String(+l.value.toFixed(3)) : '-',
      l.goal,
      l.ok ? 'yes' : 'NO',
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const [i, r] of rows.entries()) {
    console.log(r.map((cell, j) => cell.padEnd(widths[j]!)).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
process.exitCode = failed ? 2 : lines.every((l) => l.ok) ? 0 : 1;
