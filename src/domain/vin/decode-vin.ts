// Decodes what a VIN says on its own: the maker (from the world manufacturer identifier, first
// 2-3 characters) and the model year (position 10, disambiguated by position 7 for North
// American light vehicles). Unknown makers decode to null rather than a guess.
import { checkVin } from './check-vin.ts';

// Longest prefix wins. A small table of the makers a North American shop sees most.
const WMI: Record<string, string> = {
  '1G1': 'Chevrolet',
  '1GC': 'Chevrolet',
  '1GN': 'Chevrolet',
  '1GT': 'GMC',
  '1GK': 'GMC',
  '1G6': 'Cadillac',
  '2G1': 'Chevrolet',
  '2GN': 'Chevrolet',
  '3GN': 'Chevrolet',
  '3G1': 'Chevrolet',
  '1FA': 'Ford',
  '1FT': 'Ford',
  '1FM': 'Ford',
  '2FM': 'Ford',
  '3FA': 'Ford',
  '1LN': 'Lincoln',
  '1C3': 'Chrysler',
  '1C4': 'Jeep',
  '1C6': 'Ram',
  '2C3': 'Chrysler',
  '1J4': 'Jeep',
  '1HG': 'Honda',
  '2HG': 'Honda',
  '5FN': 'Honda',
  '5J6': 'Honda',
  '19X': 'Honda',
  JHM: 'Honda',
  JH4: 'Acura',
  '19U': 'Acura',
  JT: 'Toyota',
  '2T1': 'Toyota',
  '2T3': 'Toyota',
  '4T1': 'Toyota',
  '4T3': 'Toyota',
  '5TD': 'Toyota',
  '5TF': 'Toyota',
  JTH: 'Lexus',
  '2T2': 'Lexus',
  JN: 'Nissan',
  '1N4': 'Nissan',
  '5N1': 'Nissan',
  '3N1': 'Nissan',
  JM: 'Mazda',
  JF: 'Subaru',
  '4S4': 'Subaru',
  KM8: 'Hyundai',
  KMH: 'Hyundai',
  '5NP': 'Hyundai',
  KN: 'Kia',
  '5XY': 'Kia',
  WBA: 'BMW',
  WBS: 'BMW',
  '5UX': 'BMW',
  WVW: 'Volkswagen',
  WVG: 'Volkswagen',
  '3VW': 'Volkswagen',
  '1VW': 'Volkswagen',
  WAU: 'Audi',
  WA1: 'Audi',
  WP0: 'Porsche',
  WP1: 'Porsche',
  WDD: 'Mercedes-Benz',
  WDC: 'Mercedes-Benz',
  W1K: 'Mercedes-Benz',
  '4JG': 'Mercedes-Benz',
  YV1: 'Volvo',
  YV4: 'Volvo',
  SAJ: 'Jaguar',
  SAL: 'Land Rover',
  ZFF: 'Ferrari',
  ZAR: 'Alfa Romeo',
  '5YJ': 'Tesla',
  '7SA': 'Tesla',
  JA: 'Mitsubishi',
  JS: 'Suzuki',
  VF1: 'Renault',
  VF3: 'Peugeot',
  VF7: 'Citroën',
  ZFA: 'Fiat',
  '1M8': 'Motor Coach Industries',
};
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';

export interface DecodedVin {
  vin: string;
  make: string | null;
  /** Null when position 10 is not a year code. */
  year: number | null;
  wmi: string;
}

export function decodeVin(input: string): DecodedVin {
  const check = checkVin(input);
  if (!check.ok) throw new Error(`Invalid VIN: ${check.reason}`);
  const vin = check.vin;
  const make = WMI[vin.slice(0, 3)] ?? WMI[vin.slice(0, 2)] ?? null;
  const index = YEAR_CODES.indexOf(vin[9]!);
  let year: number | null = null;
  if (index >= 0) {
    // The code repeats every 30 years; a letter in position 7 means the 2010-2039 cycle.
    year = 1980 + index + (/[A-Z]/.test(vin[6]!) ? 30 : 0);
  }
  return { vin, make, year, wmi: vin.slice(0, 3) };
}
