// What a shop does on a visit: maintenance packages, labor, parts (with plausible prices) and
// the work customers decline.
export interface ServiceItem {
  description: string;
  min: number;
  max: number;
}

export const PACKAGES: readonly ServiceItem[] = [
  { description: 'Oil change and filter, synthetic 0W-20', min: 69, max: 119 },
  { description: 'Oil change and filter, conventional 5W-30', min: 49, max: 79 },
  { description: 'Maintenance A: oil, filter, tire rotation, inspection', min: 109, max: 179 },
  { description: 'Maintenance B: oil, filters, brake service, inspection', min: 229, max: 389 },
  { description: 'Seasonal tire change and balancing', min: 69, max: 129 },
];

export const LABOR: readonly ServiceItem[] = [
  { description: 'Replace front brake pads and rotors', min: 180, max: 320 },
  { description: 'Replace rear brake pads', min: 120, max: 220 },
  { description: 'Four-wheel alignment', min: 99, max: 149 },
  { description: 'Diagnose check engine light', min: 95, max: 160 },
  { description: 'Replace battery and test charging system', min: 45, max: 80 },
  { description: 'Coolant flush', min: 99, max: 169 },
  { description: 'Transmission fluid service', min: 149, max: 259 },
  { description: 'Replace serpentine belt', min: 90, max: 170 },
  { description: 'Multi-point inspection', min: 0, max: 49 },
];

export const PARTS: readonly ServiceItem[] = [
  { description: 'Brake pad set', min: 60, max: 140 },
  { description: 'Brake rotor', min: 70, max: 180 },
  { description: 'Battery, group 24F', min: 160, max: 260 },
  { description: 'Cabin air filter', min: 25, max: 55 },
  { description: 'Engine air filter', min: 25, max: 60 },
  { description: 'Wiper blades (pair)', min: 30, max: 60 },
  { description: 'Serpentine belt', min: 40, max: 90 },
  { description: 'Coolant, 4 L', min: 30, max: 55 },
];

export const DECLINED: readonly ServiceItem[] = [
  { description: 'Rear brake pads at 3 mm: replace soon', min: 180, max: 260 },
  { description: 'Front tires worn to 3/32": replace', min: 480, max: 900 },
  { description: 'Replace wiper blades', min: 40, max: 70 },
  { description: 'Coolant flush due', min: 99, max: 169 },
  { description: 'Replace engine air filter', min: 45, max: 80 },
  { description: 'Timing belt due', min: 650, max: 1100 },
  { description: 'Wheel alignment out of specification', min: 99, max: 149 },
];
