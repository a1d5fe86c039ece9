// relance campaign list|create|edit|preview|send|cancel … (docs/results.md#campaigns)
//   list    --location CODE [--org ID]
//   create  --location CODE --name N [--make M] [--due-within DAYS] [--inactive MIN-MAX] [--language L]
//           (--subject-en S --body-en B [--subject-fr … --body-es …] | --promotion ID)
//   edit    ID --location CODE [the same flags]
//   preview ID --location CODE [--on YYYY-MM-DD]
//   send    ID --location CODE [--on YYYY-MM-DD]   (today by default)
//   cancel  ID --location CODE
import { z } from 'zod';
import type { Location } from '../../../db/schema.ts';
import { InputError } from '../../../commands/input-error.ts';
import {
  campaignChanges,
  campaignDay,
  findCampaign,
  newCampaignInput,
  presentCampaign,
  type CampaignView,
} from '../../../commands/campaigns/campaign.ts';
import { createCampaign } from '../../../commands/campaigns/create-campaign.ts';
import { updateCampaign } from '../../../commands/campaigns/update-campaign.ts';
import { previewCampaign, type CampaignPreview } from '../../../commands/campaigns/preview-campaign.ts';
import { sendCampaign } from '../../../commands/campaigns/send-campaign.ts';
import { cancelCampaign } from '../../../commands/campaigns/cancel-campaign.ts';
import { localDateTime } from '../../../domain/time/dates.ts';
import { UsageError, type Command } from '../../command.ts';
import { findLocationByCode } from '../delivery/find-location.ts';
import { cliScope } from './cli-scope.ts';

type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;
const ACTIONS = ['list', 'create', 'edit', 'preview', 'send', 'cancel'];

