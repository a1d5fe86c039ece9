// relance follow-up-list --location CODE [--org ID] [--date YYYY-MM-DD] [--status all|due|sent|held] [--output FILE]
// A day's follow-up list as CSV for a mail merge (UTF-8 with BOM), on stdout or in a file.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { localDateTime } from '../../../domain/time/dates.ts';
import { assertDay } from '../../../engine/run-day.ts';
import { toCsv } from '../../../domain/csv.ts';
import {
  FOLLOW_UP_COLUMNS,
  followUpList,
  LIST_STATUSES,
  type ListStatus,
} from '../../../results/follow-up-list.ts';
import { UsageError, type Command } from '../../command.ts';
import { findLocationByCode } from '../delivery/find-location.ts';

export const followUpListCommand: Command = {
  name: 'follow-up-list',
  summary: 'A day’s follow-up list (due, sent, held) as CSV for a mail merge',
  usage: `relance follow-up-list --location CODE [--org ID] [--date YYYY-MM-DD] [--status ${LIST_STATUSES.join('|')}] [--output FILE]`,
  needsDatabase: true,
  options: {
    location: { type: 'string' },
    org: { type: 'string' },
    date: { type: 'string' },
    status: { type: 'string', default: 'all' },
    output: { type: 'string' },
  },
  async run({ values }, ctx) {
    if (!ctx) throw new Error('follow-up-list needs the database');
    if (typeof values.location !== 'string') throw new UsageError('--location CODE is required');
    const status = String(values.status);
    if (!(LIST_STATUSES as readonly string[]).includes(status))
      throw new UsageError(`--status must be one of ${LIST_STATUSES.join(', ')} (got "${status}")`);
    if (values.date !== undefined) {
      try {
        assertDay(String(values.date));
      } catch (err) {
        throw new UsageError(`--date: ${(err as Error).message}`);
      }
    }
    const location = await findLocationByCode(ctx.db, values.location, values.org as string | undefined);
    const day = (values.date as string | undefined) ?? localDateTime(ctx.now(), location.time_zone).date;
    const rows = await followUpList(ctx.db, location.org_id, location.id, day, status as ListStatus);
    const csv = toCsv(FOLLOW_UP_COLUMNS, rows);
    if (typeof values.output === 'string') {
      writeFileSync(resolve(values.output), csv);
      console.log(
        `${rows.length} follow-ups of ${location.code} for ${day} written to ${resolve(values.output)}`,
      );
    } else process.stdout.write(csv);
    return 0;
  },
};
