// GET /api/v1/locations/:locationId/export-runs: the partner exports of a location (CustomerLink,
// MechanicNET, CARFAX), newest first: day, status, rows, bytes, attempts, error.
import { z } from 'zod';
import { PARTNERS } from '../../../partners/partners.ts';
import { defineRoute } from '../define.ts';
import { decodeCursor } from '../pagination.ts';
import { id, iso, listQuery, page } from '../schemas.ts';

const runOut = z.object({
  id: z.number(),
  partner: z.enum(PARTNERS),
  run_on: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  attempts: z.number(),
  rows: z.number().nullable(),
  bytes: z.number().nullable(),
  checksum: z.string().nullable(),
  error: z.string().nullable(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
});

export const listExportRunsRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/export-runs',
  summary: 'The partner export runs of a location (CustomerLink, MechanicNET, CARFAX), newest first',
  tag: 'Exports',
  auth: 'settings.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  query: z.strictObject({ ...listQuery, partner: z.enum(PARTNERS).optional() }),
  response: page(runOut),
  example: (ids) => ({ params: { locationId: ids.locationId }, query: { partner: 'carfax' } }),
  async handler({ s, params, query }) {
    const location = s.location(params.locationId);
    const before = decodeCursor(query.cursor);
    let q = s
      .selectFrom('export_runs')
      .selectAll()
      .where('location_id', '=', location.location_id)
      .orderBy('id', 'desc')
      .limit(query.limit + 1);
    if (before) q = q.where('id', '<', before);
    if (query.partner) q = q.where('partner', '=', query.partner);
    const rows = await q.execute();
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map((r) => ({
        id: Number(r.id),
        partner: r.partner as (typeof PARTNERS)[number],
        run_on: String(r.run_on).slice(0, 10),
        status: r.status,
        attempts: r.attempts,
        rows: r.rows,
        bytes: r.bytes,
        checksum: r.checksum,
        error: r.error,
        started_at: iso(r.started_at)!,
        finished_at: iso(r.finished_at),
      })),
      next_cursor:
        rows.length > query.limit && last ? Buffer.from(String(last.id)).toString('base64url') : null,
    };
  },
});
