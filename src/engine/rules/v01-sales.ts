// V01_SALES: the sales side of V01. On the day a vehicle is captured (sold/delivered, or first
// seen in service), a staff task for the role the location's route_sales names: the customer's
// sales representative ('sales_rep', falling back to a user with that role, then the CRM agent,
// then the owner), the sales manager or the CRM agent. Its own day setting switches it on
// (off by default: a repair shop without a sales floor does not want it); it does not depend
// on V01 being on for the customer. Several vehicles captured the same day make one task
// naming them. Held for a deceased customer, or a vehicle already sold or scrapped.
import { CAND_COLUMNS, fromRule, type Rule, drive } from './build.ts';
import { routedUserSql, vehicleRef } from '../sql/channel.ts';

const hold = `CASE WHEN c.deceased THEN 'deceased' WHEN v.status = 'sold' THEN 'vehicle_sold' WHEN v.status = 'scrapped' THEN 'vehicle_scrapped' END`;

export const v01SalesRule: Rule = {
  kind: 'V01_SALES',
  statements: [
    `INSERT INTO eng_cand (${CAND_COLUMNS})
     SELECT rl.org_id, rl.location_id, 'V01_SALES', 'staff', c.id, v.id, NULL, NULL, ${routedUserSql('rl.route_sales', 'c')}, NULL, rl.lang,
            rl.day, CASE WHEN ${hold} IS NULL THEN 'task' ELSE 'none' END, ${hold}, '-', 'c' || c.id,
            jsonb_build_object('assigned_role', rl.route_sales), ${vehicleRef('v')}, greatest(rl.run_at, rl.now), 0
     ${fromRule('V01_SALES')}
     ${drive('vehicles', 'v', `v.org_id = rl.org_id AND v.location_id = rl.location_id AND v.captured_on = rl.day`)}
     JOIN customers c ON c.org_id = v.org_id AND c.id = v.customer_id
     WHERE rr.email_days > 0`,
  ],
};
