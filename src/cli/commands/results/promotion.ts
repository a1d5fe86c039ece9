// relance promotion list|create|edit|end … (E07's promotions, docs/results.md)
//   list   --location CODE [--org ID]
//   create --location CODE [--org ID] --name N [--coupon C] [--text-en T] [--text-fr T] [--text-es T] [--from D] [--until D]
//   edit   ID --location CODE [--org ID] [--name N] [--coupon C] [--text-en T] … [--from D|none] [--until D|none]
//   end    ID --location CODE [--org ID]
import { z } from 'zod';
import type { Location } from '../../../db/schema.ts';
import { InputError } from '../../../commands/input-error.ts';
import { createPromotion } from '../../../commands/promotions/create-promotion.ts';
import { endPromotion } from '../../../commands/promotions/end-promotion.ts';
import {
  newPromotionInput,
  presentPromotion,
  promotionChanges,
  type PromotionView,
} from '../../../commands/promotions/promotion.ts';
import { updatePromotion } from '../../../commands/promotions/update-promotion.ts';
import { localDateTime } from '../../../domain/time/dates.ts';
import { UsageError, type Command } from '../../command.ts';
import { findLocationByCode } from '../delivery/find-location.ts';
import { cliScope } from './cli-scope.ts';

type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;

/** The flags given, as the fields of the promotion schemas ('none' clears a date or the coupon). */
function fields(values: Values): Record<string, unknown> {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const orNull = (v: string | undefined) => (v === 'none' ? null : v);
  const text = Object.fromEntries(
    (['en', 'fr', 'es'] as const).flatMap((l) =>
      str(`text-${l}`) !== undefined ? [[l, str(`text-${l}`)]] : [],
    ),
  );
  const out: Record<string, unknown> = {
    name: str('name'),
    coupon_code: orNull(str('coupon')),
    valid_from: orNull(str('from')),
    valid_until: orNull(str('until')),
    text: Object.keys(text).length ? text : undefined,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const flag = { coupon_code: 'coupon', valid_from: 'from', valid_until: 'until', text: 'text-en' }[
    String(issue.path[0])
  ];
  throw new UsageError(`--${flag ?? String(issue.path.join('-'))}: ${issue.message}`);
}

function print(p: PromotionView): void {
  console.log(
    `#${p.id} ${p.name} [${p.status}]${p.coupon_code ? ` coupon ${p.coupon_code}` : ''} ${p.valid_from ?? '…'} to ${p.valid_until ?? '…'}${p.ended_on ? `, ended ${p.ended_on}` : ''}`,
  );
  for (const [l, t] of Object.entries(p.text)) console.log(`    ${l}: ${t}`);
}

export const promotionCommand: Command = {
  name: 'promotion',
  summary: 'List, create, schedule, edit and end the promotions E07 offers',
  usage:
    'relance promotion list|create|edit ID|end ID --location CODE [--org ID] [--name N] [--coupon C] [--text-en|--text-fr|--text-es T] [--from YYYY-MM-DD] [--until YYYY-MM-DD]',
  needsDatabase: true,
  options: {
    location: { type: 'string' },
    org: { type: 'string' },
    name: { type: 'string' },
    coupon: { type: 'string' },
    'text-en': { type: 'string' },
    'text-fr': { type: 'string' },
    'text-es': { type: 'string' },
    from: { type: 'string' },
    until: { type: 'string' },
  },
  async run({ values, positionals }, ctx) {
    if (!ctx) throw new Error('promotion needs the database');
    const [action, idText, extra] = positionals;
    if (!action || !['list', 'create', 'edit', 'end'].includes(action) || extra !== undefined)
      throw new UsageError('name one action: list, create, edit ID, end ID');
    const needsId = action === 'edit' || action === 'end';
    if (needsId !== (idText !== undefined) || (needsId && !/^\d+$/.test(idText!)))
      throw new UsageError(needsId ? `${action} needs the promotion's number` : `${action} takes no number`);
    if (typeof values.location !== 'string') throw new UsageError('--location CODE is required');
    const location: Location = await findLocationByCode(
      ctx.db,
      values.location,
      values.org as string | undefined,
    );
    const scope = cliScope(location);
    const now = ctx.now();
    const today = localDateTime(now, location.time_zone).date;
    if (action === 'list') {
      const rows = await ctx.db
        .selectFrom('promotions')
        .selectAll()
        .where('org_id', '=', location.org_id)
        .where('location_id', '=', location.id)
        .orderBy('id', 'desc')
        .execute();
      if (!rows.length) console.log('(no promotions)');
      for (const r of rows) print(presentPromotion(r, today));
      return 0;
    }
    if (action === 'create') {
      const input = parse(newPromotionInput, fields(values));
      const row = await ctx.db
        .transaction()
        .execute((trx) => createPromotion(trx, scope, { ...input, locationId: location.id }, now));
      print(presentPromotion(row, today));
      return 0;
    }
    const id = Number(idText);
    const row = await ctx.db
      .transaction()
      .execute((trx) =>
        action === 'edit'
          ? updatePromotion(trx, scope, { ...parse(promotionChanges, fields(values)), id }, now)
          : endPromotion(trx, scope, { id, today }, now),
      )
      .catch((err: unknown) => {
        if (err instanceof InputError) throw new UsageError(err.message);
        throw err;
      });
    if (!row) throw new UsageError(`no promotion #${id} at ${location.code}`);
    print(presentPromotion(row, today));
    return 0;
  },
};
