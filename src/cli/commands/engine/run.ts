// relance run [--date YYYY-MM-DD] [--location CODE [--org ID]]
// With --date: decide that day (past or future) for the location(s); running a day again adds
// nothing, and the day is no anchor for the catch-up (see src/engine/catch-up.ts). Without:
// catch up every location's missed days up to its local today. Exit 0; 1 when a day failed;
// 2 for a bad flag (named in the message).
import type { Command } from '../../command.ts';
import { UsageError } from '../../command.ts';
import { runDay, assertDay, type RunDayResult } from '../../../engine/run-day.ts';
import { catchUp } from '../../../engine/catch-up.ts';
import { engineShards } from '../../../engine/shards.ts';
import { findLocation } from './find-location.ts';

export const runCommand: Command = {
  name: 'run',
  summary: 'Decide the messages due on a day (or catch up missed days) and put them in the outbox',
  usage: 'relance run [--date YYYY-MM-DD] [--location CODE [--org ID]]',
  options: { date: { type: 'string' }, location: { type: 'string' }, org: { type: 'string' } },
  needsDatabase: true,
  async run({ values }, ctx) {
    if (!ctx) throw new Error('needs a database');
    const code = values.location as string | undefined;
    const date = values.date as string | undefined;
    if (date !== undefined) {
      try {
        assertDay(date);
      } catch (err) {
        throw new UsageError(`--date: ${(err as Error).message}`);
      }
    }
    if (code && date === undefined)
      throw new UsageError('--location needs --date (catch-up runs every location)');
    const loc = code ? await findLocation(ctx.db, code, values.org as string | undefined) : null;
    if (date === undefined) {
      const r = await catchUp(ctx.db, ctx.now(), { shards: engineShards(ctx) });
      for (const d of r.ran) print(d.day, d.locations, d.counts, d.blocked);
      console.log(`caught up ${r.ran.length} day(s), ${r.skippedStale} stale location-day(s) skipped`);
      for (const f of r.failed) console.error(`day ${f.day} failed: ${f.error}`);
      return r.failed.length ? 1 : 0;
    }
    const r = await runDay(ctx.db, date, {
      now: ctx.now(),
      locations: loc ? [{ orgId: loc.org_id, locationId: loc.id }] : undefined,
      shards: engineShards(ctx),
    });
    print(r.day, r.locations, r.counts, r.blocked);
    return 0;
  },
};

function print(
  day: string,
  locations: number,
  counts: Record<string, number>,
  blocked: RunDayResult['blocked'] = [],
) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`${day}: ${locations} location(s), ${total} message(s) added`);
  for (const [k, n] of Object.entries(counts).sort()) console.log(`  ${k.padEnd(22)} ${n}`);
  // A location that cannot identify the sender sends nothing (docs/compliance.md): say why.
  for (const b of blocked)
    console.log(
      `  location ${b.locationId} (org ${b.orgId}) sent nothing: General settings lack ${b.missing.join(', ')} (messages held as no_identification)`,
    );
}
