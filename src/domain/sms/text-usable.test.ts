// The one rule for "may a text go" (text-usable.ts): each fact in turn, and consent read per
// purpose as the send worker reads it (express consent for marketing texts; any consent for texts
// not withdrawn for service texts).
import { describe, expect, it } from 'vitest';
import { chooseChannel, type ChannelInput } from '../messages/channel.ts';
import { textHold, type TextFacts } from './text-usable.ts';

const facts: TextFacts = {
  locationTextsEnabled: true,
  smsDays: 1,
  mobilePhone: '+15145550123',
  stopped: false,
  consents: [{ purpose: 'marketing', basis: 'express' }],
};

describe('textHold', () => {
  it('holds for each missing fact, in the SQL’s order', () => {
    expect(textHold(facts, 'marketing')).toBeNull();
    expect(textHold({ ...facts, locationTextsEnabled: false }, 'service')).toBe('texts_off');
    expect(textHold({ ...facts, smsDays: 0 }, 'service')).toBe('texts_off');
    expect(textHold({ ...facts, mobilePhone: ' ' }, 'service')).toBe('no_mobile_phone');
    expect(textHold({ ...facts, stopped: true }, 'service')).toBe('text_opted_out');
    expect(textHold({ ...facts, consents: [] }, 'service')).toBe('no_text_consent');
  });

  it('reads consent per purpose', () => {
    const service = { ...facts, consents: [{ purpose: 'service' as const, basis: 'express' }] };
    expect(textHold(service, 'service')).toBeNull();
    expect(textHold(service, 'marketing')).toBe('no_text_consent');
    const implied = { ...facts, consents: [{ purpose: 'marketing' as const, basis: 'implied_purchase' }] };
    expect(textHold(implied, 'marketing')).toBe('no_text_consent');
    expect(textHold(implied, 'service')).toBeNull();
    const withdrawn = {
      ...facts,
      consents: [
        { purpose: 'marketing' as const, basis: 'express' },
        { purpose: 'service' as const, basis: 'none' },
      ],
    };
    expect(textHold(withdrawn, 'service')).toBe('no_text_consent');
  });
});

describe('chooseChannel with texts', () => {
  const base: ChannelInput = {
    deceased: false,
    doNotMail: false,
    consentBasis: 'express',
    consentDate: '2026-01-01',
    purpose: 'service',
    day: '2026-03-10',
    email: 'ann@example.test',
    emailStatus: 'ok',
    addressLine1: '1 Main',
    postalCode: 'H1H 1H1',
    locationEmailEnabled: true,
    locationPostcardsEnabled: true,
    postcardDays: 1,
    text: facts,
  };

  it('follows the location’s order among usable channels', () => {
    expect(chooseChannel(base).channel).toBe('email');
    expect(chooseChannel({ ...base, ranks: { sms: 1, email: 2, postcard: 3 } }).channel).toBe('sms');
    expect(chooseChannel({ ...base, email: null }).channel).toBe('sms');
    expect(chooseChannel({ ...base, ranks: { postcard: 1, sms: 2, email: 3 } }).channel).toBe('postcard');
  });

  it('skips texts the customer cannot get: no mobile, STOP, no consent for the purpose', () => {
    const first = { ...base, ranks: { sms: 1, email: 2, postcard: 3 } };
    expect(chooseChannel({ ...first, text: { ...facts, mobilePhone: null } }).channel).toBe('email');
    expect(chooseChannel({ ...first, text: { ...facts, stopped: true } }).channel).toBe('email');
    const serviceOnly = { ...facts, consents: [{ purpose: 'service' as const, basis: 'express' }] };
    expect(chooseChannel({ ...first, text: serviceOnly }).channel).toBe('sms');
    expect(chooseChannel({ ...first, purpose: 'marketing', text: serviceOnly }).channel).toBe('email');
    expect(chooseChannel({ ...first, text: undefined }).channel).toBe('email');
  });
});
