// POST /hooks/bounce: a mail provider (or a mailbox forwarder) reports bounces. Authenticated by
// a secret (Authorization: Bearer …, or ?secret=…), see `relance bounces secret`: an
// organization's own secret confines its bounces to that organization; the installation's secret
// (one shared bounce mailbox) acts only on bounces that quote one of our messages, in that
// message's organization. Never across tenants (record-bounce.ts).
// Accepts JSON { recipient, status, message_id? } (one or a list) or a raw DSN (multipart/report).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { parseDsn, type Bounce } from '../../delivery/bounces/parse-dsn.ts';
import { checkBounceSecret, recordBounce } from '../../delivery/bounces/record-bounce.ts';
import { HttpError } from '../errors.ts';

const jsonBounce = z.object({
  recipient: z.string().email(),
  status: z.string().regex(/^[245]\.\d{1,3}\.\d{1,3}$/, 'must be an enhanced status code like 5.1.1'),
  message_id: z.string().max(500).optional(),
  diagnostic: z.string().max(1000).optional(),
});

export async function bounceWebhookRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  for (const type of ['multipart/report', 'message/rfc822', 'text/plain']) {
    app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
  }

  app.post<{ Querystring: { secret?: string } }>('/hooks/bounce', async (req) => {
    const given =
      (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '') ||
      (typeof req.query.secret === 'string' ? req.query.secret : '');
    const caller = checkBounceSecret(ctx.keys, given.slice(0, 200));
    if (!caller) throw new HttpError(401, 'unauthorized', 'Missing or wrong bounce webhook secret');
    let bounces: Bounce[];
    if (typeof req.body === 'string') {
      bounces = await parseDsn(
        req.headers['content-type']?.startsWith('multipart/report')
          ? `Content-Type: ${req.headers['content-type']}\n\n${req.body}`
          : req.body,
      );
      if (!bounces.length)
        throw new HttpError(
          400,
          'invalid_input',
          'Not a delivery status notification (multipart/report; report-type=delivery-status)',
        );
    } else {
      const list = z.union([jsonBounce, z.array(jsonBounce).max(1000)]).safeParse(req.body);
      if (!list.success) {
        const issue = list.error.issues[0]!;
        throw new HttpError(
          400,
          'invalid_input',
          `${issue.path.join('.') || 'body'}: ${issue.message}`,
          issue.path.join('.'),
        );
      }
      bounces = (Array.isArray(list.data) ? list.data : [list.data]).map((b) => ({
        recipient: b.recipient,
        status: b.status,
        hard: b.status.startsWith('5'),
        action: null,
        diagnostic: b.diagnostic ?? null,
        messageId: b.message_id ?? null,
      }));
    }
    const total = { messages: 0, customers: 0, unmatched: 0 };
    for (const b of bounces) {
      const r = await recordBounce(ctx.db, b, ctx.now(), caller.orgId);
      total.messages += r.messages;
      total.customers += r.customers;
      total.unmatched += r.unmatched;
    }
    return { bounces: bounces.length, hard: bounces.filter((b) => b.hard).length, ...total };
  });
}
