// INACTIVE: N days without an invoice, then every interval days, while the count stays below
// dead days. 90/365/90 sends at 90, 180, 270, 360; 90/180/60 at 90, 150. The count runs from
// customers.last_visit_on (the last closed invoice), so any new invoice restarts it.
import { customerRule, type Rule, drive } from './build.ts';
import { customerVehiclesJson } from '../sql/channel.ts';

/** Stands for "no interval" (one message) and "never dead". */
const NEVER = 1_000_000;

const offsets = (ch: 'email' | 'postcard') =>
  `SELECT generate_series(rr.${ch}_days, coalesce(rr.${ch}_dead, ${NEVER}) - 1, coalesce(rr.${ch}_interval, ${NEVER})) AS o WHERE rr.${ch}_days > 0`;

export const inactiveRule: Rule = {
  kind: 'INACTIVE',
  statements: [
    customerRule({
      kind: 'INACTIVE',
      // Every day count at which either channel's settings send; the customers index finds
      // the customers whose last invoice is exactly that many days back.
      joins: `CROSS JOIN LATERAL (SELECT DISTINCT o FROM (${offsets('email')} UNION ALL ${offsets('postcard')}) s) offs
              ${drive('customers', 'c', `c.org_id = rl.org_id AND c.location_id = rl.location_id AND c.last_visit_on = rl.day - offs.o`)}`,
      where: `offs.o >= ch.days AND offs.o < coalesce(ch.dead_days, ${NEVER}) AND (offs.o - ch.days) % coalesce(ch.interval_days, ${NEVER}) = 0`,
      payload: `jsonb_build_object('last_service_on', c.last_visit_on, 'vehicles', ${customerVehiclesJson})`,
    }),
  ],
};
