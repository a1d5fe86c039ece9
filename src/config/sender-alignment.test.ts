import { describe, expect, it } from 'vitest';
import { senderAlignmentWarnings } from './sender-alignment.ts';

const smtp = {
  SMTP_URL: 'smtp://mail.example:25',
  MAIL_FROM: 'relance@garage.example',
  BOUNCE_ADDRESS: undefined,
};

describe('envelope sender and DKIM domain alignment', () => {
  it('is quiet when they align (same or sub-domain) or when mail is caught locally', () => {
    expect(senderAlignmentWarnings({ ...smtp, DKIM_DOMAIN: 'garage.example' })).toEqual([]);
    expect(senderAlignmentWarnings({ ...smtp, DKIM_DOMAIN: 'mail.garage.example' })).toEqual([]);
    expect(senderAlignmentWarnings({ ...smtp, SMTP_URL: undefined, DKIM_DOMAIN: 'other.example' })).toEqual(
      [],
    );
  });

  it('warns, naming both domains and the setting, when they do not align', () => {
    const [w] = senderAlignmentWarnings({
      ...smtp,
      BOUNCE_ADDRESS: 'bounces@esp.example',
      DKIM_DOMAIN: 'garage.example',
    });
    expect(w).toContain('esp.example, from BOUNCE_ADDRESS');
    expect(w).toContain('(garage.example) do not align');
  });

  it('warns when mail leaves unsigned', () => {
    expect(senderAlignmentWarnings({ ...smtp, DKIM_DOMAIN: undefined })[0]).toContain('unsigned');
  });
});
