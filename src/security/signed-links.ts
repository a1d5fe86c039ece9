// Signed links bound to their purpose. A token is short (about 40 characters with three ids in the
// billions) so it fits in a URL path segment, and it only verifies for the purpose it was signed
// for: a survey token POSTed to /u/ is refused. A new purpose is one line in PURPOSES.
//
// Format: base64url( varint(expiry, minutes since 1970) · varint(field + 1, or 0 for null)…
//                    · [varint(text bytes + 1, or 0 for null) · UTF-8 bytes]… · mac )
// where mac = first 12 bytes of HMAC-SHA256(key of the purpose, the bytes before it), and the key
// of a purpose is HMAC-SHA256(signing key, "relance/link/" + purpose). Fields are non-negative
// integers (ids) or null; anything longer belongs in the database, found by those ids. The one
// exception is a request that must not be stored before its sender proves their address (a
// visitor's booking): its texts ride in the token, signed, at most 1 KB each.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Keys } from './keys.ts';

const DAY = 86_400_000;

export const PURPOSES = {
  unsubscribe: { fields: ['org', 'customer', 'message'], lifetimeMs: 5 * 365 * DAY },
  survey: { fields: ['org', 'message', 'customer'], lifetimeMs: 365 * DAY },
  /** A link in a customer's message: signs them in to the portal (people open old mail). */
  portalMessage: { fields: ['org', 'customer'], lifetimeMs: 60 * DAY },
  /** A postcard's QR code: signs the customer in to the portal (cards lie on tables for months). */
  portalPostcard: { fields: ['org', 'customer'], lifetimeMs: 120 * DAY },
  /** The public booking form: proves a POST comes from a form we served recently for this location. */
  bookingForm: { fields: ['location'], lifetimeMs: 2 * 3600_000 },
  /** A visitor's booking request, waiting for its email to be confirmed (startsAt in minutes). */
  visitorBooking: {
    fields: ['org', 'location', 'startsAt'],
    texts: ['name', 'email', 'phone', 'language', 'service'],
    lifetimeMs: DAY,
  },
} as const satisfies Record<
  string,
  { fields: readonly string[]; texts?: readonly string[]; lifetimeMs: number }
>;

export type Purpose = keyof typeof PURPOSES;
type Spec = { fields: readonly string[]; texts?: readonly string[]; lifetimeMs: number };
type TextsOf<S> = S extends { texts: readonly (infer T extends string)[] } ? T : never;
export type LinkPayload<P extends Purpose> = {
  [K in (typeof PURPOSES)[P]['fields'][number]]: number | null;
} & { [K in TextsOf<(typeof PURPOSES)[P]>]: string | null };

const MAC_BYTES = 12;
const MAX_TEXT_BYTES = 1024;
const TOKEN = /^[A-Za-z0-9_-]{1,5000}$/;

export interface LinkSigner {
  /** A token for `purpose`, valid until `expiresAt` (default: the purpose's lifetime from now). */
  sign<P extends Purpose>(purpose: P, payload: LinkPayload<P>, expiresAt?: Date): string;
  /** The payload, or null when the token is malformed, forged, expired or signed for another purpose. */
  verify<P extends Purpose>(purpose: P, token: string): LinkPayload<P> | null;
}

// Purpose keys per signing key, so a signer is cheap to make per message.
const derived = new WeakMap<Buffer, Map<string, Buffer>>();

export function linkSigner(keys: Keys, now: () => Date = () => new Date()): LinkSigner {
  const purposeKeys = derived.get(keys.sign) ?? new Map<string, Buffer>();
  derived.set(keys.sign, purposeKeys);
  const keyOf = (purpose: string) => {
    let k = purposeKeys.get(purpose);
    if (!k)
      purposeKeys.set(
        purpose,
        (k = createHmac('sha256', keys.sign).update(`relance/link/${purpose}`).digest()),
      );
    return k;
  };
  const mac = (purpose: string, body: Buffer) =>
    createHmac('sha256', keyOf(purpose)).update(body).digest().subarray(0, MAC_BYTES);

  return {
    sign(purpose, payload, expiresAt) {
      const spec: Spec = PURPOSES[purpose];
      const given = payload as Record<string, number | string | null | undefined>;
      const until = expiresAt ?? new Date(now().getTime() + spec.lifetimeMs);
      const parts: number[] = varint(Math.ceil(until.getTime() / 60_000));
      for (const f of spec.fields) {
        const v = given[f];
        if (v === null || v === undefined) parts.push(0);
        else if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v >= Number.MAX_SAFE_INTEGER)
          throw new RangeError(`${purpose} link: ${f} must be a non-negative integer, got ${v}`);
        else parts.push(...varint(v + 1));
      }
      for (const f of spec.texts ?? []) {
        const v = given[f];
        if (v === null || v === undefined) {
          parts.push(0);
          continue;
        }
        const text = Buffer.from(String(v), 'utf8');
        if (text.length > MAX_TEXT_BYTES)
          throw new RangeError(`${purpose} link: ${f} is longer than ${MAX_TEXT_BYTES} bytes`);
        parts.push(...varint(text.length + 1), ...text);
      }
      const body = Buffer.from(parts);
      return Buffer.concat([body, mac(purpose, body)]).toString('base64url');
    },

    verify(purpose, token) {
      const spec: Spec = PURPOSES[purpose];
      if (typeof token !== 'string' || !TOKEN.test(token)) return null;
      const bytes = Buffer.from(token, 'base64url');
      if (bytes.length <= MAC_BYTES || bytes.toString('base64url') !== token) return null;
      const body = bytes.subarray(0, bytes.length - MAC_BYTES);
      if (!timingSafeEqual(bytes.subarray(body.length), mac(purpose, body))) return null;
      const r = reader(body);
      const expiry = r.varint();
      if (expiry === null || expiry * 60_000 < now().getTime()) return null;
      const out: Record<string, number | string | null> = {};
      for (const f of spec.fields) {
        const v = r.varint();
        if (v === null) return null;
        out[f] = v === 0 ? null : v - 1;
      }
      for (const f of spec.texts ?? []) {
        const n = r.varint();
        if (n === null) return null;
        if (n === 0) out[f] = null;
        else {
          const text = r.bytes(n - 1);
          if (text === null) return null;
          out[f] = text.toString('utf8');
        }
      }
      if (!r.done()) return null;
      return out as LinkPayload<typeof purpose>;
    },
  };
}

/** LEB128: 7 bits a byte, low first, high bit = more follows. */
function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

/** Reads varints and byte runs in order; null when the bytes end early or a varint is too large. */
function reader(bytes: Buffer) {
  let pos = 0;
  return {
    varint(): number | null {
      let n = 0;
      let scale = 1;
      while (pos < bytes.length) {
        const b = bytes[pos++]!;
        n += (b & 0x7f) * scale;
        if (!Number.isSafeInteger(n)) return null;
        if (!(b & 0x80)) return n;
        scale *= 0x80;
      }
      return null;
    },
    bytes(n: number): Buffer | null {
      if (n > bytes.length - pos) return null;
      const out = bytes.subarray(pos, pos + n);
      pos += n;
      return out;
    },
    done: () => pos === bytes.length,
  };
}
