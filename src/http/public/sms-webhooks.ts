// The text provider's webhooks, one pair per location (the URLs to set at the provider,
// docs/sms.md): POST /hooks/sms/:orgId/:locationId/inbound (a text from a customer; answered with
// TwiML) and /status (the StatusCallback of each text sent). No staff session: a request is
// believed only when its X-Twilio-Signature matches, computed with that location's own auth
// token over PUBLIC_URL + the path and the form parameters, so one location's token cannot act
// on another's URL.
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { receiveText } from '../../commands/receive-text.ts';
import { recordTextStatus } from '../../commands/record-text-status.ts';
import { validTwilioSignature } from '../../delivery/sms/signature.ts';
import { loadTextSettings } from '../../delivery/sms/sms-settings.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { HttpError } from '../errors.ts';

interface Params {
  orgId: string;
  locationId: string;
}

const xml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const twiml = (reply: string | null) =>
  `<?xml version="1.0" encoding="UTF-8"?><Response>${reply ? `<Message>${xml(reply)}</Message>` : ''}</Response>`;

export async function smsWebhookRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(formbody);

  /** The location's scope when the request carries its provider's signature; 403 otherwise. */
  async function signedScope(req: FastifyRequest<{ Params: Params; Body: unknown }>): Promise<{
    scope: Scope;
    params: Record<string, string>;
  }> {
    const orgId = Number(req.params.orgId);
    const locationId = Number(req.params.locationId);
    const refuse = () =>
      new HttpError(403, 'forbidden', 'X-Twilio-Signature: missing or not valid for this URL');
    if (!Number.isSafeInteger(orgId) || !Number.isSafeInteger(locationId)) throw refuse();
    const settings = await loadTextSettings(ctx.db, ctx.keys, orgId, locationId);
    const signature = req.headers['x-twilio-signature'];
    const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
    const params = Object.fromEntries(
      Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? String(v[0]) : String(v)]),
    );
    if (
      !settings.provider ||
      typeof signature !== 'string' ||
      !validTwilioSignature(
        settings.provider.authToken.reveal(),
        signature,
        `${ctx.config.publicUrl}${req.url}`,
        params,
      )
    )
      throw refuse();
    return {
      scope: { orgId, actor: { type: 'customer', id: 0 }, userId: null, locationIds: [locationId] },
      params,
    };
  }

  const field = (params: Record<string, string>, name: string, max = 2000) => {
    const v = params[name];
    if (v === undefined || v === '') throw new HttpError(400, 'invalid_input', `${name}: missing`, name);
    return v.slice(0, max);
  };

  app.post<{ Params: Params }>('/hooks/sms/:orgId/:locationId/inbound', async (req, reply) => {
    const { scope, params } = await signedScope(req);
    const from = field(params, 'From', 40);
    const sid = field(params, 'MessageSid', 64);
    const result = await ctx.db
      .transaction()
      .execute((trx) =>
        receiveText(
          trx,
          scope,
          { locationId: scope.locationIds[0]!, from, body: params.Body ?? '', providerSid: sid },
          ctx.now(),
        ),
      );
    return reply.type('text/xml; charset=utf-8').send(twiml(result.reply));
  });

  app.post<{ Params: Params }>('/hooks/sms/:orgId/:locationId/status', async (req, reply) => {
    const { scope, params } = await signedScope(req);
    const sid = field(params, 'MessageSid', 64);
    const status = field(params, 'MessageStatus', 40);
    await ctx.db.transaction().execute((trx) =>
      recordTextStatus(
        trx,
        scope,
        {
          locationId: scope.locationIds[0]!,
          providerSid: sid,
          status,
          errorCode: params.ErrorCode ?? null,
        },
        ctx.now(),
      ),
    );
    return reply.status(204).send();
  });
}
