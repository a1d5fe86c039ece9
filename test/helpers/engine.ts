// Builders for engine tests: repair orders, appointments, staff, rule settings, and a reader
// of the outbox. Factories for shops, customers and vehicles are in factories.ts.
import type { Kysely } from 'kysely';
import type { DB, Message } from '../../src/db/schema.ts';

type Shop = { orgId: number; locationId: number };
let seq = 0;

export async function makeRepairOrder(
  db: Kysely<DB>,
  shop: Shop,
  values: {
    customerId: number | null;
    vehicleId: number | null;
    closedOn: string | null;
    isMaintenance?: boolean;
    odometer?: number | null;
    status?: 'open' | 'closed' | 'void';
    lines?: string[];
    declined?: string[];
  },
) {
  const ro = await db
    .insertInto('repair_orders')
    .values({
      org_id: shop.orgId,
      location_id: shop.locationId,
      ro_number: `RO${++seq}`,
      customer_id: values.customerId,
      vehicle_id: values.vehicleId,
      opened_on: values.closedOn ?? '2026-01-01',
      closed_on: values.closedOn,
      status: values.status ?? (values.closedOn ? 'closed' : 'open'),
      odometer: values.odometer ?? null,
      is_maintenance: values.isMaintenance ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (const [i, d] of (values.lines ?? []).entries()) {
    await db
      .insertInto('repair_order_lines')
      .values({ org_id: shop.orgId, repair_order_id: ro.id, line_no: i + 1, kind: 'package', description: d })
      .execute();
  }
  for (const [i, d] of (values.declined ?? []).entries()) {
    await db
      .insertInto('recommendations')
      .values({
        org_id: shop.orgId,
        repair_order_id: ro.id,
        line_no: i + 1,
        description: d,
        status: 'declined',
      })
      .execute();
  }
  return ro;
}

export async function makeAppointment(
  db: Kysely<DB>,
  shop: Shop,
  values: {
    customerId?: number | null;
    vehicleId?: number | null;
    startsAt: string;
    minutes?: number;
    status?: DB['appointments']['status'] extends infer S ? Exclude<S, undefined> : never;
    visitor?: { name: string; email: string | null };
  },
) {
  const starts = new Date(values.startsAt);
  return db
    .insertInto('appointments')
    .values({
      org_id: shop.orgId,
      location_id: shop.locationId,
      customer_id: values.customerId ?? null,
      vehicle_id: values.vehicleId ?? null,
      visitor_name: values.visitor?.name ?? null,
      visitor_email: values.visitor?.email ?? null,
      starts_at: starts,
      ends_at: new Date(starts.getTime() + (values.minutes ?? 60) * 60_000),
      status: (values.status as 'confirmed' | undefined) ?? 'confirmed',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function makeStaff(
  db: Kysely<DB>,
  shop: Shop,
  role: DB['user_roles']['role'],
  name = `Staff ${++seq}`,
) {
  const user = await db
    .insertInto('users')
    .values({ org_id: shop.orgId, email: `staff${++seq}-${Date.now()}@garage.test`, name })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('user_roles')
    .values({ org_id: shop.orgId, user_id: user.id, location_id: shop.locationId, role })
    .execute();
  return user;
}

/** Sets a kind's day settings; unspecified channels keep theirs. */
export async function setRule(
  db: Kysely<DB>,
  shop: Shop,
  kind: string,
  values: { email?: number; postcard?: number; sms?: number; interval?: number | null; dead?: number | null },
) {
  for (const channel of ['email', 'postcard', 'sms'] as const) {
    const days = values[channel];
    const set: Record<string, number | null> = {};
    if (days !== undefined) set.days = days;
    if (values.interval !== undefined) set.interval_days = values.interval;
    if (values.dead !== undefined) set.dead_days = values.dead;
    if (Object.keys(set).length === 0) continue;
    await db
      .updateTable('message_rules')
      .set(set)
      .where('org_id', '=', shop.orgId)
      .where('location_id', '=', shop.locationId)
      .where('kind', '=', kind)
      .where('channel', '=', channel)
      .execute();
  }
}

/** Turns every rule off for a location, so a test sees only the rule it switches on. */
export async function allRulesOff(db: Kysely<DB>, shop: Shop) {
  await db
    .updateTable('message_rules')
    .set({ days: 0 })
    .where('org_id', '=', shop.orgId)
    .where('location_id', '=', shop.locationId)
    .execute();
}

export async function outbox(db: Kysely<DB>, shop: Shop, kind?: string): Promise<Message[]> {
  let q = db
    .selectFrom('messages')
    .selectAll()
    .where('org_id', '=', shop.orgId)
    .where('location_id', '=', shop.locationId);
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('id').execute();
}

/** Runs the daily decision for one shop on each of the given days. */
export async function runShopDays(db: Kysely<DB>, shop: Shop, days: string[], now?: Date) {
  const { runDay } = await import('../../src/engine/run-day.ts');
  const results = [];
  for (const day of days)
    results.push(
      await runDay(db, day, {
        now: now ?? new Date(`${day}T12:00:00Z`),
        locations: [{ orgId: shop.orgId, locationId: shop.locationId }],
      }),
    );
  return results;
}

/** The due days of a shop's messages of one kind. */
export async function dueDays(db: Kysely<DB>, shop: Shop, kind: string): Promise<string[]> {
  return (await outbox(db, shop, kind)).map((m) => m.due_on);
}
