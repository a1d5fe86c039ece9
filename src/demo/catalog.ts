// Real makes, models and engines a North American shop services, with the years they were
// sold and the world manufacturer identifier that starts their VINs.
export interface CatalogModel {
  make: string;
  model: string;
  submodels: readonly string[];
  engines: readonly string[];
  from: number;
  to: number;
  wmi: string;
  weight: number;
}

const m = (
  make: string,
  model: string,
  wmi: string,
  from: number,
  to: number,
  submodels: string[],
  engines: string[],
  weight = 1,
): CatalogModel => ({ make, model, wmi, from, to, submodels, engines, weight });

export const CATALOG: readonly CatalogModel[] = [
  m('Toyota', 'Corolla', '2T1', 2005, 2026, ['CE', 'LE', 'SE', 'XSE'], ['1.8L I4', '2.0L I4'], 4),
  m(
    'Toyota',
    'RAV4',
    '2T3',
    2006,
    2026,
    ['LE', 'XLE', 'Limited', 'Hybrid XSE'],
    ['2.5L I4', '2.5L I4 Hybrid'],
    4,
  ),
  m('Toyota', 'Camry', '4T1', 2005, 2026, ['LE', 'SE', 'XLE'], ['2.5L I4', '3.5L V6'], 3),
  m('Toyota', 'Tacoma', '5TF', 2008, 2026, ['SR', 'SR5', 'TRD Off-Road'], ['2.7L I4', '3.5L V6'], 2),
  m(
    'Honda',
    'Civic',
    '2HG',
    2005,
    2026,
    ['DX', 'LX', 'EX', 'Sport', 'Touring'],
    ['1.8L I4', '2.0L I4', '1.5L I4 Turbo'],
    4,
  ),
  m('Honda', 'CR-V', '5J6', 2007, 2026, ['LX', 'EX', 'EX-L', 'Touring'], ['2.4L I4', '1.5L I4 Turbo'], 3),
  m(
    'Honda',
    'Accord',
    '1HG',
    2005,
    2026,
    ['LX', 'Sport', 'EX-L'],
    ['2.4L I4', '1.5L I4 Turbo', '3.5L V6'],
    2,
  ),
  m(
    'Ford',
    'F-150',
    '1FT',
    2005,
    2026,
    ['XL', 'XLT', 'Lariat', 'Platinum'],
    ['5.0L V8', '3.5L V6 EcoBoost', '2.7L V6 EcoBoost'],
    5,
  ),
  m(
    'Ford',
    'Escape',
    '1FM',
    2008,
    2026,
    ['S', 'SE', 'Titanium'],
    ['2.5L I4', '1.5L I3 EcoBoost', '2.0L I4 EcoBoost'],
    3,
  ),
  m('Ford', 'Focus', '1FA', 2005, 2018, ['S', 'SE', 'Titanium'], ['2.0L I4'], 2),
  m(
    'Chevrolet',
    'Silverado 1500',
    '1GC',
    2005,
    2026,
    ['WT', 'LT', 'LTZ', 'High Country'],
    ['5.3L V8', '4.3L V6', '6.2L V8'],
    4,
  ),
  m('Chevrolet', 'Equinox', '2GN', 2008, 2026, ['LS', 'LT', 'Premier'], ['2.4L I4', '1.5L I4 Turbo'], 3),
  m('Chevrolet', 'Malibu', '1G1', 2005, 2025, ['LS', 'LT', 'Premier'], ['2.5L I4', '1.5L I4 Turbo'], 2),
  m('GMC', 'Sierra 1500', '1GT', 2005, 2026, ['SLE', 'SLT', 'Denali'], ['5.3L V8', '6.2L V8'], 2),
  m('Ram', '1500', '1C6', 2011, 2026, ['Tradesman', 'Big Horn', 'Laramie'], ['5.7L V8 HEMI', '3.6L V6'], 3),
  m(
    'Jeep',
    'Grand Cherokee',
    '1C4',
    2008,
    2026,
    ['Laredo', 'Limited', 'Overland'],
    ['3.6L V6', '5.7L V8'],
    2,
  ),
  m('Nissan', 'Rogue', '5N1', 2008, 2026, ['S', 'SV', 'SL'], ['2.5L I4', '1.5L I3 Turbo'], 3),
  m('Nissan', 'Sentra', '3N1', 2007, 2026, ['S', 'SV', 'SR'], ['1.8L I4', '2.0L I4'], 2),
  m(
    'Hyundai',
    'Elantra',
    'KMH',
    2007,
    2026,
    ['GL', 'GLS', 'Preferred', 'N Line'],
    ['2.0L I4', '1.6L I4 Turbo'],
    3,
  ),
  m(
    'Hyundai',
    'Tucson',
    'KM8',
    2010,
    2026,
    ['Essential', 'Preferred', 'Ultimate'],
    ['2.0L I4', '2.5L I4', '1.6L I4 Turbo Hybrid'],
    2,
  ),
  m('Kia', 'Sportage', 'KND', 2011, 2026, ['LX', 'EX', 'SX'], ['2.4L I4', '2.0L I4 Turbo'], 2),
  m('Kia', 'Forte', '3KP', 2010, 2026, ['LX', 'EX', 'GT'], ['2.0L I4', '1.6L I4 Turbo'], 2),
  m('Mazda', 'Mazda3', 'JM1', 2005, 2026, ['GX', 'GS', 'GT'], ['2.0L I4', '2.5L I4'], 3),
  m('Mazda', 'CX-5', 'JM3', 2013, 2026, ['GX', 'GS', 'Signature'], ['2.5L I4', '2.5L I4 Turbo'], 2),
  m(
    'Subaru',
    'Outback',
    '4S4',
    2005,
    2026,
    ['Touring', 'Limited', 'Wilderness'],
    ['2.5L H4', '2.4L H4 Turbo'],
    2,
  ),
  m('Subaru', 'Forester', 'JF2', 2005, 2026, ['Base', 'Touring', 'Sport'], ['2.5L H4'], 2),
  m(
    'Volkswagen',
    'Jetta',
    '3VW',
    2005,
    2026,
    ['Trendline', 'Comfortline', 'Highline', 'GLI'],
    ['2.0L I4', '1.4L I4 TSI', '1.5L I4 TSI'],
    2,
  ),
  m(
    'Volkswagen',
    'Golf',
    '3VW',
    2005,
    2021,
    ['Trendline', 'Comfortline', 'GTI'],
    ['2.5L I5', '1.8L I4 TSI', '2.0L I4 TSI'],
    1,
  ),
  m(
    'BMW',
    'X3',
    '5UX',
    2005,
    2026,
    ['xDrive28i', 'xDrive30i', 'M40i'],
    ['2.0L I4 Turbo', '3.0L I6 Turbo'],
    1,
  ),
  m(
    'Mercedes-Benz',
    'C-Class',
    'WDD',
    2008,
    2026,
    ['C 250', 'C 300 4MATIC'],
    ['2.0L I4 Turbo', '3.5L V6'],
    1,
  ),
  m('Audi', 'Q5', 'WA1', 2009, 2026, ['Komfort', 'Progressiv', 'Technik'], ['2.0L I4 TFSI'], 1),
  m('Tesla', 'Model 3', '5YJ', 2018, 2026, ['Standard Range', 'Long Range', 'Performance'], ['Electric'], 1),
  m(
    'Volvo',
    'XC60',
    'YV4',
    2010,
    2026,
    ['Momentum', 'Inscription', 'R-Design'],
    ['2.0L I4 Turbo', '3.0L I6 Turbo'],
    1,
  ),
];

const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';

/** The model-year character (position 10) for years 1980-2039. */
export function yearCode(year: number): string {
  return YEAR_CODES[(year - 1980) % 30]!;
}
