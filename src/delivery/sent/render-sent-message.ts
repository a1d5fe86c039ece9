// A message to a customer as it was sent, for the customer's file: what is stored is the message's
// merge data (payload) and its send time, not the rendered text, so the message is rendered again
// from them with the same template choice as the sender (campaign text, else the location's
// override, else the shipped template) and links signed at the send time. When the location edited
// that template after the message went out, the answer says so (the wording shown is today's).
// A text shows its caught copy when the catch mode kept one; a postcard is the printed card.
import type { Kysely } from 'kysely';
import type { DB, Message } from '../../db/schema.ts';
import type { MessagePayload } from '../../domain/messages/payload.ts';
import { t } from '../../i18n/delivery-strings.ts';
import { buildMergeData, businessAddress } from '../merge/build-merge-data.ts';
import type { LinkContext } from '../merge/links.ts';
import { key, loadSendContext, overrideFor, overrideKey } from '../merge/load-send-context.ts';
import { addressLines } from '../postcards/build-postcard-batch.ts';
import type { PostcardCard } from '../postcards/render-postcards-pdf.ts';
import { portalUrl } from '../merge/links.ts';
import { renderText } from '../sms/text-templates.ts';
import { renderTemplate } from '../templates/render-message.ts';

export interface SentMessageView {
  subject: string | null;
  /** The email's HTML (null for postcards and texts). */
  html: string | null;
  text: string;
  template: {
    source: 'shipped' | 'override' | 'campaign' | 'caught_copy';
    version: number | null;
    /** The location edited the template after this message was sent: the wording is today's. */
    changed_since_sent: boolean;
  };
  /** Postcards: the card as printed. */
  card: PostcardCard | null;
}

export async function renderSentMessage(
  db: Kysely<DB>,
  m: Message,
  links: Omit<LinkContext, 'now'>,
  now: Date,
): Promise<SentMessageView | null> {
  if (m.channel !== 'email' && m.channel !== 'postcard' && m.channel !== 'sms') return null;
  const sentAt = m.sent_at ?? now;
  const linkCtx = { ...links, now: sentAt };
  const sc = await loadSendContext(db, [m]);
  const location = sc.locations.get(key(m.org_id, m.location_id));
  const customer = m.customer_id !== null ? sc.customers.get(key(m.org_id, m.customer_id)) : undefined;
  if (!location || !customer) return null;
  const data = buildMergeData(
    {
      message: m,
      language: m.language,
      location,
      customer,
      staff: null,
      surveys: ((m.payload as MessagePayload).survey_ids ?? []).flatMap(
        (id) => sc.surveys.get(key(m.org_id, id)) ?? [],
      ),
    },
    linkCtx,
  );
  const saved = await db
    .selectFrom('templates')
    .select(['version', 'updated_at'])
    .where('org_id', '=', m.org_id)
    .where('location_id', '=', m.location_id)
    .where('kind', '=', m.kind)
    .where('channel', '=', m.channel)
    .where('language', '=', m.language)
    .executeTakeFirst();
  const changed = !!saved && m.sent_at !== null && saved.updated_at > m.sent_at;

  if (m.channel === 'sms') {
    const caught = await db
      .selectFrom('caught_texts')
      .select('body')
      .where('org_id', '=', m.org_id)
      .where('message_id', '=', m.id)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (caught)
      return {
        subject: null,
        html: null,
        text: caught.body,
        template: { source: 'caught_copy', version: null, changed_since_sent: false },
        card: null,
      };
    const link = await db
      .selectFrom('sms_links')
      .select('code')
      .where('org_id', '=', m.org_id)
      .where('message_id', '=', m.id)
      .executeTakeFirst();
    if (link) data.short_link = `${links.publicUrl}/t/${m.org_id}/${link.code}`;
    const override = sc.overrides.get(overrideKey(m.org_id, m.location_id, m.kind, 'sms', m.language));
    return {
      subject: null,
      html: null,
      text: renderText({ kind: m.kind, language: m.language, override: override?.body ?? null }, data),
      template: {
        source: override ? 'override' : 'shipped',
        version: override?.version ?? null,
        changed_since_sent: changed,
      },
      card: null,
    };
  }

  const override = overrideFor(sc, m, m.channel, m.language);
  const rendered = await renderTemplate(
    { kind: m.kind, channel: m.channel, language: m.language, override },
    data,
  );
  const template = {
    source:
      m.kind === 'CAMPAIGN' && override
        ? ('campaign' as const)
        : override
          ? ('override' as const)
          : ('shipped' as const),
    version: override && m.kind !== 'CAMPAIGN' ? override.version : null,
    changed_since_sent: m.kind === 'CAMPAIGN' ? false : changed,
  };
  if (m.channel === 'email')
    return { subject: rendered.subject, html: rendered.html, text: rendered.text, template, card: null };
  const business = String(data.business_name);
  const shortPortal = `${links.publicUrl.replace(/^https?:\/\//, '')}/portal`;
  return {
    subject: rendered.subject,
    html: null,
    text: rendered.text,
    template,
    card: {
      headline: rendered.subject,
      businessName: business,
      phoneLine: data.business_phone
        ? t(m.language, 'postcard_call', { phone: String(data.business_phone) })
        : data.business_email
          ? t(m.language, 'postcard_write', { email: String(data.business_email) })
          : '',
      webLine: t(m.language, 'postcard_web', { url: shortPortal }),
      qrLink: portalUrl(linkCtx, { o: m.org_id, c: customer.id }, 'postcard'),
      text: rendered.text,
      to: addressLines(customer, location.country),
      from: [business, ...businessAddress(location).split(', ')],
    },
  };
}
