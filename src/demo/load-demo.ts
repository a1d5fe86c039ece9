// relance demo: an organization with N locations and M customers of realistic, seeded data.
// Generated and written chunk by chunk (memory stays flat at any size), each chunk one
// transaction of one multi-row INSERT per table.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { createOrganization } from '../tenancy/create-organization.ts';
import { createLocation } from '../tenancy/create-location.ts';
import { addAppointments, type Regular } from './add-appointments.ts';
import { addStaffResources } from './add-staff-resources.ts';
import { DEMO_CITIES, type DemoCity } from './demo-locations.ts';
import { inDateOrder } from './date-order.ts';
import { generateChunk } from './generate-chunk.ts';
import { canBypassTriggers, loadChunk } from './load-chunk.ts';
import { randomFor } from './random.ts';

export interface DemoOptions {
  locations: number;
  /** Customers in all; about 1.43 vehicles and 11 repair orders per customer. */
  customers: number;
  seed?: string;
  orgName?: string;
  /** The location's today ('YYYY-MM-DD'): histories end here, appointments surround it. */
  today: string;
  chunkSize?: number;
  concurrency?: number;
  onProgress?: (customersDone: number, customersTotal: number) => void;
}

export interface DemoCounts {
  customers: number;
  vehicles: number;
  repairOrders: number;
  lines: number;
  recommendations: number;
  odometerReadings: number;
  appointments: number;
}

export interface DemoSummary extends DemoCounts {
  orgId: number;
  locations: { id: number; code: string }[];
}

export interface FillOptions {
  orgId: number;
  locationId: number;
  /** Which demo city this location is (and a part of every random stream). */
  locationIndex: number;
  customers: number;
  seed: string;
  today: string;
  timeZone: string;
  chunkSize?: number;
  /** Chunks written at once (separate transactions): 1 on PGlite (one session), 2 suits PostgreSQL. */
  concurrency?: number;
  onProgress?: (customersDone: number) => void;
}

export const DEFAULT_SEED = 'relance';

export function demoCity(locationIndex: number): DemoCity {
  return DEMO_CITIES[locationIndex % DEMO_CITIES.length]!;
}

/** A demo load that failed; the partly loaded organization was removed (or says it could not be). */
export class DemoLoadError extends Error {}

export async function loadDemo(db: Kysely<DB>, options: DemoOptions): Promise<DemoSummary> {
  const orgId = await createOrganization(db, options.orgName ?? 'Demo Garages');
  try {
    return await fillDemoOrganization(db, orgId, options);
  } catch (err) {
    // Chunks are separate transactions (a large demo is too big for one): on failure the
    // organization goes, with everything in it (ON DELETE CASCADE), so nothing is half-loaded.
    const removed = await db
      .deleteFrom('organizations')
      .where('id', '=', orgId)
      .execute()
      .then(
        () => true,
        () => false,
      );
    throw new DemoLoadError(
      `${(err as Error).message}; ${removed ? `the partly loaded organization ${orgId} was removed` : `organization ${orgId} is partly loaded and could not be removed: delete it`}`,
      { cause: err },
    );
  }
}

async function fillDemoOrganization(
  db: Kysely<DB>,
  orgId: number,
  options: DemoOptions,
): Promise<DemoSummary> {
  const seed = options.seed ?? DEFAULT_SEED;
  const totals = emptyCounts();
  const locations: { id: number; code: string }[] = [];
  let done = 0;
  for (let i = 0; i < options.locations; i++) {
    const city = demoCity(i);
    const slug = city.city
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z]+/g, '-');
    const code = i < DEMO_CITIES.length ? slug : `${slug}-${Math.floor(i / DEMO_CITIES.length) + 1}`;
    const location = await createLocation(db, orgId, {
      code,
      name: `Demo Garage ${city.city}${i >= DEMO_CITIES.length ? ` ${Math.floor(i / DEMO_CITIES.length) + 1}` : ''}`,
      time_zone: city.timeZone,
      language: city.language,
      address_line1: '100 Service Road',
      city: city.city,
      region: city.region,
      postal_code: city.postal,
      country: city.country,
      phone: `${city.areaCode}-555-0100`,
      email: `${code}@demo.relance.test`,
      business_name: `Demo Garage ${city.city}`,
      business_owner: 'Demo Owner',
      business_phone: `${city.areaCode}-555-0100`,
      business_email: `${code}@demo.relance.test`,
      feedback_link: `https://demo.relance.test/${code}/feedback`,
    });
    locations.push({ id: location.id, code });
    // Customers split evenly, the first locations taking the remainder.
    const share =
      Math.floor(options.customers / options.locations) + (i < options.customers % options.locations ? 1 : 0);
    const base = done;
    const counts = await fillDemoLocation(db, {
      orgId,
      locationId: location.id,
      locationIndex: i,
      customers: share,
      seed,
      today: options.today,
      timeZone: city.timeZone,
      chunkSize: options.chunkSize,
      concurrency: options.concurrency,
      onProgress: (n) => options.onProgress?.(base + n, options.customers),
    });
    done += share;
    for (const key of Object.keys(totals) as (keyof DemoCounts)[]) totals[key] += counts[key];
  }
  return { orgId, locations, ...totals };
}

