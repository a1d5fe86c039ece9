// CustomerLink (the CRM extract): a snapshot of the location's customer file, one row per
// active vehicle of each customer (one row with blank vehicle fields when a customer has none),
// with the last visit, last odometer reading and next scheduled visit.
//
// Do Not Mail: FLAGGED, not excluded. The file is a full snapshot that CustomerLink merges
// into the list it mails from; leaving an opted-out customer out would leave their old record
// (sent before they opted out) mailable there. So the customer is sent with do_not_mail = Y
// and ONLY their customer number and language — name, address, email, phone, visits and
// vehicles are blank — which carries the opt-out without sending personal data the shop may
// no longer use for marketing. Deceased customers are sent the same way. A bounced or invalid
// email is left blank.
import { sql } from 'kysely';
import type { Extract } from './extract.ts';
import { compactDate, csvFragment, safeName } from './extract.ts';

export const customerLinkExtract: Extract<'customerlink'> = {
  partner: 'customerlink',
  columns: [
    'account_number',
    'business_name',
    'business_phone',
    'customer_number',
    'first_name',
    'last_name',
    'company_name',
    'address_line1',
    'address_line2',
    'city',
    'region',
    'postal_code',
    'country',
    'email',
    'phone',
    'do_not_mail',
    'language',
    'vin',
    'vehicle_year',
    'vehicle_make',
    'vehicle_model',
    'last_visit_date',
    'odometer',
    'odometer_unit',
    'next_visit_date',
  ],
  fileName: ({ settings, runOn }) =>
    `customerlink_${safeName(settings.account_number)}_${compactDate(runOn)}.csv`,
  async *pages(db, { orgId, location, settings }, pageSize) {
    const account = csvFragment([
      settings.account_number,
      location.business_name ?? location.name,
      location.business_phone ?? location.phone,
    ]);
    let after = 0;
    for (;;) {
      // Page on customers (keyset on id), then their vehicles: a page holds pageSize
      // customers and their vehicles, whatever the size of the file.
      const { rows } = await sql<{ customer_id: number; line: string }>`
        WITH page AS (
          SELECT * FROM customers
          WHERE org_id = ${orgId} AND location_id = ${location.id} AND id > ${after}
          ORDER BY id
          LIMIT ${pageSize}
        )
        SELECT c.id AS customer_id, concat_ws(',',
                 ${account}::text, csv_field(c.customer_number),
                 csv_field(p.first_name), csv_field(p.last_name), csv_field(p.company_name),
                 csv_field(p.address_line1), csv_field(p.address_line2), csv_field(p.city), csv_field(p.region),
                 csv_field(p.postal_code), csv_field(p.country), csv_field(p.email), csv_field(p.phone),
                 CASE WHEN c.do_not_mail OR c.deceased THEN 'Y' ELSE 'N' END,
                 csv_field(coalesce(c.language, ${location.language})),
                 csv_field(v.vin), csv_field(v.year::text), csv_field(v.make), csv_field(v.model),
                 csv_field(to_char(coalesce(v.last_visit_on, p.last_visit_on), 'YYYY-MM-DD')),
                 csv_field(o.value::text), csv_field(CASE WHEN o.value IS NOT NULL THEN v.usage_unit END),
                 csv_field(to_char(v.next_visit_on, 'YYYY-MM-DD'))) AS line
        FROM page c
        -- The customer's personal data: no row at all when they may not be mailed.
        LEFT JOIN LATERAL (
          SELECT c.first_name, c.last_name, c.company_name, c.address_line1, c.address_line2, c.city, c.region,
                 c.postal_code, c.country, CASE WHEN c.email_status = 'ok' THEN c.email END AS email, c.phone, c.last_visit_on
          WHERE NOT (c.do_not_mail OR c.deceased)
        ) p ON true
        LEFT JOIN LATERAL (
          -- An index lookup per customer of the page. OFFSET 0 keeps the planner from turning
          -- this back into a plain join, which it hashes by reading the whole vehicles table
          -- for every page: the export would grow with the square of the customer file.
          SELECT * FROM vehicles v
          WHERE v.org_id = c.org_id AND v.customer_id = c.id AND v.status = 'active' AND NOT (c.do_not_mail OR c.deceased)
          OFFSET 0
        ) v ON true
        LEFT JOIN LATERAL (
          SELECT r.value FROM odometer_readings r
          WHERE r.org_id = v.org_id AND r.vehicle_id = v.id
          ORDER BY r.read_on DESC, r.value DESC
          LIMIT 1
        ) o ON true
        ORDER BY c.id, v.id`.execute(db);
      if (rows.length === 0) return;
      yield rows.map((r) => r.line);
      const customers = new Set(rows.map((r) => r.customer_id)).size;
      if (customers < pageSize) return;
      after = rows[rows.length - 1]!.customer_id;
    }
  },
};
