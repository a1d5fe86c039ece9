// GET a customer's consent per channel × purpose (basis, source, date, evidence, expiry, whether
// marketing may go today) and its history.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { loadCustomerConsents } from '../../../commands/load-customer-consents.ts';
import { consentHistoryOut, consentOut } from './consent-schema.ts';
import { customerWithToday } from './customer-today.ts';

export const getCustomerConsentsRoute = defineRoute({
  method: 'GET',
  path: '/customers/:customerId/consents',
  summary: 'Consent per channel and purpose, its expiry and history (CASL)',
  tag: 'Customers',
  auth: 'customers.read',
  isolation: 'tenant',
  params: z.strictObject({ customerId: id }),
  response: z.object({ consents: z.array(consentOut), history: z.array(consentHistoryOut) }),
  example: (ids) => ({ params: { customerId: ids.customerId } }),
  async handler({ db, s, scope, params, now }) {
    const { customer, today } = await customerWithToday(s, params.customerId, now);
    return loadCustomerConsents(db, scope.orgId, customer, today);
  },
});
