// relance opt-outs --location CODE [--org ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
// Customer messages sent, bounced and followed by an unsubscribe, per day, kind and channel.
import { addDays, localDateTime } from '../../../domain/time/dates.ts';
import { assertDay } from '../../../engine/run-day.ts';
import { optOutsByDay } from '../../../results/opt-outs.ts';
import { UsageError, type Command } from '../../command.ts';
import { findLocationByCode } from '../delivery/find-location.ts';

export const optOutsCommand: Command = {
  name: 'opt-outs',
  summary: 'Messages sent, bounced and followed by an unsubscribe, per day, kind and channel',
  usage: 'relance opt-outs --location CODE [--org ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD]',
  needsDatabase: true,
  options: {
    location: { type: 'string' },
    org: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
  },
  async run({ values }, ctx) {
    if (!ctx) throw new Error('opt-outs needs the database');
    if (typeof values.location !== 'string') throw new UsageError('--location CODE is required');
    for (const k of ['from', 'to'] as const)
      if (values[k] !== undefined)
        try {
          assertDay(String(values[k]));
        } catch (err) {
          throw new UsageError(`--${k}: ${(err as Error).message}`);
        }
    const location = await findLocationByCode(ctx.db, values.location, values.org as string | undefined);
    const to = (values.to as string | undefined) ?? localDateTime(ctx.now(), location.time_zone).date;
    const from = (values.from as string | undefined) ?? addDays(to, -29);
    const rows = await optOutsByDay(ctx.db, location.org_id, [location.id], from, to);
    console.log(`day         kind        channel      sent  bounced  unsubscribed`);
    for (const r of rows)
      console.log(
        `${r.day}  ${r.kind.padEnd(10)}  ${r.channel.padEnd(8)}  ${String(r.sent).padStart(8)}  ${String(r.bounced).padStart(7)}  ${String(r.unsubscribed).padStart(12)}`,
      );
    return 0;
  },
};
