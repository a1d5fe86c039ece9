// DSNs as mail servers send them: the status part plain, base64 or quoted-printable, the original
// as full message or headers only, and mail that is not a DSN at all.
import { describe, expect, it } from 'vitest';
import { parseDsn } from './parse-dsn.ts';

const STATUS = [
  'Reporting-MTA: dns; mx.example.test',
  '',
  'Final-Recipient: rfc822; Zoe@Example.test',
  'Action: failed',
  'Status: 5.1.1',
  'Diagnostic-Code: smtp; 550 5.1.1',
  '  user unknown',
  '',
  'Final-Recipient: rfc822; <luc@example.test>',
  'Action: delayed',
  'Status: 4.2.2 (mailbox full)',
  '',
].join('\r\n');

function dsn(statusPart: string[], original: string[] = []): string {
  return [
    'From: MAILER-DAEMON@mx.example.test',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain',
    '',
    'Delivery failed.',
    '--b1',
    ...statusPart,
    ...(original.length ? ['--b1', ...original] : []),
    '--b1--',
    '',
  ].join('\r\n');
}

const EXPECTED = [
  {
    recipient: 'Zoe@Example.test',
    status: '5.1.1',
    hard: true,
    action: 'failed',
    diagnostic: 'smtp; 550 5.1.1 user unknown',
    messageId: '<m1@relance.test>',
  },
  {
    recipient: 'luc@example.test',
    status: '4.2.2',
    hard: false,
    action: 'delayed',
    diagnostic: null,
    messageId: '<m1@relance.test>',
  },
];

const ORIGINAL = [
  'Content-Type: message/rfc822',
  '',
  'Message-ID: <m1@relance.test>',
  'Subject: x',
  '',
  'Hello',
];

describe('parseDsn', () => {
  it('reads a plain status part and the original message', async () => {
    expect(await parseDsn(dsn(['Content-Type: message/delivery-status', '', STATUS], ORIGINAL))).toEqual(
      EXPECTED,
    );
  });

  it('reads a status part sent base64 (the regex reader of old missed it)', async () => {
    const base64 = Buffer.from(STATUS).toString('base64').replace(/.{76}/g, '$&\r\n');
    const parts = ['Content-Type: message/delivery-status', 'Content-Transfer-Encoding: base64', '', base64];
    expect(await parseDsn(dsn(parts, ORIGINAL))).toEqual(EXPECTED);
  });

  it('reads a quoted-printable status part and headers-only originals', async () => {
    const qp = STATUS.replace(/=/g, '=3D').replace('Status: 5.1.1', 'Status: =35.1.1');
    const parts = [
      'Content-Type: message/delivery-status',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      qp,
    ];
    const headers = ['Content-Type: text/rfc822-headers', '', 'Message-ID: <m1@relance.test>', 'Subject: x'];
    expect(await parseDsn(dsn(parts, headers))).toEqual(EXPECTED);
  });

  it('gives nothing for mail that is not a delivery report', async () => {
    expect(await parseDsn('From: a@b.test\r\nSubject: hi\r\n\r\nStatus: 5.1.1\r\n')).toEqual([]);
    const noStatusPart = dsn([
      'Content-Type: text/plain',
      '',
      'Final-Recipient: rfc822; a@b.test',
      'Status: 5.1.1',
    ]);
    expect(await parseDsn(noStatusPart)).toEqual([]);
  });
});
