// Preview a campaign before it is sent: the very decision the run would make on its day (the
// CAMPAIGN rule with the cap, consent, Do Not Mail and exactly-once key), made in a transaction
// that is rolled back, then counted: how many would get it, how many held and why, per channel
// and language. A sent campaign is counted from its messages in the outbox instead.
// It opens its own transaction (not the caller's) because nothing of it may be kept.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { runDayInTransaction } from '../../engine/run-day.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { InputError } from '../input-error.ts';
import { findCampaign } from './campaign.ts';
import { execSql } from '../../engine/sql/exec.ts';

export interface CampaignPreview {
  campaign_id: number;
  /** The day decided (the campaign's send_on, the day asked, else today). */
  day: string;
  /** True when counted from the outbox (the campaign was sent). */
  decided: boolean;
  total: number;
  /** Messages that would go out (or went out, or are waiting to). */
  to_send: number;
  held: number;
  /** Held messages by reason (do_not_mail, no_consent, frequency_cap, no_email, ...). */
  held_by_reason: Array<{ reason: string; count: number }>;
  /** Every message by channel (none when held), language and status. */
  by_channel_language: Array<{ channel: string; language: string; status: string; count: number }>;
  /** The first recipients (by name), with the outcome of each. */
  sample: Array<{
    customer_id: number;
    name: string;
    channel: string;
    language: string;
    status: string;
    reason: string | null;
  }>;
}

class Rollback extends Error {
  preview: CampaignPreview;
  constructor(preview: CampaignPreview) {
    super('preview rollback');
    this.preview = preview;
  }
}

const SAMPLE = 50;

/** `today`: the location's date now. Undefined when the campaign is not in scope. */
export async function previewCampaign(
  db: Kysely<DB>,
  scope: Scope,
  input: { id: number; on?: string; today: string },
  now: Date,
): Promise<CampaignPreview | undefined> {
  const c = await findCampaign(db, scope.orgId, scope.locationIds, input.id);
  if (!c) return undefined;
  if (c.status === 'sent') return count(db, c.org_id, c.id, c.send_on!, true);
  if (c.status === 'cancelled') throw new InputError('id', 'the campaign was cancelled');
  const day = input.on ?? c.send_on ?? input.today;
  if (day < input.today) throw new InputError('on', `must be today (${input.today}) or later`);
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('campaigns')
        .set({ status: 'scheduled', send_on: day })
        .where('org_id', '=', c.org_id)
        .where('id', '=', c.id)
        .execute();
      await runDayInTransaction(trx, day, {
        now,
        locations: [{ orgId: c.org_id, locationId: c.location_id }],
        only: ['CAMPAIGN'],
      });
      throw new Rollback(await count(trx, c.org_id, c.id, day, false));
    });
  } catch (err) {
    if (err instanceof Rollback) return err.preview;
    throw err;
  }
  return undefined;
}

async function count(
  db: Kysely<DB> | Transaction<DB>,
  orgId: number,
  campaignId: number,
  day: string,
  decided: boolean,
): Promise<CampaignPreview> {
  // The campaign's messages: CAMPAIGN rows of its day whose payload names it (the dedupe key's
  // subject k<id> says the same; the payload is what the run wrote).
  const of = `FROM messages m WHERE m.org_id = $1 AND m.kind = 'CAMPAIGN' AND m.due_on = $2::date
                AND m.payload -> 'campaign' ->> 'id' = $3::text`;
  const params = [orgId, day, String(campaignId)];
  const groups = await execSql<{
    channel: string;
    language: string;
    status: string;
    reason: string | null;
    n: string;
  }>(
    db,
    `SELECT m.channel, m.language, m.status, m.reason, count(*) AS n ${of}
     GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    params,
  );
  const sample = await execSql<CampaignPreview['sample'][number]>(
    db,
    `SELECT m.customer_id::int AS customer_id, coalesce(c.mailing_name, '') AS name, m.channel, m.language, m.status, m.reason
     FROM (SELECT * ${of}) m LEFT JOIN customers c ON c.org_id = m.org_id AND c.id = m.customer_id
     ORDER BY c.mailing_name, m.customer_id LIMIT ${SAMPLE}`,
    params,
  );
  const held = new Map<string, number>();
  const byChannel = new Map<string, CampaignPreview['by_channel_language'][number]>();
  let total = 0;
  let toSend = 0;
  for (const g of groups.rows) {
    const n = Number(g.n);
    total += n;
    if (g.status === 'held' || g.status === 'cancelled')
      held.set(g.reason ?? 'held', (held.get(g.reason ?? 'held') ?? 0) + n);
    else toSend += n;
    const k = `${g.channel}|${g.language}|${g.status}`;
    const row = byChannel.get(k) ?? { channel: g.channel, language: g.language, status: g.status, count: 0 };
    row.count += n;
    byChannel.set(k, row);
  }
  return {
    campaign_id: campaignId,
    day,
    decided,
    total,
    to_send: toSend,
    held: total - toSend,
    held_by_reason: [...held]
      .map(([reason, n]) => ({ reason, count: n }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    by_channel_language: [...byChannel.values()],
    sample: sample.rows,
  };
}
