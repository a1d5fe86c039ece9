// VIN validation (ISO 3779 / 49 CFR 565): 17 characters, no I, O or Q; the check digit in
// position 9 is required only for North American VINs, where 49 CFR 565 makes it mandatory.
// Europe and most of the world leave position 9 to the maker (WVWZZZ1JZXW000001 is valid).
// The one rule for the API, the import and the console. Pure: no I/O.
const VALUES: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
for (let d = 0; d <= 9; d++) VALUES[String(d)] = d;

export type VinCheck = { ok: true; vin: string } | { ok: false; reason: string };

/** The check digit (0-9 or X) a VIN should carry, or null when a character is not allowed. */
export function vinCheckDigit(vin: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = vin[i]!;
    const value = VALUES[c];
    if (value === undefined) return null;
    sum += value * WEIGHTS[i]!;
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/**
 * North America in the world manufacturer identifier: first character 1-5 (United States 1, 4,
 * 5; Canada 2; Mexico 3, including the Central American and Caribbean codes within it), and 7F-70,
 * which SAE assigned to the United States when its 1/4/5 codes ran out (Honda 7FA, Tesla 7SA, 7G2).
 * 7A-7E stay New Zealand.
 */
export function isNorthAmericanVin(vin: string): boolean {
  const first = vin[0] ?? '';
  if (first >= '1' && first <= '5') return true;
  const second = vin[1] ?? '';
  return first === '7' && (/[F-HJ-NPR-Z]/.test(second) || /[0-9]/.test(second));
}

export function checkVin(input: string): VinCheck {
  const vin = input.trim().toUpperCase();
  if (vin.length !== 17) return { ok: false, reason: `a VIN has 17 characters (got ${vin.length})` };
  const bad = /[^A-HJ-NPR-Z0-9]/.exec(vin);
  if (bad) return { ok: false, reason: `a VIN cannot contain "${bad[0]}" (position ${bad.index + 1})` };
  if (!isNorthAmericanVin(vin)) return { ok: true, vin };
  const expected = vinCheckDigit(vin);
  if (expected !== vin[8])
    return {
      ok: false,
      reason: `check digit (position 9) is "${vin[8]}" but should be "${expected}": the VIN has a typo (a North American VIN must carry its check digit)`,
    };
  return { ok: true, vin };
}
