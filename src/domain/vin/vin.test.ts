import { describe, expect, it } from 'vitest';
import { checkVin, isNorthAmericanVin, vinCheckDigit } from './check-vin.ts';
import { decodeVin } from './decode-vin.ts';

describe('VIN', () => {
  it('accepts valid VINs, including an X check digit', () => {
    expect(checkVin('1HGCM82633A004352')).toEqual({ ok: true, vin: '1HGCM82633A004352' });
    expect(checkVin(' 1m8gdm9axkp042788 ')).toEqual({ ok: true, vin: '1M8GDM9AXKP042788' });
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
  });
  it('names what is wrong', () => {
    expect(checkVin('1HGCM82633A00435')).toEqual({ ok: false, reason: 'a VIN has 17 characters (got 16)' });
    expect(checkVin('1HGCM82633AO04352')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('"O" (position 12)'),
    });
    expect(checkVin('1HGCM82643A004352')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('should be'),
    });
  });
  it('decodes maker and model year in both 30-year cycles', () => {
    expect(decodeVin('1HGCM82633A004352')).toMatchObject({ make: 'Honda', year: 2003 });
    expect(decodeVin('5YJ3E1EA2KF317000')).toMatchObject({ make: 'Tesla', year: 2019 });
    expect(decodeVin('1M8GDM9AXKP042788')).toMatchObject({ year: 1989 });
    expect(() => decodeVin('123')).toThrow(/Invalid VIN/);
  });
  it('requires the check digit in North America only (one rule for API, import and console)', () => {
    // United States, Canada, Mexico (1-5) and the US codes 7F-70: a wrong check digit is a typo.
    for (const vin of ['1HGCM82643A004352', '2HGFC2F52KH500002', '3VWDX7AJ5DM000001', '7FARS4H05PE000000'])
      expect(checkVin(vin), vin).toMatchObject({ ok: false, reason: expect.stringContaining('check digit') });
    expect(isNorthAmericanVin('7SAYGDEE0NF000000')).toBe(true);
    // Europe, Asia, New Zealand (7A-7E): position 9 is the maker's, often a letter or a Z.
    for (const vin of ['WVWZZZ1JZXW000001', 'VF1RFB00X57000000', 'JMZBK14Z201000000', '7AT0H65X0J0000000'])
      expect(checkVin(vin), vin).toEqual({ ok: true, vin });
    expect(isNorthAmericanVin('7AT0H65X0J0000000')).toBe(false);
    expect(decodeVin('WVWZZZ1JZXW000001')).toMatchObject({ make: 'Volkswagen', year: 1999 });
  });
});
