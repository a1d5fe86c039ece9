import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export async function createOrganization(db: Kysely<DB>, name: string): Promise<number> {
  const row = await db.insertInto('organizations').values({ name }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
