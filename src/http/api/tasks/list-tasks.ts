// GET /api/v1/locations/:locationId/tasks: Staff tasks: the P00 call list, P01 change notices, E06 digests, V01_SALES sales tasks.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { dateStr, id, iso } from '../schemas.ts';
import { HttpError } from '../../errors.ts';
import {
  listStaffTasks,
  listStaffTasksSorted,
  TASK_SORTS,
  type StaffTaskItem,
} from '../../../delivery/tasks/list-staff-tasks.ts';
import { parseSort, sortValues } from '../../../db/keyset-sort.ts';

const taskOut = z.object({
  id: z.number(),
  location_id: z.number(),
  kind: z.string(),
  message_id: z.number().nullable(),
  customer_id: z.number().nullable(),
  customer_name: z.string().nullable(),
  customer_phone: z.string().nullable(),
  customer_email: z.string().nullable(),
  vehicle_id: z.number().nullable(),
  assigned_role: z.string(),
  assigned_user_id: z.number().nullable(),
  details: z.record(z.string(), z.unknown()),
  status: z.string(),
  outcome: z.string().nullable(),
  due_on: z.string(),
  created_at: z.string(),
  completed_at: z.string().nullable(),
});

const cursorOf = (next: { dueOn: string; id: number } | null) =>
  next ? Buffer.from(JSON.stringify(next)).toString('base64url') : null;

function afterOf(cursor: string | undefined): { dueOn: string; id: number } | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      dueOn: unknown;
      id: unknown;
    };
    if (typeof v.dueOn === 'string' && typeof v.id === 'number') return { dueOn: v.dueOn, id: v.id };
  } catch {
    /* fall through */
  }
  throw new HttpError(400, 'invalid_input', 'cursor: is not a cursor returned by this API', 'cursor');
}

export const listTasksRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/tasks',
  summary: 'Staff tasks: the P00 call list, P01 change notices, E06 digests, V01_SALES sales tasks',
  tag: 'Tasks',
  auth: 'tasks.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  query: z.strictObject({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(1000).optional(),
    sort: z.enum(sortValues(TASK_SORTS)).optional().meta({
      description:
        'Sort column, ascending; prefixed with - for descending (default: due_on descending). Ties are broken by id in the same direction; the cursor belongs to its sort.',
    }),
    kind: z.enum(['P00', 'P01', 'E06', 'V01_SALES']).optional(),
    status: z.enum(['open', 'done', 'cancelled']).optional(),
    assigned_role: z.string().max(30).optional(),
    customer_id: id.optional(),
    due_from: dateStr.optional(),
    due_to: dateStr.optional(),
  }),
  response: z.object({ items: z.array(taskOut), next_cursor: z.string().nullable() }),
  example: (ids) => ({ params: { locationId: ids.locationId }, query: { kind: 'P00', status: 'open' } }),
  async handler({ ctx, s, scope, params, query }) {
    const keys = s.location(params.locationId);
    const filters = {
      locationId: keys.location_id,
      kind: query.kind,
      status: query.status,
      assignedRole: query.assigned_role,
      customerId: query.customer_id,
      dueFrom: query.due_from,
      dueTo: query.due_to,
      limit: query.limit,
    };
    const present = (t: StaffTaskItem) => ({
      ...t,
      created_at: iso(t.created_at)!,
      completed_at: iso(t.completed_at),
    });
    if (query.sort) {
      const sorted = await listStaffTasksSorted(
        ctx.db,
        scope.orgId,
        filters,
        parseSort(TASK_SORTS, query.sort),
        query.cursor,
      );
      return { items: sorted.items.map(present), next_cursor: sorted.next_cursor };
    }
    const result = await listStaffTasks(ctx.db, scope.orgId, { ...filters, after: afterOf(query.cursor) });
    return {
      items: result.items.map(present),
      next_cursor: cursorOf(result.next),
    };
  },
});
