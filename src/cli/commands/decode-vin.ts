// relance decode-vin VIN [--json]: checks a VIN (the one VIN rule) and decodes it offline from
// NHTSA vPIC. Exit 0 decoded (even when nothing is known of it), 2 an invalid VIN.
import { decodeVehicle, InvalidVin, type VehicleDecode } from '../../vpic/decode-vehicle.ts';
import { UsageError, type Command } from '../command.ts';

const LABELS: [keyof VehicleDecode, string][] = [
  ['make', 'Make'],
  ['model', 'Model'],
  ['year', 'Year'],
  ['trim', 'Trim'],
  ['body', 'Body'],
  ['engine', 'Engine'],
  ['fuel', 'Fuel'],
  ['drive', 'Drive'],
  ['plant', 'Plant'],
  ['manufacturer', 'Manufacturer'],
];

export function printDecode(d: VehicleDecode): void {
  for (const [key, label] of LABELS) if (d[key] !== null) console.log(`  ${label.padEnd(13)}${d[key]}`);
  if (d.source === 'none') console.log('  (no maker or model is known for this VIN)');
}

export const decodeVinCommand: Command = {
  name: 'decode-vin',
  summary: 'Check a VIN and decode it offline (NHTSA vPIC)',
  usage: 'relance decode-vin VIN [--json]',
  options: { json: { type: 'boolean', default: false } },
  async run({ values, positionals }) {
    const [vin, extra] = positionals;
    if (!vin || extra !== undefined) throw new UsageError('give one VIN');
    try {
      const d = await decodeVehicle(vin);
      if (values.json) console.log(JSON.stringify(d, null, 2));
      else {
        console.log(d.vin);
        printDecode(d);
      }
      return 0;
    } catch (err) {
      if (err instanceof InvalidVin) throw new UsageError(err.message);
      throw err;
    }
  },
};
