// POST /api/v1/tasks/:taskId/complete: Complete a task with an outcome (P00 + recontacted → E07 promotion).
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, iso } from '../schemas.ts';
import { completeTask } from '../../../commands/complete-task.ts';

export const completeTaskRoute = defineRoute({
  method: 'POST',
  path: '/tasks/:taskId/complete',
  summary: 'Complete a task with an outcome (P00 + recontacted → E07 promotion)',
  tag: 'Tasks',
  auth: 'tasks.write',
  isolation: 'tenant',
  params: z.strictObject({ taskId: id }),
  body: z.strictObject({
    outcome: z.enum(['recontacted', 'lost', 'no_answer', 'wrong_number', 'done']),
    note: z.string().max(2000).optional(),
  }),
  response: z.object({
    id: z.number(),
    status: z.string(),
    outcome: z.string().nullable(),
    completed_at: z.string().nullable(),
    completed_by: z.number().nullable(),
  }),
  example: (ids) => ({ params: { taskId: ids.taskId }, body: { outcome: 'recontacted' } }),
  async handler({ db, scope, params, body, now }) {
    const after = await db
      .transaction()
      .execute((trx) =>
        completeTask(trx, scope, { taskId: params.taskId, outcome: body.outcome, note: body.note }, now),
      );
    return { ...after, completed_at: iso(after.completed_at) };
  },
});
