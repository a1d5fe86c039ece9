import { describe, expect, it } from 'vitest';
import { checkVin, vinCheckDigit } from './check-vin.ts';
import { decodeVin } from './decode-vin.ts';

describe('VIN', () => {
  it('accepts valid VINs, including an X check digit', () => {
    expect(checkVin('1HGCM82633A004352')).toEqual({ ok: true, vin: '1HGCM82633A004352' });
    expect(checkVin(' 1m8gdm9axkp042788 ')).toEqual({ ok: true, vin: '1M8GDM9AXKP042788' });
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
  });
  it('names what is wrong', () => {
    expect(checkVin('1HGCM82633A00435')).toEqual({ ok: false, reason: 'a VIN has 17 characters (got 16)' });
    expect(checkVin('1HGCM82633AO04352')).toMatchObject({ ok: false, reason: expect.stringContaining('"O" (position 12)') });
    expect(checkVin('1HGCM82643A004352')).toMatchObject({ ok: false, reason: expect.stringContaining('should be') });
  });
  it('decodes maker and model year in both 30-year cycles', () => {
    expect(decodeVin('1HGCM82633A004352')).toMatchObject({ make: 'Honda', year: 2003 });
    expect(decodeVin('5YJ3E1EA2KF317000')).toMatchObject({ make: 'Tesla', year: 2019 });
    expect(decodeVin('1M8GDM9AXKP042788')).toMatchObject({ year: 1989 });
    expect(() => decodeVin('123')).toThrow(/Invalid VIN/);
  });
});
