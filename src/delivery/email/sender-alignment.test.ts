// DMARC: the From of every message aligns with the DKIM domain or the envelope sender's domain.
import { describe, expect, it } from 'vitest';
import type { Location } from '../../db/schema.ts';
import { buildEmail } from './build-email.ts';
import { domainsAlign, senderAlignmentProblem, senderFor } from './sender-alignment.ts';

const location = (email: string | null) =>
  ({
    name: 'Garage',
    business_name: 'Garage Gagnon',
    business_email: email,
    email: null,
  }) as unknown as Location;
const config = {
  MAIL_FROM: 'relance@mail.relance.example',
  BOUNCE_ADDRESS: 'bounces@mail.relance.example',
  DKIM_DOMAIN: 'relance.example',
};

describe('sender alignment', () => {
  it('keeps the shop as From only when its domain aligns; otherwise our address, Reply-To the shop', () => {
    expect(senderFor(location('service@garage-gagnon.ca'), config)).toEqual({
      from: { name: 'Garage Gagnon', address: 'relance@mail.relance.example' },
      replyTo: 'service@garage-gagnon.ca',
      shopAddressAsFrom: false,
    });
    // A shop on a subdomain of our signing domain aligns (relaxed mode).
    expect(senderFor(location('gagnon@shops.relance.example'), config)).toMatchObject({
      from: { address: 'gagnon@shops.relance.example' },
      shopAddressAsFrom: true,
    });
    // No DKIM: the envelope sender's domain (SPF) is what can align.
    const spfOnly = { MAIL_FROM: 'relance@garage-gagnon.ca' };
    expect(senderFor(location('service@garage-gagnon.ca'), spfOnly).shopAddressAsFrom).toBe(true);
    expect(senderFor(location(null), config).replyTo).toBe('relance@mail.relance.example');
    // Look-alikes do not align.
    expect(domainsAlign('evilrelance.example', 'relance.example')).toBe(false);
    expect(domainsAlign('relance.example.evil.test', 'relance.example')).toBe(false);
  });

  it('builds mail whose From domain aligns with DKIM_DOMAIN, the shop in Reply-To', () => {
    const mail = buildEmail(
      {
        message: { org_id: 1, id: 2, kind: 'THANK_YOU', payload: {}, appointment_id: null },
        location: {
          ...location('service@garage-gagnon.ca'),
          time_zone: 'America/Toronto',
          language: 'fr',
        } as Location,
        rendered: { subject: 's', html: '<p>h</p>', text: 't' },
        to: { name: 'A', address: 'a@example.test' },
        unsubscribeUrl: 'http://relance.test/u/x',
        now: new Date(),
      },
      config,
    );
    const from = mail.from as { address: string };
    expect(domainsAlign(from.address.split('@')[1]!, config.DKIM_DOMAIN)).toBe(true);
    expect(mail.replyTo).toBe('service@garage-gagnon.ca');
  });

  it('says so at start when our own sending address cannot align', () => {
    expect(senderAlignmentProblem(config)).toBeNull();
    expect(
      senderAlignmentProblem({
        MAIL_FROM: 'relance@other.example',
        DKIM_DOMAIN: 'relance.example',
        BOUNCE_ADDRESS: 'b@relance.example',
      }),
    ).toMatch(
      /MAIL_FROM relance@other\.example aligns with neither the DKIM domain \(relance\.example\) nor the envelope sender's domain \(relance\.example\)/,
    );
  });
});
