// Limits on failed sign-ins and on password-reset requests, and the portal's: requests for a
// sign-in link and visitors' booking requests. Counted in the database (table sign_in_attempts)
// so that every web process shares them. Three budgets in a sliding window:
// - per address and account: one address guessing one account's password;
// - per account, across addresses: the same guessing spread over many addresses (for the
//   portal: one mailbox flooded with links or booking confirmations from many addresses);
// - per address, across accounts: one address trying a password on many accounts (spraying).
// The "account" is the email typed, whether or not it matches anyone.
// The address is the client's as Fastify sees it: behind a reverse proxy set TRUST_PROXY, or all
// staff share the proxy's address. A successful sign-in forgives the account's failures (both
// account budgets) but not the address's: signing in to one's own account must not reset an
// attacker's budget.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export type AttemptKind = 'sign_in' | 'reset' | 'portal_link' | 'visitor_booking';
export type LimitName = 'address_account' | 'account' | 'address';

export interface Limits {
  perAddressAndAccount: number;
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export const LIMITS: Record<AttemptKind, Limits> = {
  sign_in: { perAddressAndAccount: 10, perAccount: 30, perAddress: 50, windowMs: 15 * 60_000 },
  reset: { perAddressAndAccount: 10, perAccount: 30, perAddress: 50, windowMs: 15 * 60_000 },
  /** Portal sign-in links: 5 per email and 30 per client address in 15 minutes. */
  portal_link: { perAddressAndAccount: 5, perAccount: 5, perAddress: 30, windowMs: 15 * 60_000 },
  /** The public booking page: 3 requests per email and 10 per client address an hour. */
  visitor_booking: { perAddressAndAccount: 3, perAccount: 3, perAddress: 10, windowMs: 3600_000 },
};

const LONGEST_WINDOW_MS = Math.max(...Object.values(LIMITS).map((l) => l.windowMs));

export const normalEmail = (email: string) => email.trim().toLowerCase();

export interface Wait {
  seconds: number;
  limit: LimitName;
}

/** How long the address must wait before trying this account again, or null when it may now. */
export async function attemptWait(
  db: Kysely<DB>,
  kind: AttemptKind,
  ip: string,
  email: string,
  now: Date,
): Promise<Wait | null> {
  const limits = LIMITS[kind];
  const since = new Date(now.getTime() - limits.windowMs);
  const base = () =>
    db.selectFrom('sign_in_attempts').select('at').where('kind', '=', kind).where('at', '>', since);
  // The n-th most recent attempt within the window: once it exists, the budget is spent until
  // it leaves the window.
  const nth = async (q: ReturnType<typeof base>, n: number) =>
    (
      await q
        .orderBy('at', 'desc')
        .offset(n - 1)
        .limit(1)
        .executeTakeFirst()
    )?.at ?? null;
  const e = normalEmail(email);
  const [pair, account, address] = await Promise.all([
    nth(
      base().where('email', '=', e).where('ip', '=', ip).where('cleared', '=', false),
      limits.perAddressAndAccount,
    ),
    nth(base().where('email', '=', e).where('cleared', '=', false), limits.perAccount),
    nth(base().where('ip', '=', ip), limits.perAddress),
  ]);
  let wait: Wait | null = null;
  for (const [limit, at] of [
    ['address_account', pair],
    ['account', account],
    ['address', address],
  ] as const) {
    if (!at) continue;
    const seconds = Math.max(1, Math.ceil((new Date(at).getTime() + limits.windowMs - now.getTime()) / 1000));
    if (!wait || seconds > wait.seconds) wait = { seconds, limit };
  }
  return wait;
}

/** Counts one attempt (a failed sign-in, a reset request) and forgets those past the window. */
export async function recordAttempt(
  db: Kysely<DB>,
  kind: AttemptKind,
  ip: string,
  email: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('sign_in_attempts')
    .values({ kind, ip, email: normalEmail(email), at: now })
    .execute();
  await db
    .deleteFrom('sign_in_attempts')
    .where('at', '<', new Date(now.getTime() - LONGEST_WINDOW_MS))
    .execute();
}

/** A successful sign-in: the account's failures no longer count against it (still against the address). */
export async function forgiveAccount(db: Kysely<DB>, kind: AttemptKind, email: string): Promise<void> {
  await db
    .updateTable('sign_in_attempts')
    .set({ cleared: true })
    .where('kind', '=', kind)
    .where('email', '=', normalEmail(email))
    .where('cleared', '=', false)
    .execute();
}
