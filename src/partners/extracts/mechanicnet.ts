// MechanicNET: one row per repair order closed on the day — shop, repair order, vehicle, the
// customer's number in the shop system (so MechanicNET can tie visits together) and a summary
// of the service lines: package and labor descriptions joined with " | ", the number of parts
// lines, and the invoice total. No customer name, address, email or phone: MechanicNET gets the
// shop's own customer key only (data minimisation; they already hold their own contact list).
import { sql } from 'kysely';
import type { Extract } from './extract.ts';
import { compactDate, safeName } from './extract.ts';

interface MechanicNetRow {
  id: number;
  ro_number: string;
  opened_on: string;
  closed_on: string;
  odometer: number | null;
  usage_unit: string | null;
  vin: string | null;
  year: number | null;
  make: string | null;
  model: string | null;
  customer_number: string | null;
  packages: string | null;
  labor: string | null;
  part_lines: number;
  total_amount: string;
}

export const mechanicNetExtract: Extract<'mechanicnet'> = {
  partner: 'mechanicnet',
  columns: [
    'shop_id', 'shop_name', 'ro_number', 'ro_date', 'opened_on', 'customer_number',
    'vin', 'vehicle_year', 'vehicle_make', 'vehicle_model', 'odometer', 'odometer_unit',
    'service_packages', 'labor_descriptions', 'part_lines', 'total_amount',
  ],
  fileName: ({ settings, runOn }) => `mechanicnet_${safeName(settings.shop_id)}_${compactDate(runOn)}.csv`,
  async *pages(db, { orgId, location, runOn, settings }, pageSize) {
    const shopName = location.business_name ?? location.name;
    let after = 0;
    for (;;) {
      // total_amount as text keeps the exact numeric(12,2) (no float rounding in the file).
      const { rows } = await sql<MechanicNetRow>`
        SELECT ro.id, ro.ro_number, ro.opened_on, ro.closed_on, ro.odometer, v.usage_unit, v.vin, v.year, v.make, v.model,
               c.customer_number, ls.packages, ls.labor, ls.part_lines, ro.total_amount::text AS total_amount
        FROM repair_orders ro
        LEFT JOIN vehicles v ON v.org_id = ro.org_id AND v.id = ro.vehicle_id
        LEFT JOIN customers c ON c.org_id = ro.org_id AND c.id = ro.customer_id
        LEFT JOIN LATERAL (
          SELECT string_agg(l.description, ' | ' ORDER BY l.line_no) FILTER (WHERE l.kind = 'package') AS packages,
                 string_agg(l.description, ' | ' ORDER BY l.line_no) FILTER (WHERE l.kind = 'labor') AS labor,
                 count(*) FILTER (WHERE l.kind = 'part')::int AS part_lines
          FROM repair_order_lines l
          WHERE l.org_id = ro.org_id AND l.repair_order_id = ro.id
        ) ls ON true
        WHERE ro.org_id = ${orgId} AND ro.location_id = ${location.id} AND ro.closed_on = ${runOn}
          AND ro.status = 'closed' AND ro.id > ${after}
        ORDER BY ro.id
        LIMIT ${pageSize}`.execute(db);
      if (rows.length === 0) return;
      yield rows.map((r) => [
        settings.shop_id, shopName, r.ro_number, r.closed_on, r.opened_on, r.customer_number,
        r.vin, r.year, r.make, r.model, r.odometer, r.odometer === null ? null : r.usage_unit,
        r.packages, r.labor, r.part_lines, r.total_amount,
      ]);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1]!.id;
    }
  },
};
