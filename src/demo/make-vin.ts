// Valid VINs: world manufacturer identifier, a descriptor section, the check digit computed
// like the real one, the model-year code, a plant letter and a serial number.
import { vinCheckDigit } from '../domain/vin/check-vin.ts';
import { yearCode } from './catalog.ts';
import type { Random } from './random.ts';

const VIN_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const VIN_CHARS = `${VIN_LETTERS}0123456789`;

/** serial must be unique within the location (0 ≤ serial < 33,000,000). */
export function makeVin(random: Random, wmi: string, year: number, serial: number): string {
  let vds = '';
  for (let i = 0; i < 3; i++) vds += random.pick(VIN_CHARS.split(''));
  // Position 7: a letter from model year 2010 on, a digit before (how decoders tell the 30-year cycles apart).
  vds += year >= 2010 ? random.pick(VIN_LETTERS.split('')) : String(random.int(0, 9));
  vds += random.pick(VIN_CHARS.split(''));
  const plant = VIN_LETTERS[Math.floor(serial / 1_000_000) % VIN_LETTERS.length]!;
  const body = `${wmi}${vds}0${yearCode(year)}${plant}${String(serial % 1_000_000).padStart(6, '0')}`;
  const check = vinCheckDigit(body)!;
  return `${body.slice(0, 8)}${check}${body.slice(9)}`;
}
