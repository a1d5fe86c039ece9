// Portal isolation in one place: everything a signed-in customer reads or changes goes through
// own(): each query is filtered by the session's organization AND customer, so another
// customer's vehicle, appointment or survey (same location or not, same organization or not) is
// simply not found, and the portal answers 404. The customer row itself is loaded here too.
import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { Customer, DB, Language, Location } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';
import { PortalNotFound } from './errors.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface CustomerScope {
  orgId: number;
  customerId: number;
  locationId: number;
}

/** The tables holding a customer's own records (each has org_id and customer_id). */
type OwnTable = 'vehicles' | 'appointments' | 'repair_orders' | 'surveys' | 'messages' | 'customer_consents';

export function own(db: Db, cs: CustomerScope) {
  // One query shape for every table: the session's organization and customer. Kysely cannot
  // type the columns of a table given as a type parameter, hence the one cast.
  function mine<T extends OwnTable>(table: T): SelectQueryBuilder<DB, T, object> {
    const q = db
      .selectFrom(table as OwnTable)
      .where(sql.ref(`${table}.org_id`), '=', cs.orgId)
      .where(sql.ref(`${table}.customer_id`), '=', cs.customerId);
    return q as unknown as SelectQueryBuilder<DB, T, object>;
  }
  return {
    customer(): Promise<Customer | undefined> {
      return db
        .selectFrom('customers')
        .selectAll()
        .where('org_id', '=', cs.orgId)
        .where('id', '=', cs.customerId)
        .executeTakeFirst();
    },
    location(): Promise<Location> {
      return db
        .selectFrom('locations')
        .selectAll()
        .where('org_id', '=', cs.orgId)
        .where('id', '=', cs.locationId)
        .executeTakeFirstOrThrow();
    },
    vehicles: () => mine('vehicles'),
    appointments: () => mine('appointments'),
    repairOrders: () => mine('repair_orders'),
    surveys: () => mine('surveys'),
    messages: () => mine('messages').where('messages.recipient_type', '=', 'customer'),
    consents: () => mine('customer_consents'),
    updateAppointments() {
      return db
        .updateTable('appointments')
        .where('appointments.org_id', '=', cs.orgId)
        .where('appointments.customer_id', '=', cs.customerId);
    },
    /** One of the customer's vehicles, or PortalNotFound. */
    async vehicle(id: number) {
      const v = await this.vehicles().selectAll().where('vehicles.id', '=', id).executeTakeFirst();
      if (!v) throw new PortalNotFound('Vehicle');
      return v;
    },
    /** One of the customer's appointments (locked for update inside a transaction), or PortalNotFound. */
    async appointment(id: number, forUpdate = false) {
      let q = this.appointments().selectAll().where('appointments.id', '=', id);
      if (forUpdate) q = q.forUpdate();
      const a = await q.executeTakeFirst();
      if (!a) throw new PortalNotFound('Appointment');
      return a;
    },
  };
}

/**
 * The staff-side scope a portal operation acts under (availability, booking checks, the audit
 * log): the customer's own location only, the customer as the actor.
 */
export function actingScope(cs: CustomerScope): Scope {
  return {
    orgId: cs.orgId,
    actor: { type: 'customer', id: cs.customerId },
    userId: null,
    locationIds: [cs.locationId],
  };
}

/** The customer's language, else their location's. */
export function portalLanguage(
  customer: Pick<Customer, 'language'>,
  location: Pick<Location, 'language'>,
): Language {
  return customer.language ?? location.language;
}
