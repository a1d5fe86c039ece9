import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Scope } from '../../../tenancy/scope.ts';
import { HttpError } from '../../errors.ts';

/** A sales rep must be a user of the same organization. */
export async function checkSalesRep(trx: Transaction<DB>, scope: Scope, userId: number): Promise<void> {
  const user = await trx.selectFrom('users').select('id').where('org_id', '=', scope.orgId).where('id', '=', userId).executeTakeFirst();
  if (!user) throw new HttpError(404, 'not_found', `User ${userId} not found`, 'sales_rep_user_id');
}
