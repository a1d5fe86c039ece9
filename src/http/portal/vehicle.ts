// GET /portal/vehicles/:vehicleId: one of the customer's vehicles, its maintenance grid (what is
// due when, by distance and by time) and its service history (closed repair orders, their work).
import { getMaintenanceGrid } from '../../engine/maintenance/grid.ts';
import { localDay } from '../../i18n/format.ts';
import { pt, type PortalKey } from '../../i18n/portal-strings.ts';
import { own } from '../../portal/customer-scope.ts';
import { PortalNotFound } from '../../portal/errors.ts';
import { idOf, portalRoute } from './define.ts';
import { day, describeVehicle } from './present.ts';

export const vehicleRoute = portalRoute({
  method: 'GET',
  path: '/portal/vehicles/:vehicleId',
  signedIn: true,
  ownIds: { vehicleId: 'vehicle' },
  async handle(c) {
    const id = idOf(c.params.vehicleId);
    if (id === null) throw new PortalNotFound('Vehicle');
    const mine = own(c.ctx.db, c.cs);
    const vehicle = await mine.vehicle(id);
    const l = c.language;
    const today = localDay(c.now, c.location.time_zone);
    const grid = await getMaintenanceGrid(c.ctx.db, c.cs.orgId, vehicle.id, today);
    const unit = vehicle.usage_unit;
    const at = (date: string | null, odometer: number | null) =>
      [
        date ? day(date, c.location, l) : null,
        odometer !== null ? `${odometer.toLocaleString(l)} ${unit}` : null,
      ]
        .filter(Boolean)
        .join(' · ') || '—';
    const orders = await mine
      .repairOrders()
      .select([
        'repair_orders.id',
        'repair_orders.closed_on',
        'repair_orders.opened_on',
        'repair_orders.odometer',
      ])
      .where('repair_orders.vehicle_id', '=', vehicle.id)
      .where('repair_orders.status', '=', 'closed')
      .orderBy('repair_orders.opened_on', 'desc')
      .limit(50)
      .execute();
    const lines = orders.length
      ? await c.ctx.db
          .selectFrom('repair_order_lines')
          .select(['repair_order_id', 'description'])
          .where('org_id', '=', c.cs.orgId)
          .where(
            'repair_order_id',
            'in',
            orders.map((o) => o.id),
          )
          .orderBy('line_no')
          .execute()
      : [];
    return {
      view: 'vehicle',
      title: describeVehicle(vehicle),
      data: {
        business: c.location.business_name ?? c.location.name,
        vehicle: { id: vehicle.id, plate: vehicle.plate, vin: vehicle.vin },
        grid: (grid?.items ?? []).map((i) => ({
          item: i.description[l] || i.description.en || i.code,
          last: at(i.lastDoneOn, i.lastDoneOdometer),
          next: at(i.nextDueOn, i.nextDueOdometer),
          statusCode: i.status,
          status: pt(l, `status_${i.status}` as PortalKey),
        })),
        history: orders.map((o) => ({
          date: day(o.closed_on ?? o.opened_on, c.location, l),
          odometer: o.odometer !== null ? `${o.odometer.toLocaleString(l)} ${unit}` : null,
          work: lines.filter((x) => x.repair_order_id === o.id).map((x) => x.description),
        })),
      },
    };
  },
});
