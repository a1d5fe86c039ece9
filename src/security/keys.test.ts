import { describe, expect, it } from 'vitest';
import { decryptSecret, deriveKeys, encryptSecret, signToken, verifyToken } from './keys.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

const keys = deriveKeys('11'.repeat(32));

describe('signed tokens', () => {
  it('round-trips and rejects tampering and expiry', () => {
    const token = signToken(keys, { c: 42, k: 'unsub' }, new Date('2030-01-01'));
    expect(verifyToken(keys, token, new Date('2029-01-01'))).toEqual({
      ok: true,
      payload: { c: 42, k: 'unsub', exp: 1893456000 },
    });
    expect(verifyToken(keys, token, new Date('2031-01-01'))).toEqual({ ok: false, reason: 'expired' });
    const [body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ c: 43, k: 'unsub', exp: 1893456000 })).toString('base64url');
    expect(verifyToken(keys, `${forged}.${mac}`).ok).toBe(false);
    expect(verifyToken(keys, `${body}`)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyToken(deriveKeys('22'.repeat(32)), token, new Date('2029-01-01'))).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });
});

describe('secrets at rest', () => {
  it('encrypts with a fresh nonce and decrypts only with the right key', () => {
    const a = encryptSecret(keys, 'ftp-päss');
    expect(a).not.toContain('ftp');
    expect(encryptSecret(keys, 'ftp-päss')).not.toBe(a);
    expect(decryptSecret(keys, a)).toBe('ftp-päss');
    expect(() => decryptSecret(deriveKeys('33'.repeat(32)), a)).toThrow();
  });
});

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('correct horse');
    expect(h).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(h, 'correct horse')).toBe(true);
    expect(await verifyPassword(h, 'wrong')).toBe(false);
    expect(await verifyPassword('garbage', 'x')).toBe(false);
  });
});
