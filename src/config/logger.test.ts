// The log never carries a secret: tokens in paths and credential parameters are replaced, on the
// real app's request lines; LOG_LEVEL decides what is written.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createApiTest } from '../../test/helpers/api.ts';
import { createLogger, redactUrl, REDACTED } from './logger.ts';

function memory(): { stream: Writable; lines: () => Array<Record<string, unknown>>; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    stream,
    text: () => text,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('redactUrl', () => {
  it('hides signed tokens in paths and credential parameters, and keeps the rest', () => {
    expect(redactUrl('/u/eyJhbGciOi.abc-def_123')).toBe(`/u/${REDACTED}`);
    expect(redactUrl('/s/tok123?rating=5')).toBe(`/s/${REDACTED}?rating=5`);
    expect(redactUrl('/portal/link/abc.def')).toBe(`/portal/link/${REDACTED}`);
    expect(redactUrl('/portal/go/abc')).toBe(`/portal/go/${REDACTED}`);
    expect(redactUrl('/book/confirm/abc/x')).toBe(`/book/confirm/${REDACTED}/x`);
    expect(redactUrl('/reset-password?token=s3cr3t&lang=fr')).toBe(
      `/reset-password?token=${REDACTED}&lang=fr`,
    );
    expect(redactUrl('/hooks/bounce?secret=whsec_1')).toBe(`/hooks/bounce?secret=${REDACTED}`);
    expect(redactUrl('/x?api%5Fkey=1&Access_Token=2&q=plain')).toBe(
      `/x?api%5Fkey=${REDACTED}&Access_Token=${REDACTED}&q=plain`,
    );
    expect(redactUrl('/api/v1/customers?q=dupont&limit=25')).toBe('/api/v1/customers?q=dupont&limit=25');
    expect(redactUrl('/portal')).toBe('/portal');
  });
});

describe('the service log', () => {
  it('writes request lines without the reset token, signed link or webhook secret', async () => {
    const out = memory();
    const api = await createApiTest(
      {},
      { log: createLogger({ LOG_LEVEL: 'info' }, out.stream), requestLog: true },
    );
    try {
      const secrets = ['RESETsecretXYZ', 'SIGNEDlinkTOKEN123', 'WEBHOOKsecret987'];
      await api.app.inject({ url: `/reset-password?token=${secrets[0]}` });
      await api.app.inject({ url: `/u/${secrets[1]}` });
      await api.app.inject({ method: 'POST', url: `/hooks/bounce?secret=${secrets[2]}`, payload: {} });
      await api.app.inject({
        url: '/api/v1/me',
        headers: { authorization: `Bearer ${secrets[2]}`, cookie: `sid=${secrets[1]}` },
      });
      const urls = out.lines().flatMap((l) => {
        const req = l.req as { url?: string } | undefined;
        return req?.url ? [req.url] : [];
      });
      expect(urls).toEqual(
        expect.arrayContaining([
          `/reset-password?token=${REDACTED}`,
          `/u/${REDACTED}`,
          `/hooks/bounce?secret=${REDACTED}`,
        ]),
      );
      for (const secret of secrets) expect(out.text()).not.toContain(secret);
    } finally {
      await api.close();
    }
  });

  it('honours LOG_LEVEL: below it nothing is written', () => {
    const out = memory();
    const log = createLogger({ LOG_LEVEL: 'warn' }, out.stream);
    log.info('routine');
    log.debug('detail');
    log.warn('attention');
    log.error({ token: 'abc' }, 'broken');
    expect(out.lines().map((l) => l.msg)).toEqual(['attention', 'broken']);
    expect(out.lines()[1]!.token).toBe(REDACTED);
    const silent = memory();
    createLogger({ LOG_LEVEL: 'silent' }, silent.stream).fatal('nothing');
    expect(silent.text()).toBe('');
  });
});
