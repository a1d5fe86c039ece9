// PUT /api/v1/locations/:locationId/message-rules/:kind/:channel: Set a rule’s days (0 disables); INACTIVE also takes interval_days and dead_days;
// channel_rank orders the kind's channels at the location (1 first; null: email, text, postcard).
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, messageKind } from '../schemas.ts';
import { HttpError, notFound } from '../../errors.ts';
import { audit, diff } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { kindSpec } from '../../../domain/messages/kinds.ts';
import type { Channel } from '../../../domain/channel.ts';
import { ruleOut, present } from './shared.ts';

export const updateRuleRoute = defineRoute({
  method: 'PUT',
  path: '/locations/:locationId/message-rules/:kind/:channel',
  summary: 'Set a rule’s days (0 disables); INACTIVE also takes interval_days and dead_days',
  tag: 'Message rules',
  auth: 'rules.write',
  isolation: 'tenant',
  params: z.strictObject({
    locationId: id,
    kind: messageKind,
    channel: z.enum(['email', 'postcard', 'sms']),
  }),
  body: z.strictObject({
    days: z.number().int().min(0).max(3650),
    interval_days: z.number().int().min(1).max(3650).nullable().optional(),
    dead_days: z.number().int().min(1).max(7300).nullable().optional(),
    priority: z.number().int().min(0).max(1000).optional(),
    channel_rank: z.number().int().min(1).max(3).nullable().optional(),
  }),
  response: ruleOut,
  example: (ids) => ({
    params: { locationId: ids.locationId, kind: 'INACTIVE', channel: 'email' },
    body: { days: 90, interval_days: 90, dead_days: 365 },
  }),
  async handler({ db, scope, params, body, now }) {
    const spec = kindSpec(params.kind);
    if (body.days > 0 && !(spec.channels as readonly Channel[]).includes(params.channel)) {
      throw new HttpError(
        400,
        'invalid_input',
        `days: ${params.kind} cannot be sent by ${params.channel}; only 0 is allowed`,
        'days',
      );
    }
    if (params.kind === 'INACTIVE') {
      if (body.days > 0 && (!body.interval_days || !body.dead_days))
        throw new HttpError(
          400,
          'invalid_input',
          'interval_days: INACTIVE needs interval_days and dead_days',
          body.interval_days ? 'dead_days' : 'interval_days',
        );
      if (body.days > 0 && body.dead_days! <= body.days)
        throw new HttpError(
          400,
          'invalid_input',
          `dead_days: must be more than days (${body.days}), or no message is ever sent`,
          'dead_days',
        );
    } else if (body.interval_days || body.dead_days) {
      throw new HttpError(
        400,
        'invalid_input',
        `${body.interval_days ? 'interval_days' : 'dead_days'}: only INACTIVE has an interval and a dead setting`,
        body.interval_days ? 'interval_days' : 'dead_days',
      );
    }
    return db.transaction().execute(async (trx) => {
      const s = scoped(trx, scope);
      const keys = s.location(params.locationId);
      const before = await s
        .selectFrom('message_rules')
        .selectAll()
        .where('location_id', '=', keys.location_id)
        .where('kind', '=', params.kind)
        .where('channel', '=', params.channel)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound(`Rule ${params.kind}/${params.channel}`);
      const set = {
        days: body.days,
        ...(params.kind === 'INACTIVE'
          ? {
              interval_days: body.interval_days ?? before.interval_days,
              dead_days: body.dead_days ?? before.dead_days,
            }
          : {}),
        ...(body.priority !== undefined ? { priority: body.priority } : {}),
        ...(body.channel_rank !== undefined ? { channel_rank: body.channel_rank } : {}),
      };
      const after = await s
        .updateTable('message_rules')
        .set(set)
        .where('location_id', '=', keys.location_id)
        .where('kind', '=', params.kind)
        .where('channel', '=', params.channel)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(
        trx,
        scope,
        'update',
        'message_rule',
        `${keys.location_id}/${params.kind}/${params.channel}`,
        diff(before, set),
        now,
      );
      return present(after);
    });
  },
});
