// Remove a location's override: the shipped template applies again.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit } from '../../accounts/audit.ts';
import { notFound } from '../../errors/app-error.ts';
import type { TemplateKey } from './save-template.ts';

export async function revertTemplate(trx: Transaction<DB>, scope: Scope, input: TemplateKey, now: Date) {
  const { kind, channel, language } = input;
  const s = scoped(trx, scope);
  const keys = s.location(input.locationId);
  const row = await s
    .deleteFrom('templates')
    .where('location_id', '=', keys.location_id)
    .where('kind', '=', kind)
    .where('channel', '=', channel)
    .where('language', '=', language)
    .returning(['id', 'location_id'])
    .executeTakeFirst();
  if (!row) throw notFound(`No ${kind} ${channel} ${language} override`);
  await audit(trx, scope, 'revert', 'template', row.id, { kind, channel, language }, now, row.location_id);
}
