// GET /api/v1/locations/:locationId/exports/:partner/:day/file: the file a partner gets for a day
// (text/csv), built again now from today's data by the same extract as the nightly export.
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { PARTNER_NAMES, PARTNERS } from '../../../partners/partners.ts';
import { previewExtract } from '../../../partners/preview-extract.ts';
import { HttpError } from '../../errors.ts';
import { defineRoute } from '../define.ts';
import { dateStr, id } from '../schemas.ts';

export const downloadExportFileRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/exports/:partner/:day/file',
  summary:
    'The file a partner receives for a day (text/csv), built again now from the current data; 409 when the partner is not set up',
  tag: 'Exports',
  auth: 'settings.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id, partner: z.enum(PARTNERS), day: dateStr }),
  response: z.string(),
  example: (ids) => ({ params: { locationId: ids.locationId, partner: 'mechanicnet', day: '2026-03-01' } }),
  async handler({ ctx, s, params, reply }) {
    const location = await s.getLocation(params.locationId);
    const path = join(tmpdir(), `relance-export-${randomBytes(8).toString('hex')}.csv`);
    try {
      const out = await previewExtract(ctx.db, ctx.keys, location, params.partner, params.day, path);
      if (!('file' in out))
        throw new HttpError(
          409,
          'partner_not_set_up',
          `${PARTNER_NAMES[params.partner]} is not set up for this location${out.problem ? `: ${out.problem}` : ''}; set it up in the CRM set-up first`,
          'partner',
          { partner: PARTNER_NAMES[params.partner] },
        );
      reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${params.partner}-${location.code}-${params.day}.csv"`,
        );
      return await readFile(path, 'utf8');
    } finally {
      await rm(path, { force: true });
    }
  },
});
