// A customer's sales rep must be a user of the same organization (404 naming the field otherwise).
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';
import { scoped } from '../tenancy/scoped.ts';

export async function checkSalesRep(trx: Transaction<DB>, scope: Scope, userId: number): Promise<void> {
  await scoped(trx, scope).findUser(userId, 'sales_rep_user_id');
}
