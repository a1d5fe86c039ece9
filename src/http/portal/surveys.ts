// GET /portal/surveys: the customer's surveys still waiting for an answer, each linking to the
// survey page of its E03 message (the same signed link the email carries).
import { pt } from '../../i18n/portal-strings.ts';
import { surveyUrl } from '../../delivery/merge/links.ts';
import { own } from '../../portal/customer-scope.ts';
import { portalRoute } from './define.ts';
import { when } from './present.ts';

export const surveysRoute = portalRoute({
  method: 'GET',
  path: '/portal/surveys',
  signedIn: true,
  async handle(c) {
    const rows = await own(c.ctx.db, c.cs)
      .surveys()
      .select(['surveys.message_id', 'surveys.created_at'])
      .where('surveys.answered_at', 'is', null)
      .where('surveys.message_id', 'is not', null)
      .orderBy('surveys.created_at', 'desc')
      .limit(20)
      .execute();
    const links = { publicUrl: '', keys: c.ctx.keys, now: c.now };
    return {
      view: 'surveys',
      title: pt(c.language, 'surveys_title'),
      data: {
        business: c.location.business_name ?? c.location.name,
        surveys: rows.map((s) => ({
          label: pt(c.language, 'survey_for', { day: when(s.created_at, c.location, c.language) }),
          href: surveyUrl(links, { org: c.cs.orgId, message: s.message_id!, customer: c.cs.customerId }),
        })),
      },
    };
  },
});