/** The flags given, as the fields of the campaign schemas. */
function fields(values: Values): Record<string, unknown> {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const int = (k: string) => (str(k) !== undefined ? Number(str(k)) : undefined);
  const content = Object.fromEntries(
    (['en', 'fr', 'es'] as const).flatMap((l) =>
      str(`subject-${l}`) !== undefined || str(`body-${l}`) !== undefined
        ? [[l, { subject: str(`subject-${l}`) ?? '', body: str(`body-${l}`) ?? '' }]]
        : [],
    ),
  );
  const inactive = str('inactive');
  const range = inactive !== undefined ? /^(\d+)-(\d+)$/.exec(inactive) : null;
  if (inactive !== undefined && !range) throw new UsageError('--inactive: give months as MIN-MAX, e.g. 6-12');
  const segment = Object.fromEntries(
    Object.entries({
      vehicle_make: str('make'),
      maintenance_within_days: int('due-within'),
      inactive_min_months: range ? Number(range[1]) : undefined,
      inactive_max_months: range ? Number(range[2]) : undefined,
      language: str('language'),
    }).filter(([, v]) => v !== undefined),
  );
  const out: Record<string, unknown> = {
    name: str('name'),
    segment: Object.keys(segment).length ? segment : undefined,
    content: Object.keys(content).length ? content : undefined,
    promotion_id: int('promotion'),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new UsageError(`${issue.path.join('.')}: ${issue.message}`);
}

function print(c: CampaignView): void {
  const s = c.segment;
  const filters = [
    s.vehicle_make ? `make ${s.vehicle_make}` : null,
    s.maintenance_within_days != null ? `maintenance due within ${s.maintenance_within_days} days` : null,
    s.inactive_min_months != null || s.inactive_max_months != null
      ? `last visit ${s.inactive_min_months ?? 0}-${s.inactive_max_months ?? '…'} months ago`
      : null,
    s.language ? `language ${s.language}` : null,
  ].filter(Boolean);
  console.log(
    `#${c.id} ${c.name} [${c.status}]${c.send_on ? ` on ${c.send_on}` : ''}: ${filters.length ? filters.join(', ') : 'every customer'}${c.promotion_id ? `, promotion #${c.promotion_id}` : ''}`,
  );
}

function printPreview(p: CampaignPreview): void {
  console.log(
    `${p.decided ? 'Sent' : 'Would send'} on ${p.day}: ${p.total} customers, ${p.to_send} to send, ${p.held} held`,
  );
  for (const h of p.held_by_reason) console.log(`  held ${h.reason}: ${h.count}`);
  for (const r of p.by_channel_language) console.log(`  ${r.channel} ${r.language} ${r.status}: ${r.count}`);
}

export const campaignCommand: Command = {
  name: 'campaign',
  summary: 'Create, preview (counts), send and cancel one-off campaigns to a segment of customers',
  usage:
    'relance campaign list|create|edit ID|preview ID|send ID|cancel ID --location CODE [--org ID] [--name N] [--make M] [--due-within DAYS] [--inactive MIN-MAX] [--language en|fr|es] [--subject-en S --body-en B …] [--promotion ID] [--on YYYY-MM-DD]',
  needsDatabase: true,
  options: {
    location: { type: 'string' },
    org: { type: 'string' },
    name: { type: 'string' },
    make: { type: 'string' },
    'due-within': { type: 'string' },
    inactive: { type: 'string' },
    language: { type: 'string' },
    promotion: { type: 'string' },
    on: { type: 'string' },
    ...Object.fromEntries(
      ['en', 'fr', 'es'].flatMap((l) => [
        [`subject-${l}`, { type: 'string' as const }],
        [`body-${l}`, { type: 'string' as const }],
      ]),
    ),
  },
  async run({ values, positionals }, ctx) {
    if (!ctx) throw new Error('campaign needs the database');
    const [action, idText, extra] = positionals;
    if (!action || !ACTIONS.includes(action) || extra !== undefined)
      throw new UsageError('name one action: list, create, edit ID, preview ID, send ID, cancel ID');
    const needsId = action !== 'list' && action !== 'create';
    if (needsId !== (idText !== undefined) || (needsId && !/^\d+$/.test(idText!)))
      throw new UsageError(needsId ? `${action} needs the campaign's number` : `${action} takes no number`);
    if (typeof values.location !== 'string') throw new UsageError('--location CODE is required');
    const location: Location = await findLocationByCode(
      ctx.db,
      values.location,
      values.org as string | undefined,
    );
    const scope = cliScope(location);
    const now = ctx.now();
    const today = localDateTime(now, location.time_zone).date;
    const on = typeof values.on === 'string' ? parse(campaignDay, values.on) : undefined;
    const refused = (err: unknown) => {
      if (err instanceof InputError) throw new UsageError(err.message);
      throw err;
    };
    if (action === 'list') {
      const rows = await ctx.db
        .selectFrom('campaigns')
        .selectAll()
        .where('org_id', '=', location.org_id)
        .where('location_id', '=', location.id)
        .orderBy('id', 'desc')
        .execute();
      if (!rows.length) console.log('(no campaigns; create one with relance campaign create)');
      for (const r of rows) print(presentCampaign(r));
      return 0;
    }
    if (action === 'create') {
      const input = parse(newCampaignInput, fields(values));
      const row = await ctx.db
        .transaction()
        .execute((trx) => createCampaign(trx, scope, { ...input, locationId: location.id }, now))
        .catch(refused);
      print(presentCampaign(row));
      return 0;
    }
    const id = Number(idText);
    if (!(await findCampaign(ctx.db, location.org_id, [location.id], id)))
      throw new UsageError(`no campaign #${id} at ${location.code}`);
    if (action === 'preview') {
      const p = await previewCampaign(ctx.db, scope, { id, today, ...(on ? { on } : {}) }, now).catch(
        refused,
      );
      printPreview(p!);
      return 0;
    }
    const row = await ctx.db
      .transaction()
      .execute((trx) =>
        action === 'edit'
          ? updateCampaign(trx, scope, { ...parse(campaignChanges, fields(values)), id }, now)
          : action === 'send'
            ? sendCampaign(trx, scope, { id, send_on: on ?? today, today }, now)
            : cancelCampaign(trx, scope, { id }, now),
      )
      .catch(refused);
    print(presentCampaign(row!));
    return 0;
  },
};
