// Constraint violations name the field the client sent, never an index expression or a
// constraint name (issue 12, items 8 and 13): real errors from the test database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createShopApiTest, makeStaff, type ApiTest, type Client } from '../../../test/helpers/api.ts';
import { makeShop } from '../../../test/helpers/factories.ts';
import { HttpError } from '../errors.ts';
import { mapDbError } from './db-errors.ts';

let api: ApiTest;
let owner: Client;
let shop: Awaited<ReturnType<typeof makeShop>>;

beforeAll(async () => {
  ({ api, shop, owner } = await createShopApiTest());
});
afterAll(() => api.close());

const caught = async (query: Promise<unknown>) => {
  try {
    await query;
  } catch (err) {
    return mapDbError(err) as HttpError;
  }
  throw new Error('the statement did not fail');
};

describe('database errors as answers', () => {
  it('a duplicate email (unique index on lower(email)) is 409 naming email', async () => {
    const taken = await makeStaff(api.t.db, shop, []);
    const res = await owner.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        email: taken.email.toUpperCase(),
        name: 'Twin',
        language: 'en',
        roles: [{ location_id: shop.locationId, role: 'crm_agent' }],
      },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'already_exists', field: 'email' });
    const err = await caught(
      sql`INSERT INTO users (org_id, email, name) VALUES (${shop.orgId}, ${taken.email.toUpperCase()}, 'x')`.execute(
        api.t.db,
      ),
    );
    expect(err).toMatchObject({ status: 409, field: 'email' });
    expect(err.message).toBe('Another record already has this email');
  });

  it('a broken CHECK names the field, not the constraint', async () => {
    const customer = await sql<{
      id: number;
    }>`INSERT INTO customers (org_id, location_id, customer_number, mailing_name)
      VALUES (${shop.orgId}, ${shop.locationId}, 'CHK1', 'Check') RETURNING id`.execute(api.t.db);
    const err = await caught(
      sql`INSERT INTO appointments (org_id, location_id, customer_id, starts_at, ends_at)
          VALUES (${shop.orgId}, ${shop.locationId}, ${customer.rows[0]!.id}, '2026-03-10T15:00Z', '2026-03-10T14:00Z')`.execute(
        api.t.db,
      ),
    );
    expect(err).toMatchObject({ status: 400, code: 'invalid_input', field: 'ends_at' });
    expect(err.message).not.toContain('check');
    const column = await caught(
      sql`INSERT INTO appointments (org_id, location_id, customer_id, starts_at, ends_at, status)
          VALUES (${shop.orgId}, ${shop.locationId}, ${customer.rows[0]!.id}, '2026-03-10T14:00Z', '2026-03-10T15:00Z', 'nope')`.execute(
        api.t.db,
      ),
    );
    expect(column).toMatchObject({ status: 400, field: 'status' });
    expect(column.message).not.toContain('appointments_');
  });
});
