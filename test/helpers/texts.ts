// Text message test helpers: a shop with texts on and a provider (the local fake) set through
// the same command as the API, and a customer with a mobile number and consent for texts.
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { recordConsent } from '../../src/commands/record-consent.ts';
import { saveSmsSettings } from '../../src/commands/save-sms-settings.ts';
import type { Keys } from '../../src/security/keys.ts';
import type { Scope } from '../../src/tenancy/scope.ts';
import { makeCustomer, makeShop } from './factories.ts';
import type { FakeSmsProvider } from './fake-sms-provider.ts';

export const SHOP_NUMBER = '+15145550100';

export function ownerScope(shop: { orgId: number; locationId: number }): Scope {
  return {
    orgId: shop.orgId,
    actor: { type: 'operator', id: 0 },
    userId: null,
    locationIds: [shop.locationId],
  };
}

export async function makeTextShop(
  db: Kysely<DB>,
  keys: Keys,
  provider: FakeSmsProvider | null,
  hours: { sendFromHour?: number; sendUntilHour?: number } = {},
) {
  const shop = await makeShop(db, { sms_enabled: true });
  if (provider)
    await db.transaction().execute((trx) =>
      saveSmsSettings(
        trx,
        ownerScope(shop),
        {
          locationId: shop.locationId,
          enabled: true,
          apiBaseUrl: provider.url,
          accountSid: provider.accountSid,
          authToken: provider.authToken,
          fromNumber: SHOP_NUMBER,
          messagingServiceSid: null,
          ...hours,
        },
        () => new Date(),
        keys,
      ),
    );
  return shop;
}

let n = 0;

export async function makeTextCustomer(
  db: Kysely<DB>,
  shop: { orgId: number; locationId: number },
  values: {
    language?: 'en' | 'fr' | 'es';
    consent?: 'service' | 'marketing' | null;
    first_name?: string;
  } = {},
) {
  const customer = await makeCustomer(db, shop, {
    mobile_phone: `+1514555${String(2000 + ++n).padStart(4, '0')}`,
    language: values.language ?? 'en',
    first_name: values.first_name ?? 'Marie',
  });
  if (values.consent !== null)
    await db.transaction().execute((trx) =>
      recordConsent(
        trx,
        ownerScope(shop),
        {
          customerId: customer.id,
          channel: 'text',
          purpose: values.consent ?? 'marketing',
          basis: 'express',
          evidence: { text: 'Signed the texting box on the work order' },
          source: 'staff',
        },
        () => new Date(),
      ),
    );
  return customer;
}
