// Builds a rule's INSERT ... SELECT into the run's candidate table (eng_cand, see
// ../run-day.ts). Every rule reads run_locs rl (the locations and day being decided) and
// run_rules rr (its day settings there), so one statement covers every location at once.
import { channelLateral, vehicleRef } from '../sql/channel.ts';

export interface Rule {
  kind: string;
  /** One or more INSERT INTO eng_cand ... SELECT statements. */
  statements: string[];
}

export const CAND_COLUMNS = `org_id, location_id, kind, recipient_type, customer_id, vehicle_id, appointment_id, repair_order_id,
  recipient_user_id, recipient_email, language, due_on, channel, reason, subject, recipient, payload, vehicle, next_attempt_at, priority`;

/** FROM run_locs rl JOIN run_rules rr for one kind. */
export const fromRule = (kind: string) =>
  `FROM run_locs rl JOIN run_rules rr ON rr.org_id = rl.org_id AND rr.location_id = rl.location_id AND rr.kind = '${kind}'`;

export interface CustomerRuleSpec {
  kind: string;
  /** Joins after the run tables; must bring customers c (and the vehicle alias, if any). */
  joins: string;
  /** The rule's own condition; ch.days is the day setting of the channel chosen for c. */
  where: string;
  /** Alias of the vehicle the message is about (named in payload.vehicles). */
  vehicle?: string | null;
  /** Hold the message when that vehicle is sold or scrapped. */
  holdOnVehicle?: boolean;
  /**
   * For a message that names its vehicles itself (payload.vehicles, no `vehicle` alias): the
   * vehicle_id column and the alias whose status holds it (E02 repeats E01's vehicles).
   */
  vehicleId?: string;
  holdOn?: string;
  appointment?: string;
  repairOrder?: string;
  payload?: string;
  subject?: string;
  dueOn?: string;
  nextAttemptAt?: string;
  /** The message's language when it is not the customer's (else the location's). */
  language?: string;
  /** Overrides of the chosen channel and reason (a message recorded as skipped). */
  channel?: string;
  reason?: string;
}

/** A message to a customer, with the channel (or the hold) chosen in SQL. */
export function customerRule(s: CustomerRuleSpec): string {
  const v = s.vehicle ?? null;
  const hold = s.holdOn ?? (s.holdOnVehicle && v ? v : null);
  return `INSERT INTO eng_cand (${CAND_COLUMNS})
  SELECT rl.org_id, rl.location_id, '${s.kind}', 'customer', c.id, ${v ? `${v}.id` : (s.vehicleId ?? 'NULL')}, ${s.appointment ?? 'NULL'}, ${s.repairOrder ?? 'NULL'},
         NULL, c.email, ${s.language ?? 'coalesce(c.language, rl.lang)'}, ${s.dueOn ?? 'rl.day'}, ${s.channel ?? 'ch.channel'}, ${s.reason ?? 'ch.reason'}, ${s.subject ?? "'-'"}, 'c' || c.id,
         ${s.payload ?? "'{}'::jsonb"}, ${v ? vehicleRef(v) : 'NULL'}, ${s.nextAttemptAt ?? 'greatest(rl.run_at, rl.now)'}, rr.priority
  ${fromRule(s.kind)}
  ${s.joins}
  ${channelLateral(hold)}
  WHERE ch.days > 0 AND (${s.where})`;
}

/**
 * The rows a rule starts from, found through an index once per (location, rule) row. A LATERAL
 * subquery with OFFSET 0 cannot be flattened, so the planner cannot turn it into a hash join over
 * the whole table, which it did when the index condition mixed run_locs and run_rules columns
 * (at 1M vehicles THANK_YOU hashed all 7.7M repair orders, DEFERRED all declined items).
 */
export const drive = (table: string, alias: string, where: string) =>
  `JOIN LATERAL (SELECT * FROM ${table} ${alias} WHERE ${where} OFFSET 0) ${alias} ON true`;

/** Local midnight of a date expression in the location's zone, as an instant. */
export const localMidnight = (dateExpr: string) => `((${dateExpr})::timestamp AT TIME ZONE rl.tz)`;
