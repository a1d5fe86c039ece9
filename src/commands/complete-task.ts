// Complete a staff task with its outcome. A P00 call ended "recontacted" is what the E07 rule
// follows up with the running promotion; other tasks cannot claim that outcome.
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';
import { scoped } from '../tenancy/scoped.ts';
import { audit } from '../accounts/audit.ts';
import { AppError, notFound } from '../errors/app-error.ts';

export type TaskOutcome = 'recontacted' | 'lost' | 'no_answer' | 'wrong_number' | 'done';

export async function completeTask(
  trx: Transaction<DB>,
  scope: Scope,
  input: { taskId: number; outcome: TaskOutcome; note?: string },
  now: Date,
) {
  const s = scoped(trx, scope);
  const task = await s
    .selectFrom('staff_tasks')
    .selectAll()
    .where('id', '=', input.taskId)
    .forUpdate()
    .executeTakeFirst();
  if (!task) throw notFound(`Task ${input.taskId}`);
  if (task.status !== 'open')
    throw new AppError(409, 'conflict', `This task is already ${task.status}`, 'status');
  if (input.outcome === 'recontacted' && task.kind !== 'P00')
    throw new AppError(
      400,
      'invalid_input',
      'outcome: recontacted applies to P00 call tasks only',
      'outcome',
    );
  const after = await s
    .updateTable('staff_tasks')
    .set({
      status: 'done',
      outcome: input.outcome,
      completed_at: now,
      completed_by: scope.userId,
      ...(input.note ? { details: JSON.stringify({ ...task.details, note: input.note }) } : {}),
    })
    .where('id', '=', task.id)
    .returning(['id', 'status', 'outcome', 'completed_at', 'completed_by'])
    .executeTakeFirstOrThrow();
  await audit(
    trx,
    scope,
    'complete',
    'staff_task',
    task.id,
    { kind: task.kind, outcome: input.outcome },
    now,
  );
  return after;
}
