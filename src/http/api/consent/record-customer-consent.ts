// PUT a customer's consent for one channel and purpose, with its evidence (audited, kept in the
// history). Re-subscribing a customer who opted out themselves needs express consent and
// evidence.text (what they said or signed, and where).
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { dateStr, id } from '../schemas.ts';
import { recordConsent } from '../../../commands/record-consent.ts';
import { loadCustomerConsents } from '../../../commands/load-customer-consents.ts';
import { BASES, CHANNELS, PURPOSES } from '../../../domain/compliance/consent.ts';
import { consentHistoryOut, consentOut } from './consent-schema.ts';
import { customerWithToday } from './customer-today.ts';
import { scoped } from '../../../tenancy/scoped.ts';

export const recordCustomerConsentRoute = defineRoute({
  method: 'PUT',
  path: '/customers/:customerId/consents/:channel/:purpose',
  summary: 'Record consent (or its withdrawal) with evidence; audited',
  tag: 'Customers',
  auth: 'customers.write',
  isolation: 'tenant',
  params: z.strictObject({ customerId: id, channel: z.enum(CHANNELS), purpose: z.enum(PURPOSES) }),
  body: z.strictObject({
    basis: z.enum(BASES),
    given_on: dateStr.nullable().optional(),
    evidence: z
      .strictObject({
        text: z.string().max(2000).optional(),
        form: z.string().max(200).optional(),
        text_version: z.string().max(50).optional(),
        file: z.string().max(300).optional(),
        line: z.number().int().optional(),
      })
      .default({}),
  }),
  response: z.object({ consents: z.array(consentOut), history: z.array(consentHistoryOut) }),
  example: (ids) => ({
    params: { customerId: ids.customerId, channel: 'email', purpose: 'marketing' },
    body: { basis: 'express', evidence: { text: 'Ticked the box on the work order, signed 2026-03-01' } },
  }),
  async handler({ db, scope, params, body, now }) {
    return db.transaction().execute(async (trx) => {
      await recordConsent(
        trx,
        scope,
        {
          customerId: params.customerId,
          channel: params.channel,
          purpose: params.purpose,
          basis: body.basis,
          givenOn: body.given_on ?? null,
          evidence: body.evidence,
          source: scope.actor.type === 'api_token' ? 'api' : 'staff',
        },
        () => now,
      );
      const { customer, today } = await customerWithToday(scoped(trx, scope), params.customerId, now);
      return loadCustomerConsents(trx, scope.orgId, customer, today);
    });
  },
});
