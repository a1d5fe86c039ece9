// What a portal operation can refuse, as values the pages turn into a message in the customer's
// language (never a stack trace): the key names the string in i18n/portal-strings.ts.
import type { PortalKey } from '../i18n/portal-strings.ts';

/** Not found, or not the signed-in customer's: both answer 404 alike. */
export class PortalNotFound extends Error {
  constructor(what: string) {
    super(`${what} not found`);
  }
}

/** Bad input in a form: the field and what to say about it. */
export class PortalInputError extends Error {
  readonly field: string;
  readonly key: PortalKey;
  readonly values: Record<string, string | number>;
  constructor(field: string, key: PortalKey, values: Record<string, string | number> = {}) {
    super(`${field}: ${key}`);
    this.field = field;
    this.key = key;
    this.values = values;
  }
}

/** The chosen time is no longer free (someone took it meanwhile, or it never was). */
export class SlotTaken extends PortalInputError {
  constructor() {
    super('starts_at', 'slot_taken');
  }
}

/** A PostgreSQL exclusion violation: two bookings of one mechanic overlap. */
export function isOverlap(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23P01';
}
