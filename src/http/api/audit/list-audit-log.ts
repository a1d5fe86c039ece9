import { sql } from 'kysely';
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, instant, iso, listQuery, page } from '../schemas.ts';
import { decodeCursor } from '../pagination.ts';

const entryOut = z.object({
  id: z.number(),
  at: z.string(),
  actor_type: z.string(),
  actor_id: z.number().nullable(),
  action: z.string(),
  entity: z.string(),
  entity_id: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()),
});

export const listAuditLogRoute = defineRoute({
  method: 'GET',
  path: '/audit-log',
  summary:
    'Who changed what, newest first (filter by entity, actor, time): entries about records of your locations, and organization-wide ones',
  tag: 'Audit log',
  auth: 'audit.read',
  isolation: {
    exempt:
      'filters by org_id and the scope’s locations and takes no record lookups; the isolation test checks another organization’s entries never show',
  },
  query: z.strictObject({
    ...listQuery,
    entity: z.string().max(40).optional(),
    entity_id: z.string().max(60).optional(),
    actor_id: id.optional(),
    from: instant.optional(),
    to: instant.optional(),
  }),
  response: page(entryOut),
  async handler({ s, scope, query }) {
    const before = decodeCursor(query.cursor);
    let q = s
      .selectFromOrg('audit_log')
      .selectAll()
      // Entries about a record of another location are not shown (null: organization-wide).
      .where(
        sql<boolean>`(audit_log.location_id IS NULL OR audit_log.location_id = ANY(${sql.val(scope.locationIds)}::bigint[]))`,
      )
      .orderBy('id', 'desc')
      .limit(query.limit + 1);
    if (before) q = q.where('id', '<', before);
    if (query.entity) q = q.where('entity', '=', query.entity);
    if (query.entity_id) q = q.where('entity_id', '=', query.entity_id);
    if (query.actor_id) q = q.where('actor_id', '=', query.actor_id);
    if (query.from) q = q.where('at', '>=', new Date(query.from));
    if (query.to) q = q.where('at', '<', new Date(query.to));
    const rows = await q.execute();
    const more = rows.length > query.limit;
    const items = (more ? rows.slice(0, query.limit) : rows).map(({ org_id: _o, location_id: _l, ...r }) => ({
      ...r,
      at: iso(r.at)!,
    }));
    return { items, next_cursor: more ? Buffer.from(String(items.at(-1)!.id)).toString('base64url') : null };
  },
});
