// API test kit: an app on a fresh test database, staff users with roles, sign-in, API tokens.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { loadConfig } from '../../src/config/env.ts';
import type { AppContext } from '../../src/context.ts';
import type { DB, Role } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { deriveKeys } from '../../src/security/keys.ts';
import { hashPassword } from '../../src/security/passwords.ts';
import { hashSecret, newSecret } from '../../src/accounts/tokens.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { makeShop } from './factories.ts';
import { createLogger, type Logger } from '../../src/config/logger.ts';

export const PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | null = null;
let seq = 0;

export interface ApiTest {
  t: TestDatabase;
  ctx: AppContext;
  app: FastifyInstance;
  clock: { now: Date };
  close(): Promise<void>;
}

export async function createApiTest(
  env: Record<string, string> = {},
  options: { log?: Logger; requestLog?: boolean } = {},
): Promise<ApiTest> {
  const t = await createTestDatabase();
  const clock = { now: new Date('2026-03-10T14:00:00Z') };
  const config = loadConfig({
    NODE_ENV: 'test',
    DEMO_DATA: 'off',
    PUBLIC_URL: 'https://relance.test',
    ...env,
  });
  const ctx: AppContext = {
    config,
    keys: deriveKeys('11'.repeat(32)),
    database: t,
    db: t.db,
    now: () => clock.now,
    log: options.log ?? createLogger({ LOG_LEVEL: 'warn' }),
  };
  const app = await buildApp(ctx, { requestLog: options.requestLog ?? false });
  return {
    t,
    ctx,
    app,
    clock,
    close: async () => {
      await app.close();
      await t.close();
    },
  };
}

export async function makeStaff(
  db: Kysely<DB>,
  shop: { orgId: number },
  roles: Array<{ locationId: number; role: Role }>,
  values: { email?: string; password?: string } = {},
) {
  const email = values.email ?? `staff${++seq}-${Math.random().toString(36).slice(2, 8)}@garage.test`;
  const hash = values.password
    ? await hashPassword(values.password)
    : await (passwordHash ??= hashPassword(PASSWORD));
  const user = await db
    .insertInto('users')
    .values({ org_id: shop.orgId, email, name: `Staff ${seq}`, password_hash: hash })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (roles.length > 0) {
    await db
      .insertInto('user_roles')
      .values(
        roles.map((r) => ({ org_id: shop.orgId, user_id: user.id, location_id: r.locationId, role: r.role })),
      )
      .execute();
  }
  return { id: user.id, email };
}

