// The JSON shapes of a customer's consent (issue 14), shared by the consent routes and the card.
import { z } from 'zod';

export const consentOut = z.object({
  channel: z.string(),
  purpose: z.string(),
  basis: z.string().nullable(),
  source: z.string(),
  given_on: z.string().nullable(),
  evidence: z.record(z.string(), z.unknown()),
  expires_on: z.string().nullable(),
  hold_reason: z.string().nullable(),
});

export const consentHistoryOut = z.object({
  channel: z.string(),
  purpose: z.string(),
  basis: z.string(),
  previous_basis: z.string().nullable(),
  source: z.string(),
  given_on: z.string().nullable(),
  evidence: z.unknown(),
  recorded_at: z.string(),
});
