// The lift of a kind's messages (docs/results.md): the return rate of the customers sent the
// message against the rate of those held back in its control group, per location, month and kind.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { messageOutcomes, type AttributionOptions } from './attribution.ts';
import { rate } from './months.ts';

export interface LiftRow {
  location_id: number;
  month: string;
  kind: string;
  sent: number;
  sent_returned: number;
  sent_return_rate: number | null;
  control: number;
  control_returned: number;
  control_return_rate: number | null;
  /** sent_return_rate - control_return_rate (fraction points); null without both groups. */
  lift: number | null;
}

export async function liftByMonth(
  db: Kysely<DB>,
  orgId: number,
  locationIds: number[],
  options: Omit<AttributionOptions, 'withControl'>,
): Promise<LiftRow[]> {
  const rows = await messageOutcomes(db, orgId, locationIds, { ...options, withControl: true });
  const byKey = new Map<string, LiftRow>();
  for (const r of rows) {
    const key = `${r.location_id}/${r.month}/${r.kind}`;
    const row = byKey.get(key) ?? {
      location_id: r.location_id,
      month: r.month,
      kind: r.kind,
      sent: 0,
      sent_returned: 0,
      sent_return_rate: null,
      control: 0,
      control_returned: 0,
      control_return_rate: null,
      lift: null,
    };
    if (r.group === 'sent') {
      row.sent += r.messages;
      row.sent_returned += r.returned;
    } else {
      row.control += r.messages;
      row.control_returned += r.returned;
    }
    byKey.set(key, row);
  }
  return [...byKey.values()].map((row) => {
    const s = rate(row.sent_returned, row.sent);
    const c = rate(row.control_returned, row.control);
    return {
      ...row,
      sent_return_rate: s,
      control_return_rate: c,
      lift: s === null || c === null ? null : Math.round((s - c) * 10_000) / 10_000,
    };
  });
}
