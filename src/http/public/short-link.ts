// GET /t/:orgId/:code: the short link a text carries (delivery/sms/short-links.ts). It leads to the
// customer's portal through the same signed sign-in link an email carries (60 days), made now;
// an unknown or expired code shows the invalid-link page.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { portalUrl } from '../../delivery/merge/links.ts';
import { resolveShortLink } from '../../delivery/sms/short-links.ts';
import { sendInvalidLink } from './invalid-link-page.ts';

export async function shortLinkRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Params: { orgId: string; code: string } }>('/t/:orgId/:code', async (req, reply) => {
    const orgId = Number(req.params.orgId);
    const code = req.params.code;
    const now = ctx.now();
    const target =
      Number.isSafeInteger(orgId) && /^[\w-]{1,20}$/.test(code)
        ? await resolveShortLink(ctx.db, orgId, code, now)
        : null;
    if (!target) return sendInvalidLink(req, reply);
    return reply
      .header('cache-control', 'no-store')
      .redirect(
        portalUrl(
          { publicUrl: ctx.config.publicUrl, keys: ctx.keys, now },
          { o: orgId, c: target.customerId },
        ),
        302,
      );
  });
}
