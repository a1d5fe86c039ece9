// CARFAX: one row per repair order closed on the day, with the vehicle, the facility and the
// service package titles. By contract (terms of service) it NEVER carries labor or parts lines,
// amounts, or anything about the customer: the query below does not select them at all (no
// join to customers, lines filtered to kind 'package', no amount column), so no later change to
// the row mapping can leak them. Repair orders without a vehicle are skipped (no VIN to report).
import { sql } from 'kysely';
import type { Extract } from './extract.ts';
import { compactDate, csvFragment, facilityOf, safeName } from './extract.ts';

export const carfaxExtract: Extract<'carfax'> = {
  partner: 'carfax',
  columns: [
    'ro_date',
    'ro_number',
    'vin',
    'plate',
    'plate_region',
    'facility_name',
    'facility_address1',
    'facility_address2',
    'facility_city',
    'facility_region',
    'facility_postal_code',
    'facility_country',
    'facility_phone',
    'odometer',
    'odometer_unit',
    'vehicle_year',
    'vehicle_make',
    'vehicle_model',
    'vehicle_submodel',
    'vehicle_engine',
    'service_packages',
  ],
  fileName: ({ location, runOn }) => `carfax_${safeName(location.code)}_${compactDate(runOn)}.csv`,
  async *pages(db, { orgId, location, runOn }, pageSize) {
    const f = facilityOf(location);
    const facility = csvFragment([
      f.name,
      f.address_line1,
      f.address_line2,
      f.city,
      f.region,
      f.postal_code,
      f.country,
      f.phone,
    ]);
    let after = 0;
    for (;;) {
      const { rows } = await sql<{ id: number; line: string }>`
        SELECT ro.id, concat_ws(',',
                 csv_field(to_char(ro.closed_on, 'YYYY-MM-DD')), csv_field(ro.ro_number), csv_field(v.vin), csv_field(v.plate), csv_field(v.plate_region),
                 ${facility}::text,
                 csv_field(ro.odometer::text), csv_field(CASE WHEN ro.odometer IS NOT NULL THEN v.usage_unit END),
                 csv_field(v.year::text), csv_field(v.make), csv_field(v.model), csv_field(v.submodel), csv_field(v.engine),
                 csv_field(pk.packages)) AS line
        FROM repair_orders ro
        JOIN vehicles v ON v.org_id = ro.org_id AND v.id = ro.vehicle_id
        LEFT JOIN LATERAL (
          SELECT string_agg(l.description, ' | ' ORDER BY l.line_no) AS packages
          FROM repair_order_lines l
          WHERE l.org_id = ro.org_id AND l.repair_order_id = ro.id AND l.kind = 'package'
        ) pk ON true
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
