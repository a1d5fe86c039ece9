import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env.ts';

describe('loadConfig', () => {
  it('fills defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', RELANCE_DATA_DIR: './data', publicUrl: 'http://localhost:3000', DEMO_DATA: 'on' });
    expect(c.DATABASE_URL).toBeUndefined();
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
    expect(loadConfig({ PORT: '', PUBLIC_URL: 'https://relance.example/' }).publicUrl).toBe('https://relance.example');
  });

  it('requires DKIM settings together and a secret key in production', () => {
    expect(() => loadConfig({ DKIM_DOMAIN: 'x.test' })).toThrow(/DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SECRET_KEY: required in production/);
  });
});
