// relance demo --locations N --customers M [--seed S] [--org NAME]
import { loadDemo, DEFAULT_SEED } from '../../demo/load-demo.ts';
import { UsageError, type Command } from '../command.ts';
import { progressBar } from '../progress.ts';

function positiveInt(value: unknown, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${flag} must be a whole number ≥ 1 (got "${String(value)}")`);
  return n;
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Load realistic synthetic data (deterministic from --seed) into a new organization',
  usage: 'relance demo --locations N --customers M [--seed S] [--org NAME] [--chunk-size 1000]',
  needsDatabase: true,
  createsDatabase: true,
  options: {
    locations: { type: 'string' },
    customers: { type: 'string' },
    seed: { type: 'string' },
    org: { type: 'string' },
    'chunk-size': { type: 'string' },
  },
  async run(args, ctx) {
    if (!ctx) throw new Error('demo needs the database');
    const locations = positiveInt(args.values.locations, 'locations', 1);
    const customers = positiveInt(args.values.customers, 'customers', 1000);
    const chunkSize = positiveInt(args.values['chunk-size'], 'chunk-size', 1000);
    const seed = typeof args.values.seed === 'string' ? args.values.seed : DEFAULT_SEED;
    // Histories end today and appointments surround it, so the daily run has work every day.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(ctx.now());
    const started = performance.now();
    const bar = progressBar('demo customers', customers);
    const summary = await loadDemo(ctx.db, {
      locations,
      customers,
      seed,
      today,
      chunkSize,
      // PGlite has one session: chunks one after the other. PostgreSQL: two writers (two cores here).
      concurrency: ctx.database.backend === 'postgres' ? 2 : 1,
      orgName: typeof args.values.org === 'string' ? args.values.org : undefined,
      onProgress: (done) => bar.update(done),
    });
    bar.stop();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Demo organization ${summary.orgId} loaded in ${seconds} s (seed "${seed}", today ${today}):`,
    );
    console.log(`  locations ${summary.locations.map((l) => l.code).join(', ')}`);
    console.log(
      `  ${summary.customers} customers, ${summary.vehicles} vehicles, ${summary.repairOrders} repair orders, ` +
        `${summary.lines} lines, ${summary.recommendations} declined items, ${summary.odometerReadings} odometer readings, ${summary.appointments} appointments`,
    );
  },
};
