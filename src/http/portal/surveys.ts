// GET /portal/surveys: the customer's surveys still waiting for an answer: each E03 survey email
// sent to them (within its link's year) with no answer recorded yet, linking to its survey page
// (the same signed link the email carries). A survey row exists only once answered
// (delivery/surveys/record-survey-answer.ts), so the list is read from the messages.
import { pt } from '../../i18n/portal-strings.ts';
import { surveyUrl } from '../../delivery/merge/links.ts';
import { own } from '../../portal/customer-scope.ts';
import { localDay } from '../../i18n/format.ts';
import { portalRoute } from './define.ts';
import { day } from './present.ts';

const SURVEY_LINK_DAYS = 365; // security/signed-links.ts, purpose `survey`

export const surveysRoute = portalRoute({
  method: 'GET',
  path: '/portal/surveys',
  signedIn: true,
  async handle(c) {
    const since = new Date(c.now.getTime() - SURVEY_LINK_DAYS * 86_400_000);
    const rows = await own(c.ctx.db, c.cs)
      .messages()
      .leftJoin('surveys', (j) =>
        j.onRef('surveys.org_id', '=', 'messages.org_id').onRef('surveys.message_id', '=', 'messages.id'),
      )
      .leftJoin('repair_orders', (j) =>
        j
          .onRef('repair_orders.org_id', '=', 'messages.org_id')
          .onRef('repair_orders.id', '=', 'messages.repair_order_id'),
      )
      .select(['messages.id', 'messages.sent_at', 'repair_orders.closed_on'])
      .where('messages.kind', '=', 'E03')
      .where('messages.status', '=', 'sent')
      .where('messages.sent_at', '>=', since)
      .where('surveys.answered_at', 'is', null)
      .orderBy('messages.sent_at', 'desc')
      .limit(20)
      .execute();
    const links = { publicUrl: '', keys: c.ctx.keys, now: c.now };
    return {
      view: 'surveys',
      title: pt(c.language, 'surveys_title'),
      data: {
        business: c.location.business_name ?? c.location.name,
        surveys: rows.map((s) => ({
          label: pt(c.language, 'survey_for', {
            day: day(s.closed_on ?? localDay(s.sent_at!, c.location.time_zone), c.location, c.language),
          }),
          href: surveyUrl(links, { org: c.cs.orgId, message: s.id, customer: c.cs.customerId }),
        })),
      },
    };
  },
});
