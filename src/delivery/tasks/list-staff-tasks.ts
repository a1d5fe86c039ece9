// Staff tasks (P00 call list, P01 change notices, E06 digests) for the API and the console,
// always within one organization, newest due first, keyset-paginated by (due_on, id).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { keysetSorted, sortedPage, type Sort, type SortColumns } from '../../db/keyset-sort.ts';

export interface StaffTaskFilters {
  locationId?: number;
  kind?: 'P00' | 'P01' | 'E06' | string;
  status?: 'open' | 'done' | 'cancelled';
  assignedRole?: string;
  assignedUserId?: number;
  customerId?: number;
  dueFrom?: string;
  dueTo?: string;
  /** Page size (1-500, default 100). */
  limit?: number;
  /** The `next` cursor of the previous page. */
  after?: { dueOn: string; id: number };
}

export interface StaffTaskItem {
  id: number;
  location_id: number;
  kind: string;
  message_id: number | null;
  customer_id: number | null;
  customer_name: string | null;
  customer_phone: string | null;
  customer_email: string | null;
  vehicle_id: number | null;
  assigned_role: string;
  assigned_user_id: number | null;
  details: Record<string, unknown>;
  status: 'open' | 'done' | 'cancelled';
  outcome: string | null;
  due_on: string;
  created_at: Date;
  completed_at: Date | null;
}

function filtered(db: Kysely<DB>, orgId: number, filters: StaffTaskFilters) {
  let q = db
    .selectFrom('staff_tasks as t')
    .leftJoin('customers as c', (j) =>
      j.onRef('c.org_id', '=', 't.org_id').onRef('c.id', '=', 't.customer_id'),
    )
    .select([
      't.id',
      't.location_id',
      't.kind',
      't.message_id',
      't.customer_id',
      'c.mailing_name as customer_name',
      'c.phone as customer_phone',
      'c.email as customer_email',
      't.vehicle_id',
      't.assigned_role',
      't.assigned_user_id',
      't.details',
      't.status',
      't.outcome',
      't.due_on',
      't.created_at',
      't.completed_at',
    ])
    .where('t.org_id', '=', orgId);
  if (filters.locationId !== undefined) q = q.where('t.location_id', '=', filters.locationId);
  if (filters.kind) q = q.where('t.kind', '=', filters.kind);
  if (filters.status) q = q.where('t.status', '=', filters.status);
  if (filters.assignedRole) q = q.where('t.assigned_role', '=', filters.assignedRole);
  if (filters.assignedUserId !== undefined) q = q.where('t.assigned_user_id', '=', filters.assignedUserId);
  if (filters.customerId !== undefined) q = q.where('t.customer_id', '=', filters.customerId);
  if (filters.dueFrom) q = q.where('t.due_on', '>=', filters.dueFrom);
  if (filters.dueTo) q = q.where('t.due_on', '<=', filters.dueTo);
  return q;
}

/** The columns the task list sorts by (`sort=customer_name`, `sort=-due_on`). */
export const TASK_SORTS: SortColumns = {
  due_on: { ref: 't.due_on', type: 'date' },
  kind: { ref: 't.kind', type: 'text' },
  status: { ref: 't.status', type: 'text' },
  customer_name: { ref: 'c.mailing_name', type: 'text', nullable: true },
  customer_phone: { ref: 'c.phone', type: 'text', nullable: true },
  created_at: { ref: 't.created_at', type: 'timestamptz' },
};

/** Tasks sorted by one of TASK_SORTS, keyset-paginated by (that column, id); `cursor` is opaque. */
export async function listStaffTasksSorted(
  db: Kysely<DB>,
  orgId: number,
  filters: StaffTaskFilters,
  sort: Sort,
  cursor: string | undefined,
): Promise<{ items: StaffTaskItem[]; next_cursor: string | null }> {
  const limit = Math.min(Math.max(filters.limit ?? 100, 1), 500);
  const rows = await keysetSorted(filtered(db, orgId, filters), sort, 't.id', cursor, limit).execute();
  return sortedPage(rows, limit, sort, (row) => row as StaffTaskItem);
}

export async function listStaffTasks(
  db: Kysely<DB>,
  orgId: number,
  filters: StaffTaskFilters = {},
): Promise<{ items: StaffTaskItem[]; next: { dueOn: string; id: number } | null }> {
  const limit = Math.min(Math.max(filters.limit ?? 100, 1), 500);
  let q = filtered(db, orgId, filters);
  if (filters.after) {
    const { dueOn, id } = filters.after;
    q = q.where((eb) =>
      eb.or([eb('t.due_on', '<', dueOn), eb.and([eb('t.due_on', '=', dueOn), eb('t.id', '<', id)])]),
    );
  }
  const rows = await q
    .orderBy('t.due_on', 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit) as StaffTaskItem[];
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? { dueOn: last.due_on, id: last.id } : null };
}
