// A customer's consent as the engine sees it, per channel and purpose: the recorded row when
// there is one, else the customer's default (customers.consent_basis, for marketing), with the
// expiry its basis implies (recomputed from the latest invoice at each read) and whether a
// marketing message could go today. Plus the history, newest first.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import {
  CHANNELS,
  PURPOSES,
  consentExpiresOn,
  consentHoldReason,
  normalizeBasis,
} from '../domain/compliance/consent.ts';

export interface ConsentView {
  channel: string;
  purpose: string;
  basis: string | null;
  source: string;
  given_on: string | null;
  evidence: Record<string, unknown>;
  expires_on: string | null;
  /** Null when a message of this purpose may go today; else no_consent / consent_expired. */
  hold_reason: string | null;
}

export interface ConsentHistoryEntry {
  channel: string;
  purpose: string;
  basis: string;
  previous_basis: string | null;
  source: string;
  given_on: string | null;
  evidence: unknown;
  recorded_at: string;
}

type ConsentCustomer = {
  id: number;
  consent_basis: string | null;
  consent_date: string | null;
  last_visit_on: string | null;
};

/** The consent per channel and purpose (one query): what the contact card and the portal show. */
export async function customerConsentViews(
  db: Kysely<DB> | Transaction<DB>,
  orgId: number,
  customer: ConsentCustomer,
  today: string,
): Promise<ConsentView[]> {
  const rows = await db
    .selectFrom('customer_consents')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customer.id)
    .execute();
  const own = new Map(rows.map((r) => [`${r.channel}/${r.purpose}`, r]));
  const consents: ConsentView[] = [];
  for (const channel of CHANNELS)
    for (const purpose of PURPOSES) {
      const r = own.get(`${channel}/${purpose}`);
      const basis = r ? r.basis : purpose === 'marketing' ? normalizeBasis(customer.consent_basis) : 'exempt';
      const given = r ? r.given_on : purpose === 'marketing' ? customer.consent_date : null;
      consents.push({
        channel,
        purpose,
        basis,
        source: r ? r.source : purpose === 'marketing' ? 'customer_default' : 'not_needed',
        given_on: given,
        evidence: (r?.evidence as Record<string, unknown> | undefined) ?? {},
        expires_on: consentExpiresOn(basis, given, customer.last_visit_on),
        // Service needs no consent, but one declined on this channel holds it there, as the engine does.
        hold_reason:
          purpose === 'service'
            ? r?.basis === 'none'
              ? 'no_consent'
              : null
            : consentHoldReason(basis, given, customer.last_visit_on, today),
      });
    }
  return consents;
}

/** The consent per channel and purpose, and its history newest first. */
export async function loadCustomerConsents(
  db: Kysely<DB> | Transaction<DB>,
  orgId: number,
  customer: ConsentCustomer,
  today: string,
): Promise<{ consents: ConsentView[]; history: ConsentHistoryEntry[] }> {
  const consents = await customerConsentViews(db, orgId, customer, today);
  const history = await db
    .selectFrom('customer_consent_history')
    .select([
      'channel',
      'purpose',
      'basis',
      'previous_basis',
      'source',
      'given_on',
      'evidence',
      'recorded_at',
    ])
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customer.id)
    .orderBy('id', 'desc')
    .execute();
  return {
    consents,
    history: history.map((h) => ({ ...h, recorded_at: new Date(h.recorded_at).toISOString() })),
  };
}
