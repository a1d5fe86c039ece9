// Set one message rule of a location (a kind by one channel): its days (0 disables), INACTIVE's
// interval and dead days, its priority and its rank among the kind's channels.
import type { Transaction } from 'kysely';
import type { DB, MessageRule } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit, diff } from '../../accounts/audit.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import { kindSpec } from '../../domain/messages/kinds.ts';
import type { Channel } from '../../domain/channel.ts';

export interface SetMessageRuleInput {
  locationId: number;
  kind: string;
  channel: Channel;
  days: number;
  interval_days?: number | null;
  dead_days?: number | null;
  priority?: number;
  channel_rank?: number | null;
}

/** What the rule table cannot say: the channels a kind goes by, and INACTIVE's own settings. */
function checkRule(input: SetMessageRuleInput): void {
  const spec = kindSpec(input.kind);
  if (input.days > 0 && !(spec.channels as readonly Channel[]).includes(input.channel)) {
    throw new AppError(
      400,
      'invalid_input',
      `days: ${input.kind} cannot be sent by ${input.channel}; only 0 is allowed`,
      'days',
    );
  }
  if (input.kind === 'INACTIVE') {
    if (input.days > 0 && (!input.interval_days || !input.dead_days))
      throw new AppError(
        400,
        'invalid_input',
        'interval_days: INACTIVE needs interval_days and dead_days',
        input.interval_days ? 'dead_days' : 'interval_days',
      );
    if (input.days > 0 && input.dead_days! <= input.days)
      throw new AppError(
        400,
        'invalid_input',
        `dead_days: must be more than days (${input.days}), or no message is ever sent`,
        'dead_days',
      );
  } else if (input.interval_days || input.dead_days) {
    const field = input.interval_days ? 'interval_days' : 'dead_days';
    throw new AppError(
      400,
      'invalid_input',
      `${field}: only INACTIVE has an interval and a dead setting`,
      field,
    );
  }
}

export async function setMessageRule(
  trx: Transaction<DB>,
  scope: Scope,
  input: SetMessageRuleInput,
  now: Date,
): Promise<MessageRule> {
  checkRule(input);
  const s = scoped(trx, scope);
  const keys = s.location(input.locationId);
  const before = await s
    .selectFrom('message_rules')
    .selectAll()
    .where('location_id', '=', keys.location_id)
    .where('kind', '=', input.kind)
    .where('channel', '=', input.channel)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw notFound(`Rule ${input.kind}/${input.channel}`);
  const set = {
    days: input.days,
    ...(input.kind === 'INACTIVE'
      ? {
          interval_days: input.interval_days ?? before.interval_days,
          dead_days: input.dead_days ?? before.dead_days,
        }
      : {}),
    ...(input.priority !== undefined ? { priority: input.priority } : {}),
    ...(input.channel_rank !== undefined ? { channel_rank: input.channel_rank } : {}),
  };
  const after = await s
    .updateTable('message_rules')
    .set(set)
    .where('location_id', '=', keys.location_id)
    .where('kind', '=', input.kind)
    .where('channel', '=', input.channel)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(
    trx,
    scope,
    'update',
    'message_rule',
    `${keys.location_id}/${input.kind}/${input.channel}`,
    diff(before, set),
    now,
  );
  return after;
}
