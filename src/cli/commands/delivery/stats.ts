// relance stats --location CODE [--org ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
// Messages of a location by kind and status (all channels), with totals per channel.
import { messageStats } from '../../../delivery/stats/message-stats.ts';
import { UsageError, type Command } from '../../command.ts';
import { findLocationByCode } from './find-location.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const STATUSES = ['pending', 'sending', 'sent', 'failed', 'held', 'cancelled', 'bounced'] as const;

export const statsCommand: Command = {
  name: 'stats',
  summary: 'Message counts of a location by kind, channel and status',
  usage: 'relance stats --location CODE [--org ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD]',
  needsDatabase: true,
  options: {
    location: { type: 'string' },
    org: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
  },
  async run({ values }, ctx) {
    if (!ctx) throw new Error('stats needs the database');
    if (typeof values.location !== 'string') throw new UsageError('--location CODE is required');
    for (const k of ['from', 'to'] as const)
      if (values[k] !== undefined && !DAY.test(String(values[k])))
        throw new UsageError(`--${k} must be a date as YYYY-MM-DD (got "${String(values[k])}")`);
    const location = await findLocationByCode(ctx.db, values.location, values.org as string | undefined);
    const s = await messageStats(ctx.db, location.org_id, {
      locationId: location.id,
      from: values.from as string | undefined,
      to: values.to as string | undefined,
    });
    const table = new Map<string, Record<string, number>>();
    for (const r of s.rows) {
      const key = `${r.kind} ${r.channel}`;
      const row = table.get(key) ?? {};
      row[r.status] = (row[r.status] ?? 0) + r.count;
      table.set(key, row);
    }
    const header = ['kind', 'channel', ...STATUSES, 'total'];
    const rows = [...table.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, counts]) => {
        const [kind, channel] = key.split(' ') as [string, string];
        return [
          kind,
          channel,
          ...STATUSES.map((st) => String(counts[st] ?? 0)),
          String(Object.values(counts).reduce((a, b) => a + b, 0)),
        ];
      });
    rows.push([
      'TOTAL',
      '',
      ...STATUSES.map((st) => String(s.totals.byStatus[st] ?? 0)),
      String(s.totals.all),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) =>
      cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    console.log(
      `Messages of ${location.code} (${location.name})${values.from || values.to ? ` due ${values.from ?? '…'} to ${values.to ?? '…'}` : ''}`,
    );
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const r of rows) console.log(line(r));
    return 0;
  },
};
