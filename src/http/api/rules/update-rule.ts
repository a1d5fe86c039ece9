// PUT /api/v1/locations/:locationId/message-rules/:kind/:channel: Set a rule’s days (0 disables); INACTIVE also takes interval_days and dead_days;
// channel_rank orders the kind's channels at the location (1 first; null: email, text, postcard).
import { setMessageRule } from '../../../commands/rules/set-message-rule.ts';
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, messageKind } from '../schemas.ts';
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
    const rule = await db
      .transaction()
      .execute((trx) =>
        setMessageRule(
          trx,
          scope,
          { locationId: params.locationId, kind: params.kind, channel: params.channel, ...body },
          now,
        ),
      );
    return present(rule);
  },
});
