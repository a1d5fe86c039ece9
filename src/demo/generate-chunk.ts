// Generates one chunk of a demo location: customers with their vehicles, visit histories
// (repair orders with lines, declined work, odometer readings). Pure and deterministic: the
// same (seed, location, customer number) gives the same rows whatever the chunk size. References between rows are indexes
// within the chunk; the loader turns them into ids.
import type { Language } from '../domain/language.ts';
import { CATALOG } from './catalog.ts';
import { fromDay, toDay, yearOf } from './dates.ts';
import { plateFor, type DemoCity } from './demo-locations.ts';
import { makeVin } from './make-vin.ts';
import { COMPANY_NAMES, emailLocalPart, FIRST_NAMES, LAST_NAMES, STREETS } from './names.ts';
import { randomFor, type Random } from './random.ts';
import { DECLINED, LABOR, PACKAGES, PARTS, type ServiceItem } from './services.ts';

export interface ChunkInput {
  seed: string;
  locationIndex: number;
  city: DemoCity;
  /** Customer numbers first..first+count-1 within the location. */
  first: number;
  count: number;
  today: string;
}

export interface Chunk {
  customers: {
    customer_number: string[];
    first_name: (string | null)[];
    last_name: (string | null)[];
    company_name: (string | null)[];
    mailing_name: string[];
    language: Language[];
    email: (string | null)[];
    phone: (string | null)[];
    address_line1: (string | null)[];
    city: (string | null)[];
    region: (string | null)[];
    postal_code: (string | null)[];
    country: string[];
    birthday: (string | null)[];
    do_not_mail: boolean[];
    consent_basis: string[];
    consent_date: (string | null)[];
    last_visit_on: (string | null)[];
  };
  vehicles: {
    customer: number[];
    vin: string[];
    year: number[];
    make: string[];
    model: string[];
    submodel: string[];
    engine: string[];
    plate: string[];
    plate_region: string[];
    delivery_date: (string | null)[];
    usage_unit: string[];
    captured_on: string[];
    next_visit_on: (string | null)[];
    last_visit_on: (string | null)[];
  };
  repairOrders: {
    vehicle: number[];
    customer: number[];
    ro_number: string[];
    opened_on: string[];
    closed_on: (string | null)[];
    status: string[];
    odometer: number[];
    is_maintenance: boolean[];
    total_amount: string[];
  };
  lines: {
    repairOrder: number[];
    line_no: number[];
    kind: string[];
    description: string[];
    quantity: string[];
    amount: string[];
  };
  recommendations: { repairOrder: number[]; line_no: number[]; description: string[]; estimate: string[] };
  odometer: { vehicle: number[]; read_on: string[]; value: number[] };
}

function emptyChunk(): Chunk {
  const cols = <K extends string>(...keys: K[]) =>
    Object.fromEntries(keys.map((k) => [k, []])) as unknown as Record<K, never[]>;
  return {
    customers: cols(
      'customer_number',
      'first_name',
      'last_name',
      'company_name',
      'mailing_name',
      'language',
      'email',
      'phone',
      'address_line1',
      'city',
      'region',
      'postal_code',
      'country',
      'birthday',
      'do_not_mail',
      'consent_basis',
      'consent_date',
      'last_visit_on',
    ),
    vehicles: cols(
      'customer',
      'vin',
      'year',
      'make',
      'model',
      'submodel',
      'engine',
      'plate',
      'plate_region',
      'delivery_date',
      'usage_unit',
      'captured_on',
      'next_visit_on',
      'last_visit_on',
    ),
    repairOrders: cols(
      'vehicle',
      'customer',
      'ro_number',
      'opened_on',
      'closed_on',
      'status',
      'odometer',
      'is_maintenance',
      'total_amount',
    ),
    lines: cols('repairOrder', 'line_no', 'kind', 'description', 'quantity', 'amount'),
    recommendations: cols('repairOrder', 'line_no', 'description', 'estimate'),
    odometer: cols('vehicle', 'read_on', 'value'),
  };
}

const price = (random: Random, item: ServiceItem) =>
  (item.min + random.next() * (item.max - item.min)).toFixed(2);
const maxDate = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

