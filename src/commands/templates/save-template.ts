// Save a location's override of one kind × channel × language (a new version each time), once it
// passes the template checks.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Channel } from '../../domain/channel.ts';
import type { Language } from '../../domain/language.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit } from '../../accounts/audit.ts';
import { checkCompiles, checkTemplate, checkText } from './check-template.ts';

export interface TemplateKey {
  locationId: number;
  kind: string;
  channel: Channel;
  language: Language;
}

export async function saveTemplate(
  trx: Transaction<DB>,
  scope: Scope,
  input: TemplateKey & { subject: string | null | undefined; body: string },
  now: Date,
) {
  const { kind, channel, language } = input;
  if (channel === 'sms') checkText({ kind, subject: input.subject, body: input.body });
  else {
    checkTemplate({ kind, channel, subject: input.subject, body: input.body });
    await checkCompiles({ kind, channel, language, subject: input.subject, body: input.body });
  }
  const keys = scoped(trx, scope).location(input.locationId);
  const values = {
    subject: channel === 'sms' ? null : (input.subject ?? null),
    body: input.body,
    updated_by: scope.userId,
    updated_at: now,
  };
  const row = await trx
    .insertInto('templates')
    .values({ ...keys, kind, channel, language, ...values })
    .onConflict((oc) =>
      oc
        .columns(['org_id', 'location_id', 'kind', 'channel', 'language'])
        .doUpdateSet((eb) => ({ ...values, version: eb('templates.version', '+', 1) })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(trx, scope, 'save', 'template', row.id, { kind, channel, language, version: row.version }, now);
  return row;
}
