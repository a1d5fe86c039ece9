import { describe, expect, it } from 'vitest';
import { deriveKeys } from './keys.ts';
import { linkSigner } from './signed-links.ts';

const keys = deriveKeys('11'.repeat(32));
const now = new Date('2026-12-03T12:00:00Z');
const signer = linkSigner(keys, () => now);
const BIG = { org: 9_007_199_254, customer: 8_000_000_001, message: 7_123_456_789_012 };

describe('signed links', () => {
  it('round-trips ids in the billions in a short token (well under the 100 characters of a path parameter)', () => {
    const token = signer.sign('unsubscribe', BIG);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token.length).toBeLessThanOrEqual(48);
    expect(signer.verify('unsubscribe', token)).toEqual(BIG);
    // A visitor: no customer.
    const visitor = signer.sign('unsubscribe', { org: 1, customer: null, message: 2_000_000_000 });
    expect(signer.verify('unsubscribe', visitor)).toEqual({ org: 1, customer: null, message: 2_000_000_000 });
    expect(
      signer.verify('unsubscribe', signer.sign('unsubscribe', { org: 0, customer: 0, message: 0 })),
    ).toEqual({
      org: 0,
      customer: 0,
      message: 0,
    });
  });

  it('binds a token to its purpose: a survey token does not verify as an unsubscribe one', () => {
    const ids = { org: 5, customer: 6, message: 7 };
    const survey = signer.sign('survey', ids);
    expect(signer.verify('survey', survey)).toEqual({ org: 5, message: 7, customer: 6 });
    expect(signer.verify('unsubscribe', survey)).toBeNull();
    expect(signer.verify('survey', signer.sign('unsubscribe', ids))).toBeNull();
  });

  it('refuses tampering, another key, garbage and expiry; the lifetime defaults per purpose', () => {
    const token = signer.sign('unsubscribe', BIG);
    const bytes = Buffer.from(token, 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      const t = Buffer.from(bytes);
      t[i] = t[i]! ^ 1;
      expect(signer.verify('unsubscribe', t.toString('base64url')), `byte ${i}`).toBeNull();
    }
    expect(linkSigner(deriveKeys('22'.repeat(32)), () => now).verify('unsubscribe', token)).toBeNull();
    for (const bad of ['', 'x', 'a.b', '%%%', token + 'A', token.slice(1), 'A'.repeat(500)])
      expect(signer.verify('unsubscribe', bad), bad).toBeNull();
    const at = (iso: string) => linkSigner(keys, () => new Date(iso));
    expect(at('2031-11-30T12:00:00Z').verify('unsubscribe', token)).toEqual(BIG);
    expect(at('2031-12-03T12:01:00Z').verify('unsubscribe', token)).toBeNull();
    const survey = signer.sign('survey', BIG);
    expect(at('2027-12-02T12:00:00Z').verify('survey', survey)).not.toBeNull();
    expect(at('2027-12-03T12:01:00Z').verify('survey', survey)).toBeNull();
    const short = signer.sign('survey', BIG, new Date('2026-12-03T12:15:00Z'));
    expect(at('2026-12-03T12:14:00Z').verify('survey', short)).not.toBeNull();
    expect(at('2026-12-03T12:16:00Z').verify('survey', short)).toBeNull();
  });

  it('refuses ids that are not non-negative integers', () => {
    expect(() => signer.sign('survey', { org: -1, message: 1, customer: 1 })).toThrow(/org/);
    expect(() => signer.sign('survey', { org: 1.5, message: 1, customer: 1 })).toThrow(/org/);
  });

  it('carries a visitor booking request, texts included, bound to its purpose', () => {
    const request = {
      org: 3,
      location: 4,
      startsAt: 29_500_000,
      name: 'Zoé <Ñandú> & co',
      email: 'zoe@example.test',
      phone: null,
      language: 'fr',
      service: 'Freins — bruit 🚗',
    };
    const token = signer.sign('visitorBooking', request);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(signer.verify('visitorBooking', token)).toEqual(request);
    expect(signer.verify('portalMessage', token)).toBeNull();
    const bytes = Buffer.from(token, 'base64url');
    bytes[10] = bytes[10]! ^ 1;
    expect(signer.verify('visitorBooking', bytes.toString('base64url'))).toBeNull();
    expect(() => signer.sign('visitorBooking', { ...request, service: 'x'.repeat(1025) })).toThrow(/service/);
    const portal = signer.sign('portalMessage', { org: 3, customer: 9 });
    expect(signer.verify('portalMessage', portal)).toEqual({ org: 3, customer: 9 });
    expect(signer.verify('portalPostcard', portal)).toBeNull();
    expect(signer.verify('bookingForm', signer.sign('bookingForm', { location: 4 }))).toEqual({
      location: 4,
    });
  });
});
