// Twilio's request signature (X-Twilio-Signature): base64 of HMAC-SHA1 keyed by the account's auth
// token over the full URL the provider called followed by every POST parameter, sorted by name,
// as name + value with no separators. Written with node:crypto (five lines) rather than the
// twilio SDK at run time (axios, jsonwebtoken…); signature.test.ts checks it against the SDK's
// validateRequest and Twilio's documented example.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data =
    url +
    Object.keys(params)
      .sort()
      .map((k) => k + params[k])
      .join('');
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

export function validTwilioSignature(
  authToken: string,
  signature: string,
  url: string,
  params: Record<string, string>,
): boolean {
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
