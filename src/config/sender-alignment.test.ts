import { describe, expect, it } from 'vitest';
import { senderAlignmentWarnings } from './sender-alignment.ts';
import { domainsAlign } from '../domain/mail-domain.ts';

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

describe('one alignment rule for the start-up warning and the From of each message', () => {
  it('uses the Public Suffix List: two shops under qc.ca do not align, mail.garage.qc.ca and garage.qc.ca do', () => {
    // The last-two-labels shortcut this replaced took qc.ca for an organization.
    expect(
      senderAlignmentWarnings({ ...smtp, BOUNCE_ADDRESS: 'b@garage-a.qc.ca', DKIM_DOMAIN: 'garage-b.qc.ca' }),
    ).toHaveLength(1);
    expect(
      senderAlignmentWarnings({
        ...smtp,
        BOUNCE_ADDRESS: 'b@bounce.garage.qc.ca',
        DKIM_DOMAIN: 'mail.garage.qc.ca',
      }),
    ).toEqual([]);
    expect(domainsAlign('bounce.garage.qc.ca', 'mail.garage.qc.ca')).toBe(true);
    expect(domainsAlign('garage-a.qc.ca', 'garage-b.qc.ca')).toBe(false);
  });
});
