// The shops a demo organization gets, in order: city, province or state, time zone, language
// mix of its customers and how its plates look.
import type { Language } from '../domain/language.ts';

export interface DemoCity {
  city: string;
  region: string;
  country: 'CA' | 'US';
  timeZone: string;
  language: Language;
  postal: string;
  areaCode: string;
  languages: readonly (readonly [Language, number])[];
  /** Plate pattern: L = letter, D = digit. */
  plate: string;
}

const qc = [
  ['fr', 75],
  ['en', 20],
  ['es', 5],
] as const;
const ca = [
  ['en', 80],
  ['fr', 12],
  ['es', 8],
] as const;
const us = [
  ['en', 70],
  ['es', 28],
  ['fr', 2],
] as const;
const hisp = [
  ['es', 55],
  ['en', 44],
  ['fr', 1],
] as const;

export const DEMO_CITIES: readonly DemoCity[] = [
  {
    city: 'Montréal',
    region: 'QC',
    country: 'CA',
    timeZone: 'America/Toronto',
    language: 'fr',
    postal: 'H2X 1Y4',
    areaCode: '514',
    languages: qc,
    plate: 'LDDLLL',
  },
  {
    city: 'Toronto',
    region: 'ON',
    country: 'CA',
    timeZone: 'America/Toronto',
    language: 'en',
    postal: 'M5V 2T6',
    areaCode: '416',
    languages: ca,
    plate: 'LLLL DDD',
  },
  {
    city: 'Miami',
    region: 'FL',
    country: 'US',
    timeZone: 'America/New_York',
    language: 'es',
    postal: '33135',
    areaCode: '305',
    languages: hisp,
    plate: 'LLLL DD',
  },
  {
    city: 'Québec',
    region: 'QC',
    country: 'CA',
    timeZone: 'America/Toronto',
    language: 'fr',
    postal: 'G1R 4P5',
    areaCode: '418',
    languages: qc,
    plate: 'DDD LLL',
  },
  {
    city: 'Vancouver',
    region: 'BC',
    country: 'CA',
    timeZone: 'America/Vancouver',
    language: 'en',
    postal: 'V6B 1A1',
    areaCode: '604',
    languages: ca,
    plate: 'LLD DDL',
  },
  {
    city: 'Houston',
    region: 'TX',
    country: 'US',
    timeZone: 'America/Chicago',
    language: 'en',
    postal: '77002',
    areaCode: '713',
    languages: hisp,
    plate: 'LLL-DDDD',
  },
  {
    city: 'Calgary',
    region: 'AB',
    country: 'CA',
    timeZone: 'America/Edmonton',
    language: 'en',
    postal: 'T2P 1J9',
    areaCode: '403',
    languages: ca,
    plate: 'LLL-DDDD',
  },
  {
    city: 'Phoenix',
    region: 'AZ',
    country: 'US',
    timeZone: 'America/Phoenix',
    language: 'en',
    postal: '85004',
    areaCode: '602',
    languages: us,
    plate: 'LLLDDDD',
  },
  {
    city: 'Ottawa',
    region: 'ON',
    country: 'CA',
    timeZone: 'America/Toronto',
    language: 'en',
    postal: 'K1P 5G3',
    areaCode: '613',
    languages: [
      ['en', 60],
      ['fr', 35],
      ['es', 5],
    ],
    plate: 'LLLL DDD',
  },
  {
    city: 'Los Angeles',
    region: 'CA',
    country: 'US',
    timeZone: 'America/Los_Angeles',
    language: 'en',
    postal: '90012',
    areaCode: '213',
    languages: us,
    plate: 'DLLLDDD',
  },
  {
    city: 'Moncton',
    region: 'NB',
    country: 'CA',
    timeZone: 'America/Moncton',
    language: 'en',
    postal: 'E1C 4M3',
    areaCode: '506',
    languages: [
      ['en', 60],
      ['fr', 38],
      ['es', 2],
    ],
    plate: 'LLL DDD',
  },
  {
    city: 'Chicago',
    region: 'IL',
    country: 'US',
    timeZone: 'America/Chicago',
    language: 'en',
    postal: '60601',
    areaCode: '312',
    languages: us,
    plate: 'LL DDDDD',
  },
];

export function plateFor(pattern: string, next: () => number): string {
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  return pattern.replace(/[LD]/g, (c) =>
    c === 'L' ? letters[Math.floor(next() * letters.length)]! : String(Math.floor(next() * 10)),
  );
}