/** Fills one existing location (the first-start demo shop uses this too). */
export async function fillDemoLocation(db: Kysely<DB>, options: FillOptions): Promise<DemoCounts> {
  const city = demoCity(options.locationIndex);
  const chunkSize = options.chunkSize ?? 1000;
  const scope = {
    orgId: options.orgId,
    locationId: options.locationId,
    bypassTriggers: await canBypassTriggers(db),
  };
  const counts = emptyCounts();
  const pick = randomFor(options.seed, 'location', options.locationIndex, 'regulars');
  const regulars: Regular[] = [];
  // Chunks are generated in order (the random streams and the sample of regulars do not depend
  // on timing) and written by up to `concurrency` transactions at once (PostgreSQL: 2).
  const inflight = new Set<Promise<unknown>>();
  const failures: unknown[] = [];
  let done = 0;
  for (let first = 0; first < options.customers; first += chunkSize) {
    const count = Math.min(chunkSize, options.customers - first);
    const chunk = generateChunk({
      seed: options.seed,
      locationIndex: options.locationIndex,
      city,
      first,
      count,
      today: options.today,
    });
    // A bounded sample of customers (with their first vehicle) who book appointments; their
    // ids are filled in once the chunk is written.
    const refs: { regular: Regular; customer: number; vehicle: number }[] = [];
    chunk.vehicles.customer.forEach((customer, v) => {
      if (v > 0 && chunk.vehicles.customer[v - 1] === customer) return;
      if (!pick.chance(Math.min(1, 4000 / options.customers))) return;
      const regular = { customerId: 0, vehicleId: 0, language: chunk.customers.language[customer]! };
      refs.push({ regular, customer, vehicle: v });
      if (regulars.length < 2000) regulars.push(regular);
      else regulars[pick.int(0, regulars.length - 1)] = regular;
    });
    // Written in date order, as a shop's system hands its repair orders over (date-order.ts).
    const job = loadChunk(db, scope, inDateOrder(chunk)).then((ids) => {
      for (const r of refs) {
        r.regular.customerId = ids.customerIds[r.customer]!;
        r.regular.vehicleId = ids.vehicleIds[r.vehicle]!;
      }
      counts.customers += count;
      counts.vehicles += chunk.vehicles.vin.length;
      counts.repairOrders += chunk.repairOrders.ro_number.length;
      counts.lines += chunk.lines.line_no.length;
      counts.recommendations += chunk.recommendations.line_no.length;
      counts.odometerReadings += chunk.odometer.value.length;
      done += count;
      options.onProgress?.(done);
    });
    inflight.add(job);
    job.then(
      () => inflight.delete(job),
      (error: unknown) => {
        inflight.delete(job);
        failures.push(error);
      },
    );
    // Inside the caller's transaction there is one connection: one chunk at a time.
    if (inflight.size >= (db.isTransaction ? 1 : (options.concurrency ?? 1)))
      await Promise.race(inflight).catch(() => undefined);
    if (failures.length) break;
  }
  // Even after a failure, the chunks in flight finish first: the caller may then remove the
  // organization with nothing still writing into it.
  await Promise.allSettled(inflight);
  if (failures.length) throw failures[0];
  const random = randomFor(options.seed, 'location', options.locationIndex, 'staff');
  const staff = await addStaffResources(db, random, options, city, options.customers);
  counts.appointments = await addAppointments(
    db,
    random,
    { ...options, timeZone: options.timeZone },
    staff,
    regulars,
  );
  return counts;
}

function emptyCounts(): DemoCounts {
  return {
    customers: 0,
    vehicles: 0,
    repairOrders: 0,
    lines: 0,
    recommendations: 0,
    odometerReadings: 0,
    appointments: 0,
  };
}
