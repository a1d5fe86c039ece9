// MechanicNET: one row per repair order closed on the day — shop, repair order, vehicle, the
// customer's number in the shop system (so MechanicNET can tie visits together) and a summary
// of the service lines: package and labor descriptions joined with " | ", the number of parts
// lines, and the invoice total. No customer name, address, email or phone: MechanicNET gets the
// shop's own customer key only (data minimisation; they already hold their own contact list).
import { sql } from 'kysely';
import type { Extract } from './extract.ts';
import { compactDate, csvFragment, safeName } from './extract.ts';

export const mechanicNetExtract: Extract<'mechanicnet'> = {
  partner: 'mechanicnet',
  columns: [
    'shop_id',
    'shop_name',
    'ro_number',
    'ro_date',
    'opened_on',
    'customer_number',
    'vin',
    'vehicle_year',
    'vehicle_make',
    'vehicle_model',
    'odometer',
    'odometer_unit',
    'service_packages',
    'labor_descriptions',
    'part_lines',
    'total_amount',
  ],
  fileName: ({ settings, runOn }) => `mechanicnet_${safeName(settings.shop_id)}_${compactDate(runOn)}.csv`,
  async *pages(db, { orgId, location, runOn, settings }, pageSize) {
    const shop = csvFragment([settings.shop_id, location.business_name ?? location.name]);
    let after = 0;
    for (;;) {
      // total_amount::text keeps the exact numeric(12,2) (no float rounding in the file).
      const { rows } = await sql<{ id: number; line: string }>`
        SELECT ro.id, concat_ws(',',
                 ${shop}::text, csv_field(ro.ro_number), csv_field(to_char(ro.closed_on, 'YYYY-MM-DD')),
                 csv_field(to_char(ro.opened_on, 'YYYY-MM-DD')), csv_field(c.customer_number),
                 csv_field(v.vin), csv_field(v.year::text), csv_field(v.make), csv_field(v.model),
                 csv_field(ro.odometer::text), csv_field(CASE WHEN ro.odometer IS NOT NULL THEN v.usage_unit END),
                 csv_field(ls.packages), csv_field(ls.labor), csv_field(ls.part_lines::text), csv_field(ro.total_amount::text)) AS line
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
      yield rows.map((r) => r.line);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1]!.id;
    }
  },
};
