import { describe, expect, it } from 'vitest';
import { textConsentHold } from './text-consent.ts';

describe('consent for texts', () => {
  it('marketing texts need express consent for marketing texts', () => {
    expect(textConsentHold('marketing', [])).toBe('no_text_consent');
    expect(textConsentHold('marketing', [{ purpose: 'marketing', basis: 'implied_purchase' }])).toBe(
      'no_text_consent',
    );
    expect(textConsentHold('marketing', [{ purpose: 'service', basis: 'express' }])).toBe('no_text_consent');
    expect(textConsentHold('marketing', [{ purpose: 'marketing', basis: 'express' }])).toBeNull();
  });

  it('service texts need consent for texts that is not withdrawn', () => {
    expect(textConsentHold('service', [])).toBe('no_text_consent');
    expect(textConsentHold('service', [{ purpose: 'service', basis: 'implied_purchase' }])).toBeNull();
    expect(textConsentHold('service', [{ purpose: 'marketing', basis: 'express' }])).toBeNull();
    expect(
      textConsentHold('service', [
        { purpose: 'service', basis: 'none' },
        { purpose: 'marketing', basis: 'express' },
      ]),
    ).toBe('no_text_consent');
  });
});
