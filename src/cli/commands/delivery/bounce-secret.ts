// relance bounces secret: prints the shared secret for POST /hooks/bounce (derived from SECRET_KEY).
import { boot } from '../../../boot.ts';
import { bounceWebhookSecret } from '../../../delivery/bounces/record-bounce.ts';
import type { Command } from '../../command.ts';

export const bounceSecretCommand: Command = {
  name: 'bounces secret',
  summary: 'Print the shared secret of the bounce webhook (POST /hooks/bounce)',
  usage: 'relance bounces secret',
  needsDatabase: true,
  async run(_args, ctx) {
    const c = ctx ?? (await boot());
    console.log(bounceWebhookSecret(c.keys));
    console.log(`Configure your provider to POST bounces to ${c.config.publicUrl}/hooks/bounce with "Authorization: Bearer <secret>".`);
    return 0;
  },
};
