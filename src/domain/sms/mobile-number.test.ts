// The one E.164 rule (mobile-number.ts), as the API, the import and the portal apply it.
import { describe, expect, it } from 'vitest';
import { E164, toE164 } from './mobile-number.ts';

describe('toE164', () => {
  it('takes a number with + and country code, dropping the separators people type', () => {
    expect(toE164('+15145550123')).toBe('+15145550123');
    expect(toE164(' +1 (514) 555-0123 ')).toBe('+15145550123');
    expect(toE164('+33.6.12.34.56.78')).toBe('+33612345678');
  });
  it('refuses what is not E.164: no +, a leading 0, too short or too long, letters', () => {
    for (const bad of [
      '5145550123',
      '+05145550123',
      '+12345',
      '+1234567890123456',
      '+1 514 555 CALL',
      '',
      '+',
    ])
      expect(toE164(bad), bad).toBeNull();
  });
  it('E164 is the written form the API accepts (no separators)', () => {
    expect(E164.test('+15145550123')).toBe(true);
    expect(E164.test('+1 514 555 0123')).toBe(false);
  });
});
