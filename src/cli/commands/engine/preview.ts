// relance preview --location CODE [--org ID] [--days 7] [--from YYYY-MM-DD]
// What will go out in the coming days and why, decided by the same SQL as the daily run,
// without keeping anything.
import type { Command } from '../../command.ts';
import { UsageError } from '../../command.ts';
import { previewSendQueue } from '../../../engine/preview.ts';
import { assertDay } from '../../../engine/run-day.ts';
import { localDateTime } from '../../../domain/time/dates.ts';
import { findLocation } from './find-location.ts';

export const previewCommand: Command = {
  name: 'preview',
  summary: 'Show the send queue of the coming days for a location, and why each message is due',
  usage: 'relance preview --location CODE [--org ID] [--days 7] [--from YYYY-MM-DD]',
  options: {
    location: { type: 'string' },
    org: { type: 'string' },
    days: { type: 'string', default: '7' },
    from: { type: 'string' },
  },
  needsDatabase: true,
  async run({ values }, ctx) {
    if (!ctx) throw new Error('needs a database');
    const code = values.location as string | undefined;
    if (!code) throw new UsageError('--location is required');
    const days = Number(values.days);
    if (!Number.isInteger(days) || days < 1 || days > 60)
      throw new UsageError(`--days must be a whole number from 1 to 60 (got "${values.days}")`);
    const given = values.from as string | undefined;
    if (given !== undefined) {
      try {
        assertDay(given);
      } catch (err) {
        throw new UsageError(`--from: ${(err as Error).message}`);
      }
    }
    const loc = await findLocation(ctx.db, code, values.org as string | undefined);
    const from = given ?? localDateTime(ctx.now(), loc.time_zone).date;
    const rows = await previewSendQueue(ctx.db, loc.org_id, loc.id, from, days, ctx.now());
    console.log(`${loc.code} (${loc.name}), ${days} day(s) from ${from}: ${rows.length} message(s)`);
    const table = [
      ['day', 'kind', 'channel', 'status', 'customer', 'vehicle', 'why'],
      ...rows.map((r) => [
        r.day,
        r.kind,
        r.channel,
        r.status === 'held' ? `held: ${r.reason}` : r.alreadyQueued ? 'queued' : r.status,
        r.customerName ?? (r.customerId ? `#${r.customerId}` : '-'),
        r.vehicle ?? '-',
        r.why,
      ]),
    ];
    const widths = table[0]!.map((_, i) => Math.min(40, Math.max(...table.map((row) => row[i]!.length))));
    for (const row of table)
      console.log(
        row
          .map((cell, i) => (i === row.length - 1 ? cell : cell.slice(0, widths[i]).padEnd(widths[i]!)))
          .join('  '),
      );
    return 0;
  },
};