export async function makeOperator(db: Kysely<DB>) {
  const email = `operator${++seq}@relance.test`;
  const user = await db
    .insertInto('users')
    .values({
      org_id: null,
      is_platform_admin: true,
      email,
      name: 'Operator',
      password_hash: await (passwordHash ??= hashPassword(PASSWORD)),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: user.id, email };
}

export async function makeApiToken(
  db: Kysely<DB>,
  orgId: number,
  scopes: string[],
  locationId: number | null = null,
) {
  const token = newSecret('rl_');
  const row = await db
    .insertInto('api_tokens')
    .values({
      org_id: orgId,
      name: `token ${++seq}`,
      token_hash: hashSecret(token),
      scopes,
      location_id: locationId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token };
}

/** A signed-in client: sends the cookie, and the CSRF header on unsafe methods. */
export interface Client {
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  cookie: string;
  csrf: string;
}

export async function signIn(app: FastifyInstance, email: string, password = PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'relance_session')!;
  const csrf = (res.json() as { csrf_token: string }).csrf_token;
  return {
    cookie: cookie.value,
    csrf,
    request: (options) =>
      app.inject({
        ...options,
        headers: {
          cookie: `relance_session=${cookie.value}`,
          ...(options.method && options.method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
          ...options.headers,
        },
      }),
  };
}

export function tokenClient(app: FastifyInstance, token: string): Pick<Client, 'request'> {
  return {
    request: (options) =>
      app.inject({ ...options, headers: { authorization: `Bearer ${token}`, ...options.headers } }),
  };
}

/** One of each record an API route can point at, in one organization (ExampleIds). */
export async function makeTenantRecords(
  db: Kysely<DB>,
  shop: { orgId: number; locationId: number },
): Promise<import('../../src/http/api/define.ts').ExampleIds> {
  const { orgId, locationId } = shop;
  const n = ++seq;
  const mobile = `+1514555${String(n % 10000).padStart(4, '0')}`;
  const customer = await db
    .insertInto('customers')
    .values({
      org_id: orgId,
      location_id: locationId,
      customer_number: `X${n}`,
      mailing_name: `Client ${n}`,
      email: `c${n}@example.test`,
      mobile_phone: mobile,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // A text from that number that matches no customer: it came in before the number was on file.
  await db
    .insertInto('sms_conversation')
    .values({
      org_id: orgId,
      location_id: locationId,
      customer_id: null,
      direction: 'in',
      phone: mobile,
      body: 'Hello, is this the shop?',
      provider_sid: `SMunknown${n}`,
      at: '2026-01-04T15:00:00Z',
    })
    .execute();
  // Texts on, with the customer's consent for texts: staff may answer them from the inbox.
  await db.updateTable('locations').set({ sms_enabled: true }).where('id', '=', locationId).execute();
  await db
    .insertInto('customer_consents')
    .values({
      org_id: orgId,
      customer_id: customer.id,
      channel: 'text',
      purpose: 'service',
      basis: 'express',
      source: 'staff',
      given_on: '2026-01-05',
      evidence: JSON.stringify({ text: 'Signed the texting box' }),
    })
    .execute();
  const vehicle = await db
    .insertInto('vehicles')
    .values({
      org_id: orgId,
      location_id: locationId,
      customer_id: customer.id,
      vin: `VIN${String(n).padStart(14, '0')}`,
      captured_on: '2025-01-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ro = await db
    .insertInto('repair_orders')
    .values({
      org_id: orgId,
      location_id: locationId,
      ro_number: `RO${n}`,
      customer_id: customer.id,
      vehicle_id: vehicle.id,
      opened_on: '2026-01-05',
      closed_on: '2026-01-05',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('repair_order_lines')
    .values({ org_id: orgId, repair_order_id: ro.id, line_no: 1, kind: 'labor', description: 'Labor' })
    .execute();
  const mechanic = await db
    .insertInto('mechanics')
    .values({ org_id: orgId, location_id: locationId, name: `Mechanic ${n}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('mechanic_hours')
    .values(
      [1, 2, 3, 4, 5].map((weekday) => ({
        org_id: orgId,
        mechanic_id: mechanic.id,
        weekday,
        starts_at: '08:00',
        ends_at: '17:00',
      })),
    )
    .execute();
  const courtesy = await db
    .insertInto('courtesy_vehicles')
    .values({ org_id: orgId, location_id: locationId, name: `Loaner ${n}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const appointment = await db
    .insertInto('appointments')
    .values({
      org_id: orgId,
      location_id: locationId,
      customer_id: customer.id,
      vehicle_id: vehicle.id,
      mechanic_id: mechanic.id,
      starts_at: '2026-03-12T14:00:00Z',
      ends_at: '2026-03-12T15:00:00Z',
      status: 'confirmed',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await makeStaff(db, shop, [{ locationId, role: 'crm_agent' }]);
  const token = await makeApiToken(db, orgId, ['read'], null);
  const message = await db
    .insertInto('messages')
    .values({
      org_id: orgId,
      location_id: locationId,
      kind: 'E02',
      channel: 'email',
      customer_id: customer.id,
      due_on: '2026-03-01',
      dedupe_key: `k${n}`,
      status: 'sent',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const postcard = await db
    .insertInto('messages')
    .values({
      org_id: orgId,
      location_id: locationId,
      kind: 'E02',
      channel: 'postcard',
      customer_id: customer.id,
      due_on: '2026-03-01',
      dedupe_key: `p${n}`,
      status: 'sent',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const task = await db
    .insertInto('staff_tasks')
    .values({
      org_id: orgId,
      location_id: locationId,
      kind: 'P00',
      customer_id: customer.id,
      assigned_role: 'crm_agent',
      due_on: '2026-03-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const schedule = await db
    .insertInto('maintenance_schedules')
    .values({ org_id: orgId, location_id: locationId, make: `Make${n}`, model: null, name: `Schedule ${n}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('maintenance_schedule_items')
    .values({
      org_id: orgId,
      schedule_id: schedule.id,
      code: 'OIL',
      description: JSON.stringify({ en: 'Oil', fr: 'Huile', es: 'Aceite' }),
      every_km: 8000,
      every_months: 6,
    })
    .execute();
  const promotion = await db
    .insertInto('promotions')
    .values({
      org_id: orgId,
      location_id: locationId,
      name: `Promotion ${n}`,
      coupon_code: `SAVE${n}`,
      description: JSON.stringify({ en: '10% off', fr: '10 % de rabais' }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const campaign = await db
    .insertInto('campaigns')
    .values({
      org_id: orgId,
      location_id: locationId,
      name: `Campaign ${n}`,
      promotion_id: promotion.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    orgId,
    locationId,
    customerId: customer.id,
    vehicleId: vehicle.id,
    repairOrderId: ro.id,
    appointmentId: appointment.id,
    mechanicId: mechanic.id,
    courtesyVehicleId: courtesy.id,
    userId: user.id,
    tokenId: token.id,
    taskId: task.id,
    messageId: message.id,
    postcardMessageId: postcard.id,
    unknownPhone: mobile,
    scheduleId: schedule.id,
    promotionId: promotion.id,
    campaignId: campaign.id,
  };
}

/** A fingerprint of every row of every table: equal before and after means nothing changed. */
export async function databaseFingerprint(db: Kysely<DB>): Promise<Record<string, string>> {
  const { sql } = await import('kysely');
  const tables = await sql<{
    table_name: string;
  }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(
    db,
  );
  const out: Record<string, string> = {};
  for (const { table_name } of tables.rows) {
    const r = await sql<{
      h: string | null;
    }>`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM ${sql.table(table_name)} t`.execute(
      db,
    );
    out[table_name] = r.rows[0]?.h ?? '';
  }
  return out;
}

/** The set-up most API tests start from: an API, one shop, and its owner signed in. */
export async function createShopApiTest(
  env: Record<string, string> = {},
): Promise<{ api: ApiTest; shop: Awaited<ReturnType<typeof makeShop>>; owner: Client }> {
  const api = await createApiTest(env);
  const shop = await makeShop(api.t.db);
  const user = await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }]);
  return { api, shop, owner: await signIn(api.app, user.email) };
}
