// relance bounces secret [--org ID]: prints a secret for POST /hooks/bounce (derived from
// SECRET_KEY). With --org, the organization's own secret (its bounces act in it only); without,
// the installation's (a shared bounce mailbox: acts only on bounces quoting one of our messages).
import { boot } from '../../../boot.ts';
import { bounceWebhookSecret, orgBounceWebhookSecret } from '../../../delivery/bounces/record-bounce.ts';
import { UsageError, type Command } from '../../command.ts';

export const bounceSecretCommand: Command = {
  name: 'bounces secret',
  summary: 'Print a secret of the bounce webhook (POST /hooks/bounce), per organization with --org',
  usage: 'relance bounces secret [--org ID]',
  options: { org: { type: 'string' } },
  needsDatabase: true,
  async run(args, ctx) {
    const c = ctx ?? (await boot());
    const org = args.values.org;
    if (org !== undefined) {
      if (typeof org !== 'string' || !/^\d+$/.test(org))
        throw new UsageError(`--org must be an organization id (got "${String(org)}")`);
      const row = await c.db
        .selectFrom('organizations')
        .select('id')
        .where('id', '=', Number(org))
        .executeTakeFirst();
      if (!row) throw new UsageError(`no organization ${org}`);
      console.log(orgBounceWebhookSecret(c.keys, row.id));
    } else {
      console.log(bounceWebhookSecret(c.keys));
    }
    console.log(
      `Configure your provider to POST bounces to ${c.config.publicUrl}/hooks/bounce with "Authorization: Bearer <secret>".`,
    );
    return 0;
  },
};
