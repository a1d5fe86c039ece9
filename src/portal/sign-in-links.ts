// Passwordless sign-in: the customer types their email, each customer file with that address
// gets a one-time link (random secret, SHA-256 stored, single use, 15 minutes, bound to that
// customer and organization), emailed in the customer's language from their shop. The HTTP side
// answers before any of this runs, so a known and an unknown address look and time the same.
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { hashSecret, newSecret } from '../accounts/tokens.ts';
import { createMailer } from '../delivery/email/mailer.ts';
import { pt } from '../i18n/portal-strings.ts';
import { portalLanguage } from './customer-scope.ts';
import { orgOf } from './portal-sessions.ts';

export const SIGN_IN_LINK_MS = 15 * 60_000;
/** One address may be on a few files (a family, two shops); beyond this many, none is mailed. */
const MAX_FILES_PER_EMAIL = 5;

export async function issueSignInLinks(ctx: AppContext, email: string, now: Date): Promise<number> {
  const address = email.trim().toLowerCase();
  const customers = await ctx.db
    .selectFrom('customers')
    .innerJoin('locations', (j) =>
      j
        .onRef('locations.org_id', '=', 'customers.org_id')
        .onRef('locations.id', '=', 'customers.location_id'),
    )
    .select([
      'customers.org_id',
      'customers.location_id',
      'customers.id',
      'customers.email',
      'customers.mailing_name',
      'customers.language',
      'locations.language as location_language',
      'locations.business_name',
      'locations.name as location_name',
      'locations.business_email',
      'locations.email as location_email',
    ])
    .where((eb) => eb(eb.fn('lower', ['customers.email']), '=', address))
    .where('customers.deceased', '=', false)
    .where('customers.email_status', '=', 'ok')
    .limit(MAX_FILES_PER_EMAIL + 1)
    .execute();
  if (customers.length === 0 || customers.length > MAX_FILES_PER_EMAIL) return 0;
  const mailer = createMailer(ctx.config, ctx.db);
  try {
    for (const c of customers) {
      const token = newSecret(`${c.org_id}.`);
      await ctx.db
        .insertInto('portal_sign_in_links')
        .values({
          token_hash: hashSecret(token),
          org_id: c.org_id,
          customer_id: c.id,
          created_at: now,
          expires_at: new Date(now.getTime() + SIGN_IN_LINK_MS),
        })
        .execute();
      const l = portalLanguage(c, { language: c.location_language });
      const business = c.business_name ?? c.location_name;
      const link = `${ctx.config.publicUrl}/portal/link/${token}`;
      const fromAddress = c.business_email ?? c.location_email;
      await mailer.send(
        {
          from: fromAddress ? { name: business, address: fromAddress } : ctx.config.MAIL_FROM,
          to: c.email!,
          subject: pt(l, 'link_email_subject', { business }),
          text: pt(l, 'link_email_text', { name: c.mailing_name, business, link }),
          headers: { 'Content-Language': l },
        },
        c.org_id,
        c.location_id,
      );
    }
  } finally {
    mailer.close();
  }
  return customers.length;
}

/** The customer a one-time link signs in, if it is still usable; null otherwise. Does not use it. */
export async function peekSignInLink(db: Kysely<DB>, token: string, now: Date) {
  const orgId = orgOf(token, '');
  if (orgId === null) return null;
  const row = await db
    .selectFrom('portal_sign_in_links')
    .select(['org_id', 'customer_id'])
    .where('org_id', '=', orgId)
    .where('token_hash', '=', hashSecret(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? { orgId: row.org_id, customerId: row.customer_id } : null;
}

/** Uses the link (atomically: a second or concurrent use finds nothing) and returns its customer. */
export async function redeemSignInLink(db: Kysely<DB>, token: string, now: Date) {
  const orgId = orgOf(token, '');
  if (orgId === null) return null;
  const row = await db
    .updateTable('portal_sign_in_links')
    .set({ used_at: now })
    .where('org_id', '=', orgId)
    .where('token_hash', '=', hashSecret(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['org_id', 'customer_id'])
    .executeTakeFirst();
  return row ? { orgId: row.org_id, customerId: row.customer_id } : null;
}
