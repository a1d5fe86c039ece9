// Responses leave the server through their schema: a field the schema does not name never reaches
// the client, whatever the handler returned (a column added to a table, a selectAll()).
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { newHttpState } from '../state.ts';
import { defineRoute } from './define.ts';
import { mountApi } from './mount.ts';
import { projector } from './strip-response.ts';
import { getCustomerRoute } from './customers/get-customer.ts';

const card = z.object({
  id: z.number(),
  name: z.string().nullable(),
  tags: z.array(z.object({ code: z.string() })),
  address: z.object({ city: z.string() }).nullable(),
  extra: z.record(z.string(), z.number()),
  settings: z.record(z.string(), z.unknown()).and(z.object({ enabled: z.boolean() })),
  kind: z.union([z.object({ a: z.number() }), z.object({ b: z.string() })]).optional(),
});

const leaky = {
  id: 1,
  name: null,
  password_hash: '$argon2id$secret',
  tags: [{ code: 'x', internal_note: 'staff only' }],
  address: { city: 'Laval', org_id: 7 },
  extra: { a: 1 },
  settings: { enabled: true, theme: 'dark' },
  kind: { b: 'y', token_hash: 'abc' },
};

describe('responses copied through their schema', () => {
  it('keeps the named fields, drops every other one at every depth', () => {
    expect(projector(card)(leaky)).toEqual({
      id: 1,
      name: null,
      tags: [{ code: 'x' }],
      address: { city: 'Laval' },
      extra: { a: 1 },
      settings: { enabled: true, theme: 'dark' }, // a record is open by definition
      kind: { b: 'y' },
    });
    expect(projector(card)({ ...leaky, address: null, kind: undefined })).toMatchObject({ address: null });
  });

  it('strips through the real mount, as in production', async () => {
    const app = Fastify();
    const route = defineRoute({
      method: 'GET',
      path: '/leaky',
      summary: 'test',
      tag: 'test',
      auth: 'public',
      isolation: { exempt: 'test' },
      response: card,
      handler: async () => leaky,
    });
    await mountApi([route])(app, { now: () => new Date() } as unknown as AppContext, newHttpState());
    const res = await app.inject({ method: 'GET', url: '/leaky' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/password_hash|internal_note|org_id|token_hash/);
    expect(res.json()).toMatchObject({ id: 1, tags: [{ code: 'x' }] });
    await app.close();
  });

  it('costs little next to JSON encoding on a customer card', () => {
    const customer = Object.fromEntries(
      Object.keys((getCustomerRoute.response as z.ZodObject).shape).map((k) => [
        k,
        k === 'vehicles' ? [] : `value of ${k}`,
      ]),
    );
    const row = {
      ...customer,
      org_id: 1,
      search_vector: 'x'.repeat(50),
      vehicles: Array.from({ length: 3 }, (_, i) => ({
        id: i,
        vin: 'V',
        year: 2020,
        make: 'M',
        model: 'X',
        plate: 'P',
        status: 'active',
        org_id: 1,
      })),
    };
    const project = projector(getCustomerRoute.response);
    const time = (fn: () => unknown) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < 20_000; i++) fn();
      return Number(process.hrtime.bigint() - start) / 20_000 / 1000;
    };
    time(() => JSON.stringify(project(row)));
    const stringify = time(() => JSON.stringify(row));
    const both = time(() => JSON.stringify(project(row)));
    console.log(
      `customer card: JSON.stringify ${stringify.toFixed(2)} µs, projected + stringify ${both.toFixed(2)} µs`,
    );
    expect(JSON.parse(JSON.stringify(project(row)))).not.toHaveProperty('search_vector');
    expect(both).toBeLessThan(100); // µs, on a loaded machine: a few percent at most of the ~1 ms a card costs the server
  });
});
