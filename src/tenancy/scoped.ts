// Tenant isolation in one place. Every tenant read or write in the API goes through scoped():
// it adds org_id = scope.orgId and location_id IN scope.locationIds to the query, so a row of
// another organization (or of a location the user has no right to) is simply not found.
// Child tables without location_id (lines, hours...) are reached through their scoped parent
// and filtered by org_id with selectFromChild(); organization-wide tables (users, roles, tokens,
// audit log) with selectFromOrg(). Anything reading across tenants is named unsafe….
import {
  sql,
  type DeleteQueryBuilder,
  type DeleteResult,
  type Kysely,
  type SelectQueryBuilder,
  type Transaction,
  type UpdateQueryBuilder,
  type UpdateResult,
} from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors/app-error.ts';
import type { Scope } from './scope.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Tables keyed by organization and location. */
export type LocatedTable = {
  [K in keyof DB]: DB[K] extends { org_id: number; location_id: number } ? K : never;
}[keyof DB];
/** Organization-wide tables without a location (staff, roles, tokens, audit, the locations). */
export type OrgWideTable = 'users' | 'user_roles' | 'api_tokens' | 'audit_log' | 'locations';
/** Tables keyed by organization only (children of a located table). */
export type OrgTable = Exclude<
  { [K in keyof DB]: DB[K] extends { org_id: number } ? K : never }[keyof DB],
  LocatedTable
>;

const inScope = (table: string, scope: Scope) =>
  sql<boolean>`${sql.ref(`${table}.org_id`)} = ${scope.orgId} AND ${sql.ref(`${table}.location_id`)} = ANY(${sql.val(scope.locationIds)}::bigint[])`;
const inOrg = (table: string, scope: Scope) => sql<boolean>`${sql.ref(`${table}.org_id`)} = ${scope.orgId}`;

export function scoped(db: Db, scope: Scope) {
  return {
    selectFrom<T extends LocatedTable>(table: T) {
      return db
        .selectFrom(table as LocatedTable)
        .where(inScope(table, scope)) as unknown as SelectQueryBuilder<DB, T, object>;
    },
    updateTable<T extends LocatedTable>(table: T) {
      return db
        .updateTable(table as LocatedTable)
        .where(inScope(table, scope)) as unknown as UpdateQueryBuilder<DB, T, T, UpdateResult>;
    },
    deleteFrom<T extends LocatedTable>(table: T) {
      return db
        .deleteFrom(table as LocatedTable)
        .where(inScope(table, scope)) as unknown as DeleteQueryBuilder<DB, T, DeleteResult>;
    },
    /** Children reached through a scoped parent: org filter only; callers also join or check the parent. */
    selectFromChild<T extends OrgTable>(table: T) {
      return db.selectFrom(table as OrgTable).where(inOrg(table, scope)) as unknown as SelectQueryBuilder<
        DB,
        T,
        object
      >;
    },
    deleteFromChild<T extends OrgTable>(table: T) {
      return db.deleteFrom(table as OrgTable).where(inOrg(table, scope)) as unknown as DeleteQueryBuilder<
        DB,
        T,
        DeleteResult
      >;
    },
    /** Organization-wide tables (users, roles, tokens, audit log, locations): org_id filter. */
    selectFromOrg<T extends OrgWideTable>(table: T) {
      return db.selectFrom(table as OrgWideTable).where(inOrg(table, scope)) as unknown as SelectQueryBuilder<
        DB,
        T,
        object
      >;
    },
    updateTableOrg<T extends OrgWideTable>(table: T) {
      return db
        .updateTable(table as OrgWideTable)
        .where(inOrg(table, scope)) as unknown as UpdateQueryBuilder<DB, T, T, UpdateResult>;
    },
    deleteFromOrg<T extends OrgWideTable>(table: T) {
      return db.deleteFrom(table as OrgWideTable).where(inOrg(table, scope)) as unknown as DeleteQueryBuilder<
        DB,
        T,
        DeleteResult
      >;
    },
    /** True when the permission of this request holds at every location of the organization. */
    async coversOrganization(): Promise<boolean> {
      const outside = await db
        .selectFrom('locations')
        .select('id')
        .where('org_id', '=', scope.orgId)
        .where(sql<boolean>`NOT (id = ANY(${sql.val(scope.locationIds)}::bigint[]))`)
        .limit(1)
        .executeTakeFirst();
      return outside === undefined;
    },
    /** A staff user of this organization, or a 404 naming the field that referred to it. */
    async findUser(userId: number, field: string) {
      const user = await db
        .selectFrom('users')
        .select('id')
        .where('org_id', '=', scope.orgId)
        .where('id', '=', userId)
        .executeTakeFirst();
      if (!user) throw new AppError(404, 'not_found', `User ${userId} not found`, field);
      return user;
    },
    /** Throws 404 unless the location is one this request may use; returns org_id for inserts. */
    location(locationId: number, field = 'location_id'): { org_id: number; location_id: number } {
      if (!scope.locationIds.includes(locationId))
        throw new AppError(404, 'not_found', 'Location not found', field);
      return { org_id: scope.orgId, location_id: locationId };
    },
    /** The location row itself, when this request may use it (404 otherwise). */
    async getLocation(locationId: number, field = 'location_id') {
      if (!scope.locationIds.includes(locationId))
        throw new AppError(404, 'not_found', 'Location not found', field);
      return db
        .selectFrom('locations')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('id', '=', locationId)
        .executeTakeFirstOrThrow();
    },
    /** The row of a located table by id, or a 404 naming the field that referred to it. */
    async find<T extends LocatedTable>(
      table: T,
      id: number,
      what: string,
      field?: string,
    ): Promise<{ id: number; location_id: number }> {
      const row = await db
        .selectFrom(table as LocatedTable)
        .where(inScope(table, scope))
        .where(sql.ref(`${table}.id`), '=', id)
        .select([
          sql.ref<number>(`${table}.id`).as('id'),
          sql.ref<number>(`${table}.location_id`).as('location_id'),
        ])
        .executeTakeFirst();
      if (!row) throw new AppError(404, 'not_found', `${what} ${id} not found`, field);
      return row as { id: number; location_id: number };
    },
  };
}
export type Scoped = ReturnType<typeof scoped>;
