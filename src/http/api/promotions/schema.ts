// How the promotion routes answer, and how a command's refusal becomes a 400.
import { z } from 'zod';
import { HttpError } from '../../errors.ts';
import { InputError } from '../../../commands/input-error.ts';

export const promotionOut = z.object({
  id: z.number(),
  location_id: z.number(),
  name: z.string(),
  coupon_code: z.string().nullable(),
  text: z.record(z.string(), z.string()),
  valid_from: z.string().nullable(),
  valid_until: z.string().nullable(),
  ended_on: z.string().nullable(),
  status: z.enum(['scheduled', 'running', 'expired', 'ended']),
});

export function asHttpError(err: unknown): unknown {
  return err instanceof InputError
    ? new HttpError(400, 'invalid_input', err.message, err.field, { detail: err.detail })
    : err;
}
