// GET /portal/data: everything held about the signed-in customer, as one JSON file: the file,
// vehicles, odometer readings, repair orders with their lines and recommendations, appointments,
// messages sent or due (kind, channel, status, dates, never other people's data), surveys.
import { own } from '../../portal/customer-scope.ts';
import { portalRoute } from './define.ts';

export const dataRoute = portalRoute({
  method: 'GET',
  path: '/portal/data',
  signedIn: true,
  async handle(c) {
    const db = c.ctx.db;
    const mine = own(db, c.cs);
    const org = c.cs.orgId;
    const vehicles = await mine.vehicles().selectAll().orderBy('vehicles.id').execute();
    const vehicleIds = vehicles.map((v) => v.id);
    const orders = await mine.repairOrders().selectAll().orderBy('repair_orders.id').execute();
    const orderIds = orders.map((o) => o.id);
    const none = [-1];
    const [odometer, lines, recommendations, appointments, messages, surveys] = await Promise.all([
      db
        .selectFrom('odometer_readings')
        .select(['vehicle_id', 'read_on', 'value', 'source'])
        .where('org_id', '=', org)
        .where('vehicle_id', 'in', vehicleIds.length ? vehicleIds : none)
        .execute(),
      db
        .selectFrom('repair_order_lines')
        .select(['repair_order_id', 'line_no', 'kind', 'description', 'quantity', 'amount'])
        .where('org_id', '=', org)
        .where('repair_order_id', 'in', orderIds.length ? orderIds : none)
        .execute(),
      db
        .selectFrom('recommendations')
        .select(['repair_order_id', 'line_no', 'description', 'estimate', 'status'])
        .where('org_id', '=', org)
        .where('repair_order_id', 'in', orderIds.length ? orderIds : none)
        .execute(),
      mine
        .appointments()
        .select([
          'appointments.id',
          'appointments.vehicle_id',
          'appointments.starts_at',
          'appointments.ends_at',
          'appointments.status',
          'appointments.source',
          'appointments.service_requested',
          'appointments.created_at',
        ])
        .execute(),
      mine
        .messages()
        .select([
          'messages.id',
          'messages.kind',
          'messages.channel',
          'messages.status',
          'messages.due_on',
          'messages.sent_at',
          'messages.recipient_email',
          'messages.language',
        ])
        .orderBy('messages.id')
        .execute(),
      mine
        .surveys()
        .select([
          'surveys.id',
          'surveys.vehicle_id',
          'surveys.rating',
          'surveys.comment',
          'surveys.answered_at',
        ])
        .execute(),
    ]);
    const { org_id: _o, location_id: _l, sales_rep_user_id: _s, ...file } = c.customer;
    const body = JSON.stringify(
      {
        generated_at: c.now.toISOString(),
        business: c.location.business_name ?? c.location.name,
        customer: file,
        vehicles: vehicles.map(({ org_id: _vo, location_id: _vl, customer_id: _vc, ...v }) => ({
          ...v,
          odometer_readings: odometer.filter((r) => r.vehicle_id === v.id),
        })),
        repair_orders: orders.map(({ org_id: _ro, location_id: _rl, customer_id: _rc, ...o }) => ({
          ...o,
          lines: lines.filter((x) => x.repair_order_id === o.id),
          recommendations: recommendations.filter((x) => x.repair_order_id === o.id),
        })),
        appointments,
        messages,
        surveys,
      },
      null,
      2,
    );
    return {
      download: {
        filename: `my-data-${c.cs.orgId}-${c.cs.customerId}.json`,
        type: 'application/json; charset=utf-8',
        body,
      },
    };
  },
});
