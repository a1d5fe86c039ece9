// The request signature against Twilio's documented example and against the twilio SDK's own
// validateRequest (a dev dependency, used only here).
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { twilioSignature, validTwilioSignature } from './signature.ts';

const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const params = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+14158675310',
  Digits: '1234',
  From: '+14158675310',
  To: '+18005551212',
};

describe('X-Twilio-Signature', () => {
  it("gives Twilio's documented example signature", () => {
    expect(twilioSignature('12345', url, params)).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
    expect(validTwilioSignature('12345', 'GvWf1cFY/Q7PnoempGyD5oXAezc=', url, params)).toBe(true);
  });

  it('agrees with the twilio SDK on texts with accents, and refuses any change', () => {
    const text = {
      MessageSid: 'SM0123',
      From: '+15145550199',
      To: '+15145550100',
      Body: 'ARRÊT, merci — ¿qué?',
      AccountSid: 'AC42',
    };
    const hook = 'https://relance.example/hooks/sms/3/7/inbound';
    const sig = twilioSignature('tok3n', hook, text);
    expect(twilio.validateRequest('tok3n', sig, hook, text)).toBe(true);
    expect(validTwilioSignature('tok3n', sig, hook, text)).toBe(true);
    expect(validTwilioSignature('tok3n', sig, hook, { ...text, Body: 'START' })).toBe(false);
    expect(validTwilioSignature('tok3n', sig, hook.replace('/3/', '/4/'), text)).toBe(false);
    expect(validTwilioSignature('other', sig, hook, text)).toBe(false);
    expect(validTwilioSignature('tok3n', '', hook, text)).toBe(false);
  });
});