export function generateChunk(input: ChunkInput): Chunk {
  const chunk = emptyChunk();
  const today = toDay(input.today);
  const thisYear = yearOf(today);
  for (let i = 0; i < input.count; i++) {
    const n = input.first + i;
    // One stream per customer: the data does not depend on how it is chunked.
    addCustomer(randomFor(input.seed, input.locationIndex, n), chunk, input, n, today, thisYear);
  }
  return chunk;
}

function addCustomer(
  random: Random,
  chunk: Chunk,
  input: ChunkInput,
  n: number,
  today: number,
  thisYear: number,
): void {
  const c = chunk.customers;
  const { city } = input;
  const index = c.customer_number.length;
  const language = random.weighted(city.languages);
  const first = random.pick(FIRST_NAMES[language]);
  const last = random.pick(LAST_NAMES[language]);
  const company = random.chance(0.06) ? random.pick(COMPANY_NAMES) : null;
  const hasEmail = random.chance(0.8);
  // Customers without an e-mail always have a postal address (postcards reach them).
  const hasAddress = !hasEmail || random.chance(0.85);
  c.customer_number.push(`C${String(n + 1).padStart(6, '0')}`);
  c.first_name.push(company ? null : first);
  c.last_name.push(company ? null : last);
  c.company_name.push(company);
  c.mailing_name.push(company ?? `${first} ${last}`);
  c.language.push(language);
  c.email.push(
    hasEmail ? `${emailLocalPart(first, last)}.${input.locationIndex + 1}.${n + 1}@example.com` : null,
  );
  c.phone.push(
    random.chance(0.9) ? `${city.areaCode}-555-${String(random.int(0, 9999)).padStart(4, '0')}` : null,
  );
  c.address_line1.push(hasAddress ? `${random.int(1, 9999)} ${random.pick(STREETS[language])}` : null);
  c.city.push(hasAddress ? city.city : null);
  c.region.push(hasAddress ? city.region : null);
  c.postal_code.push(hasAddress ? city.postal : null);
  c.country.push(city.country);
  // One customer in 200 is born on 29 February (the birthday rule must handle them).
  let birthday: string | null = null;
  if (n % 200 === 7) birthday = `${random.pick([1956, 1968, 1976, 1984, 1992, 2000])}-02-29`;
  else if (random.chance(0.7))
    birthday = fromDay(toDay(`${random.int(1940, thisYear - 18)}-01-01`) + random.int(0, 364));
  // Companies have no birthday (drawn all the same, so the rest of the data stays as it was).
  c.birthday.push(company ? null : birthday);
  c.do_not_mail.push(random.chance(0.03));
  const consent = random.weighted([
    ['express', 50],
    ['implied', 20],
    ['existing_business', 25],
    ['none', 5],
  ] as const);
  c.consent_basis.push(consent);
  c.consent_date.push(consent === 'none' ? null : fromDay(today - random.int(0, 6 * 365)));
  let lastVisit: string | null = null;
  const vehicles = 1 + (random.chance(0.3) ? 1 : 0) + (random.chance(0.13) ? 1 : 0);
  for (let k = 0; k < vehicles; k++)
    lastVisit = maxDate(lastVisit, addVehicle(random, chunk, input, index, n * 3 + k, today, thisYear));
  c.last_visit_on.push(lastVisit);
}

