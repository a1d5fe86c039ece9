// The message kind of a text staff write themselves from the console's inbox (no template: its
// body is in the payload). A service message: an answer in a conversation the customer keeps.
export const STAFF_TEXT = 'STAFF_TEXT';

/**
 * The number a staff text goes to when it has no customer: an answer to a number that matches no
 * customer (payload `to`). null for every other message.
 */
export function unknownNumberOf(m: {
  kind: string;
  customer_id: number | null;
  payload: unknown;
}): string | null {
  if (m.kind !== STAFF_TEXT || m.customer_id !== null) return null;
  const to = (m.payload as { to?: unknown } | null)?.to;
  return typeof to === 'string' && to.trim() ? to.trim() : null;
}
