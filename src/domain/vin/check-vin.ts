// VIN validation (ISO 3779 / 49 CFR 565): 17 characters, no I, O or Q, and the check digit in
// position 9 computed from the others. Pure: no I/O.
const VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

export type VinCheck = { ok: true; vin: string } | { ok: false; reason: string };

/** The check digit (0-9 or X) a VIN should carry, or null when a character is not allowed. */
export function vinCheckDigit(vin: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = vin[i]!;
    const value = /[0-9]/.test(c) ? Number(c) : VALUES[c];
    if (value === undefined) return null;
    sum += value * WEIGHTS[i]!;
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

export function checkVin(input: string): VinCheck {
  const vin = input.trim().toUpperCase();
  if (vin.length !== 17) return { ok: false, reason: `a VIN has 17 characters (got ${vin.length})` };
  const bad = /[^A-HJ-NPR-Z0-9]/.exec(vin);
  if (bad) return { ok: false, reason: `a VIN cannot contain "${bad[0]}" (position ${bad.index + 1})` };
  const expected = vinCheckDigit(vin);
  if (expected !== vin[8]) return { ok: false, reason: `check digit (position 9) is "${vin[8]}" but should be "${expected}": the VIN has a typo` };
  return { ok: true, vin };
}