/** Adds a vehicle and its visit history; returns its last visit (latest closed invoice). */
function addVehicle(
  random: Random,
  chunk: Chunk,
  input: ChunkInput,
  customer: number,
  serial: number,
  today: number,
  thisYear: number,
): string | null {
  const v = chunk.vehicles;
  const index = v.vin.length;
  const model = random.weighted(CATALOG.map((m) => [m, m.weight] as const));
  const newest = Math.min(model.to, thisYear);
  const year = Math.max(model.from, newest - Math.floor(random.next() * random.next() * 18));
  const usage = input.city.country === 'US' ? 'mi' : 'km';
  // Bought new here in the last year: the dealer knows the delivery date.
  const delivered =
    year >= thisYear - 1 && random.chance(0.4)
      ? Math.min(today, toDay(`${year - 1}-09-01`) + random.int(0, 420))
      : null;
  const inService = delivered ?? toDay(`${year - 1}-09-01`) + random.int(0, 240);
  const perDay = random.int(15, 90) * (usage === 'mi' ? 0.62 : 1);
  v.customer.push(customer);
  v.vin.push(makeVin(random, model.wmi, year, serial));
  v.year.push(year);
  v.make.push(model.make);
  v.model.push(model.model);
  v.submodel.push(random.pick(model.submodels));
  v.engine.push(random.pick(model.engines));
  v.plate.push(plateFor(input.city.plate, random.next));
  v.plate_region.push(input.city.region);
  v.delivery_date.push(delivered === null ? null : fromDay(delivered));
  v.usage_unit.push(usage);

  // Visits every 1.5 to 7 months from the first one; about one vehicle in seven stops coming.
  const firstVisit = Math.max(inService + 20, today - random.int(0, 10 * 365));
  const churnAfter = random.chance(0.15) ? random.int(1, 6) : 99;
  const ro = chunk.repairOrders;
  let day = firstVisit;
  let visits = 0;
  let lastClosed: number | null = null;
  let lastRo = -1;
  let firstOpened: string | null = null;
  // The odometer only goes up: the reading at the first visit covers the days since the
  // vehicle entered service, each later one adds the days since the previous visit, both at the
  // vehicle's daily use with mild noise (a trip, a quiet month).
  let odometer = 0;
  let odometerDay = inService;
  while (day <= today && visits < 19 && visits < churnAfter) {
    const closedSameDay = random.chance(0.85);
    const closed = closedSameDay ? day : Math.min(today, day + 1);
    odometer += Math.max(1, Math.round((day - odometerDay) * perDay * (0.85 + random.next() * 0.3)));
    odometerDay = day;
    const status = day >= today - 1 && random.chance(0.3) ? 'open' : random.chance(0.005) ? 'void' : 'closed';
    const roIndex = ro.ro_number.length;
    ro.vehicle.push(index);
    ro.customer.push(customer);
    ro.ro_number.push(String(100_000 + serial * 20 + visits));
    ro.opened_on.push(fromDay(day));
    firstOpened ??= fromDay(day);
    ro.closed_on.push(status === 'open' ? null : fromDay(closed));
    ro.status.push(status);
    ro.odometer.push(odometer);
    const { total, maintenance } = addLines(random, chunk, roIndex, chunk.customers.language[customer]!);
    ro.is_maintenance.push(maintenance);
    ro.total_amount.push(total.toFixed(2));
    if (status !== 'open') {
      chunk.odometer.vehicle.push(index);
      chunk.odometer.read_on.push(fromDay(closed));
      chunk.odometer.value.push(odometer);
    }
    if (status === 'closed') {
      lastClosed = closed;
      lastRo = roIndex;
    }
    visits++;
    day += random.int(45, 220);
  }
  const lastVisit = lastClosed === null ? null : fromDay(lastClosed);
  // Captured on delivery, else on the first visit: only vehicles new today get the welcome (V01).
  v.captured_on.push(v.delivery_date[index] ?? firstOpened ?? fromDay(today));
  // Some shops book the next visit at checkout: six months after the last one.
  v.next_visit_on.push(
    lastClosed !== null && lastRo >= 0 && random.chance(0.4) ? fromDay(lastClosed + 182) : null,
  );
  v.last_visit_on.push(lastVisit);
  return lastVisit;
}

function addLines(
  random: Random,
  chunk: Chunk,
  roIndex: number,
  language: Language,
): { total: number; maintenance: boolean } {
  const l = chunk.lines;
  let total = 0;
  let lineNo = 0;
  const add = (kind: string, item: ServiceItem, quantity = 1) => {
    const amount = price(random, item);
    l.repairOrder.push(roIndex);
    l.line_no.push(++lineNo);
    l.kind.push(kind);
    l.description.push(item.description[language]);
    l.quantity.push(String(quantity));
    l.amount.push((Number(amount) * quantity).toFixed(2));
    total += Number(amount) * quantity;
  };
  const maintenance = random.chance(0.55);
  if (maintenance) {
    add('package', random.pick(PACKAGES));
    if (random.chance(0.3)) add('part', random.pick(PARTS));
  } else {
    add('labor', random.pick(LABOR));
    add('part', random.pick(PARTS), random.chance(0.2) ? 2 : 1);
  }
  if (random.chance(0.12)) {
    const item = random.pick(DECLINED);
    const r = chunk.recommendations;
    r.repairOrder.push(roIndex);
    r.line_no.push(++lineNo);
    r.description.push(item.description[language]);
    r.estimate.push(price(random, item));
  }
  return { total, maintenance };
}
