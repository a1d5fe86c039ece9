// Message rules: the day setting of every kind per channel (0 disables), INACTIVE's interval and
// dead, and the priority under the frequency cap.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { channel, id } from '../schemas.ts';
import { HttpError, notFound } from '../../errors.ts';
import { audit, diff } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { isKindCode, kindSpec } from '../../../domain/messages/kinds.ts';
import type { Channel } from '../../../db/schema.ts';

const ruleOut = z.object({ kind: z.string(), label: z.string(), channel: z.string(), days: z.number(), interval_days: z.number().nullable(), dead_days: z.number().nullable(), priority: z.number() });
type RuleRow = { kind: string; channel: string; days: number; interval_days: number | null; dead_days: number | null; priority: number };
const present = (r: RuleRow) => ({ kind: r.kind, label: kindSpec(r.kind).label, channel: r.channel, days: r.days, interval_days: r.interval_days, dead_days: r.dead_days, priority: r.priority });

export const listRulesRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/message-rules',
  summary: 'Day settings of every message kind and channel',
  tag: 'Message rules',
  auth: 'rules.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  query: z.strictObject({ kind: z.string().max(20).optional(), channel: channel.optional() }),
  response: z.object({ items: z.array(ruleOut) }),
  example: (ids) => ({ params: { locationId: ids.locationId }, query: { channel: 'email' } }),
  async handler({ s, params, query }) {
    let q = s.selectFrom('message_rules').selectAll().where('location_id', '=', s.location(params.locationId).location_id).orderBy('priority').orderBy('kind').orderBy('channel');
    if (query.kind) q = q.where('kind', '=', query.kind);
    if (query.channel) q = q.where('channel', '=', query.channel);
    return { items: (await q.execute()).map(present) };
  },
});

export const updateRuleRoute = defineRoute({
  method: 'PUT',
  path: '/locations/:locationId/message-rules/:kind/:channel',
  summary: 'Set a rule’s days (0 disables); INACTIVE also takes interval_days and dead_days',
  tag: 'Message rules',
  auth: 'rules.write',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id, kind: z.string().max(20).refine(isKindCode, 'is not a message kind'), channel }),
  body: z.strictObject({
    days: z.number().int().min(0).max(3650),
    interval_days: z.number().int().min(1).max(3650).nullable().optional(),
    dead_days: z.number().int().min(1).max(7300).nullable().optional(),
    priority: z.number().int().min(0).max(1000).optional(),
  }),
  response: ruleOut,
  example: (ids) => ({ params: { locationId: ids.locationId, kind: 'INACTIVE', channel: 'email' }, body: { days: 90, interval_days: 90, dead_days: 365 } }),
  async handler({ db, scope, params, body, now }) {
    const spec = kindSpec(params.kind);
    if (body.days > 0 && !(spec.channels as readonly Channel[]).includes(params.channel)) {
      throw new HttpError(400, 'invalid_input', `days: ${params.kind} cannot be sent by ${params.channel}; only 0 is allowed`, 'days');
    }
    if (params.kind === 'INACTIVE') {
      if (body.days > 0 && (!body.interval_days || !body.dead_days)) throw new HttpError(400, 'invalid_input', 'interval_days: INACTIVE needs interval_days and dead_days', body.interval_days ? 'dead_days' : 'interval_days');
      if (body.days > 0 && body.dead_days! <= body.days) throw new HttpError(400, 'invalid_input', `dead_days: must be more than days (${body.days}), or no message is ever sent`, 'dead_days');
    } else if (body.interval_days || body.dead_days) {
      throw new HttpError(400, 'invalid_input', `${body.interval_days ? 'interval_days' : 'dead_days'}: only INACTIVE has an interval and a dead setting`, body.interval_days ? 'interval_days' : 'dead_days');
    }
    return db.transaction().execute(async (trx) => {
      const s = scoped(trx, scope);
      const keys = s.location(params.locationId);
      const before = await s.selectFrom('message_rules').selectAll().where('location_id', '=', keys.location_id).where('kind', '=', params.kind).where('channel', '=', params.channel).forUpdate().executeTakeFirst();
      if (!before) throw notFound(`Rule ${params.kind}/${params.channel}`);
      const set = { days: body.days, ...(params.kind === 'INACTIVE' ? { interval_days: body.interval_days ?? before.interval_days, dead_days: body.dead_days ?? before.dead_days } : {}), ...(body.priority !== undefined ? { priority: body.priority } : {}) };
      const after = await s
        .updateTable('message_rules')
        .set(set)
        .where('location_id', '=', keys.location_id)
        .where('kind', '=', params.kind)
        .where('channel', '=', params.channel)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, scope, 'update', 'message_rule', `${keys.location_id}/${params.kind}/${params.channel}`, diff(before, set), now);
      return present(after);
    });
  },
});
