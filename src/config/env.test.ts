import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, shownValue } from './env.ts';

describe('loadConfig', () => {
  it('fills defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      RELANCE_DATA_DIR: './data',
      publicUrl: 'http://localhost:3000',
      DEMO_DATA: 'on',
    });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('loads no demo data in production unless asked for', () => {
    const production = {
      NODE_ENV: 'production',
      SECRET_KEY: 'ab'.repeat(32),
      PUBLIC_URL: 'https://r.example',
    };
    expect(loadConfig(production).DEMO_DATA).toBe('off');
    expect(loadConfig({ ...production, DEMO_DATA: 'on' }).DEMO_DATA).toBe('on');
    expect(loadConfig({ NODE_ENV: 'test' }).DEMO_DATA).toBe('on');
  });

  it('takes the reverse proxies to trust as addresses or CIDR ranges', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,::1' }).TRUST_PROXY).toBe(
      '10.0.0.5, 192.168.0.0/16,::1',
    );
    expect(loadConfig({}).TRUST_PROXY).toBeUndefined();
    for (const bad of ['true', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/1'])
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY: must be IP addresses/);
  });

  it('names every bad variable', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SECRET_KEY: 'short' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/PORT: .*"abc"/);
    expect(msg).toMatch(/DATABASE_URL: must start with postgres/);
    expect(msg).toMatch(/SECRET_KEY: must be 64 hexadecimal/);
  });

  it('treats empty values as unset and trims the public URL', () => {
    expect(loadConfig({ PORT: '', PUBLIC_URL: 'https://relance.example/' }).publicUrl).toBe(
      'https://relance.example',
    );
  });

  it('requires DKIM settings together and a secret key in production', () => {
    expect(() => loadConfig({ DKIM_DOMAIN: 'x.test' })).toThrow(
      /DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SECRET_KEY: required in production/);
  });

  it('refuses an http PUBLIC_URL in production unless ALLOW_HTTP_PUBLIC_URL=true (session cookies would not be Secure)', () => {
    const prod = { NODE_ENV: 'production', SECRET_KEY: 'ab'.repeat(32) };
    expect(() => loadConfig({ ...prod, PUBLIC_URL: 'http://relance.example' })).toThrow(
      /PUBLIC_URL: must be https:\/\/ in production.*ALLOW_HTTP_PUBLIC_URL=true/,
    );
    expect(() => loadConfig(prod)).toThrow(/PUBLIC_URL.*"http:\/\/localhost:3000".*ALLOW_HTTP_PUBLIC_URL/);
    expect(loadConfig({ ...prod, PUBLIC_URL: 'https://relance.example' }).publicUrl).toBe(
      'https://relance.example',
    );
    expect(
      loadConfig({ ...prod, PUBLIC_URL: 'http://10.0.0.5:3000', ALLOW_HTTP_PUBLIC_URL: 'true' }).publicUrl,
    ).toBe('http://10.0.0.5:3000');
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:3000' }).publicUrl).toBe('http://localhost:3000'); // development: fine
    expect(() => loadConfig({ ...prod, ALLOW_HTTP_PUBLIC_URL: 'yes' })).toThrow(/ALLOW_HTTP_PUBLIC_URL/);
  });

  it('never prints a secret it rejects: keys hidden, URL passwords masked', () => {
    const message = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    const key = message({ SECRET_KEY: 'hunter2-not-hex-but-secret' });
    expect(key).toContain('SECRET_KEY: must be 64 hexadecimal characters');
    expect(key).toContain('(got a value of 26 characters (hidden))');
    expect(key).not.toContain('hunter2');
    const smtp = message({ SMTP_URL: 'http://mailer:s3cr3t@mail.example:587' });
    expect(smtp).toContain('SMTP_URL: must start with smtp://');
    expect(smtp).toContain('"http://mailer:***@mail.example:587"');
    expect(smtp).not.toContain('s3cr3t');
    const db = message({ DATABASE_URL: 'mysql://app:pa@ss/word@db.example/relance' });
    expect(db).toContain('"mysql://app:***@db.example/relance"');
    expect(db).not.toMatch(/pa@ss|word/);
    // Not secret: shown as given, so the operator sees the typo.
    expect(message({ PORT: 'abc' })).toContain('(got "abc")');
    expect(message({ DATABASE_URL: 'mysql://db.example:5432/x' })).toContain('"mysql://db.example:5432/x"');
  });

  it('hides PEM text pasted where a key file name was expected', () => {
    expect(shownValue('DKIM_PRIVATE_KEY_FILE', '-----BEGIN PRIVATE KEY-----\nMIIE')).toBe(
      'a value of 32 characters (hidden)',
    );
    expect(shownValue('DKIM_PRIVATE_KEY_FILE', '/etc/relance/dkim.pem')).toBe('"/etc/relance/dkim.pem"');
    expect(shownValue('SMTP_URL', 'smtp://user@host:25')).toBe('"smtp://user@host:25"');
    expect(shownValue('SMTP_URL', 'user:pw@host')).toBe('"user:***@host"');
  });
});
