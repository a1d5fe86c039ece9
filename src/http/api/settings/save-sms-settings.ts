// PUT /locations/:locationId/settings/sms: the location's text provider (Twilio-compatible REST
// API). The auth token is encrypted at rest and never returned (auth_token_set: true).
import { z } from 'zod';
import { saveSmsSettings } from '../../../commands/save-sms-settings.ts';
import { defineRoute } from '../define.ts';
import { e164, id } from '../schemas.ts';
import { smsSettingsOut } from './schema.ts';

export { smsSettingsOut };

export const saveSmsSettingsRoute = defineRoute({
  method: 'PUT',
  path: '/locations/:locationId/settings/sms',
  summary: 'Save the Text messages tab: provider account, sender, quiet hours (the token is never returned)',
  tag: 'Settings',
  auth: 'settings.write',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  body: z.strictObject({
    enabled: z.boolean(),
    api_base_url: z
      .url({ protocol: /^https?$/ })
      .max(300)
      .optional(),
    account_sid: z.string().trim().min(2).max(64),
    auth_token: z.string().min(1).max(200).optional(),
    from_number: e164.nullable().default(null),
    messaging_service_sid: z.string().trim().min(2).max(64).nullable().default(null),
    send_from_hour: z.number().int().min(0).max(23).optional(),
    send_until_hour: z.number().int().min(1).max(24).optional(),
  }),
  response: smsSettingsOut,
  example: (ids) => ({
    params: { locationId: ids.locationId },
    body: {
      enabled: true,
      account_sid: 'AC0123456789abcdef0123456789abcdef',
      auth_token: 'your-auth-token',
      from_number: '+15145550100',
      send_from_hour: 9,
      send_until_hour: 20,
    },
  }),
  async handler({ ctx, db, scope, params, body, now }) {
    return db.transaction().execute((trx) =>
      saveSmsSettings(
        trx,
        scope,
        {
          locationId: params.locationId,
          enabled: body.enabled,
          apiBaseUrl: body.api_base_url,
          accountSid: body.account_sid,
          authToken: body.auth_token,
          fromNumber: body.from_number,
          messagingServiceSid: body.messaging_service_sid,
          sendFromHour: body.send_from_hour,
          sendUntilHour: body.send_until_hour,
        },
        () => now,
        ctx.keys,
      ),
    );
  },
});
