// Keys derived from the one SECRET_KEY: one for signing links (unsubscribe, portal, survey),
// one for encrypting secrets at rest (partner passwords). Rotating SECRET_KEY invalidates both.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

export interface Keys {
  sign: Buffer;
  encrypt: Buffer;
}

export function deriveKeys(secretHex: string): Keys {
  const master = Buffer.from(secretHex, 'hex');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return { sign: derive('relance/sign/v1'), encrypt: derive('relance/encrypt/v1') };
}

/** A signed, expiring token carrying a small JSON payload: `payload.signature`, both base64url. */
export function signToken(keys: Keys, payload: Record<string, unknown>, expiresAt: Date): string {
  const body = Buffer.from(
    JSON.stringify({ ...payload, exp: Math.floor(expiresAt.getTime() / 1000) }),
  ).toString('base64url');
  const mac = createHmac('sha256', keys.sign).update(body).digest('base64url');
  return `${body}.${mac}`;
}

export type TokenCheck<T> =
  { ok: true; payload: T } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export function verifyToken<T extends Record<string, unknown>>(
  keys: Keys,
  token: string,
  now = new Date(),
): TokenCheck<T> {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = createHmac('sha256', keys.sign).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad_signature' };
  let payload: T & { exp?: number };
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T & { exp?: number };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof payload.exp !== 'number' || payload.exp * 1000 < now.getTime())
    return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}

/** AES-256-GCM; the result is `v1:iv:tag:ciphertext` in base64url. */
export function encryptSecret(keys: Keys, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.encrypt, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    'v1',
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    data.toString('base64url'),
  ].join(':');
}

export function decryptSecret(keys: Keys, sealed: string): string {
  const [version, iv, tag, data] = sealed.split(':');
  if (version !== 'v1' || !iv || !tag || data === undefined)
    throw new Error('Encrypted secret has an unknown format');
  const decipher = createDecipheriv('aes-256-gcm', keys.encrypt, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
