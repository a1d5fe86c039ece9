// Portal test kit: a shop with a mechanic working Monday to Friday 8–17, and a browser-like client
// over app.inject that keeps its cookies (the portal session and the form CSRF cookie) and reads
// the CSRF field off the last page, as a browser submitting a form would.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { createPortalSession, PORTAL_COOKIE } from '../../src/portal/portal-sessions.ts';
import { makeShop } from './factories.ts';

export async function makeBookableShop(db: Kysely<DB>, location: Parameters<typeof makeShop>[1] = {}) {
  const shop = await makeShop(db, location);
  const mechanic = await db
    .insertInto('mechanics')
    .values({ org_id: shop.orgId, location_id: shop.locationId, name: 'Alex Mechanic' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('mechanic_hours')
    .values(
      [1, 2, 3, 4, 5].map((weekday) => ({
        org_id: shop.orgId,
        mechanic_id: mechanic.id,
        weekday,
        starts_at: '08:00',
        ends_at: '17:00',
      })),
    )
    .execute();
  return { ...shop, mechanicId: mechanic.id };
}

export class PortalBrowser {
  readonly cookies = new Map<string, string>();
  last: LightMyRequestResponse | null = null;
  readonly app: FastifyInstance;
  readonly headers: Record<string, string>;

  constructor(app: FastifyInstance, headers: Record<string, string> = {}) {
    this.app = app;
    this.headers = headers;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()))
        this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    this.last = res;
    return res;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.keep(
      await this.app.inject({
        method: 'GET',
        url,
        headers: { ...this.headers, cookie: this.cookieHeader() },
      }),
    );
  }

  /** The CSRF field of the last page shown. */
  csrf(): string {
    return /name="_csrf" value="([^"]+)"/.exec(this.last?.body ?? '')?.[1] ?? '';
  }

  async post(url: string, values: Record<string, string>, options: { csrf?: boolean } = {}) {
    const body = new URLSearchParams({
      ...(options.csrf === false ? {} : { _csrf: this.csrf() }),
      ...values,
    });
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: {
          ...this.headers,
          'content-type': 'application/x-www-form-urlencoded',
          cookie: this.cookieHeader(),
        },
      }),
    );
  }
}

/** A browser already signed in as the customer (the sign-in flow itself is tested apart). */
export async function signedInBrowser(
  app: FastifyInstance,
  db: Kysely<DB>,
  who: { orgId: number; customerId: number },
  now: Date,
): Promise<PortalBrowser> {
  const b = new PortalBrowser(app);
  const session = await createPortalSession(db, who, now);
  b.cookies.set(PORTAL_COOKIE, session.token);
  await b.get('/portal');
  return b;
}
