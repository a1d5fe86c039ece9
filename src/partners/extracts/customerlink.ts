// CustomerLink (the CRM extract): a snapshot of the location's customer file, one row per
// active vehicle of each customer (one row with blank vehicle fields when a customer has none),
// with the last visit, last odometer reading and next scheduled visit.
//
// Do Not Mail: FLAGGED, not excluded. The file is a full snapshot that CustomerLink merges
// into the list it mails from; leaving an opted-out customer out would leave their old record
// (sent before they opted out) mailable there. So the customer is sent with do_not_mail = Y
// and ONLY their customer number — name, address, email, phone and vehicles are blank — which
// carries the opt-out without sending personal data the shop may no longer use for marketing.
// Deceased customers are sent the same way. A bounced or invalid email is left blank.
import { sql } from 'kysely';
import type { Extract } from './extract.ts';
import { compactDate, safeName } from './extract.ts';

interface CustomerLinkRow {
  customer_id: number;
  customer_number: string;
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
  email: string | null;
  phone: string | null;
  suppressed: boolean;
  language: string;
  vin: string | null;
  year: number | null;
  make: string | null;
  model: string | null;
  last_visit_on: string | null;
  odometer: number | null;
  usage_unit: string | null;
  next_visit_on: string | null;
}

export const customerLinkExtract: Extract<'customerlink'> = {
  partner: 'customerlink',
  columns: [
    'account_number', 'business_name', 'business_phone',
    'customer_number', 'first_name', 'last_name', 'company_name',
    'address_line1', 'address_line2', 'city', 'region', 'postal_code', 'country',
    'email', 'phone', 'do_not_mail', 'language',
    'vin', 'vehicle_year', 'vehicle_make', 'vehicle_model',
    'last_visit_date', 'odometer', 'odometer_unit', 'next_visit_date',
  ],
  fileName: ({ settings, runOn }) => `customerlink_${safeName(settings.account_number)}_${compactDate(runOn)}.csv`,
  async *pages(db, { orgId, location, settings }, pageSize) {
    const businessName = location.business_name ?? location.name;
    const businessPhone = location.business_phone ?? location.phone;
    let after = 0;
    for (;;) {
      // Page on customers (keyset on id), then join their vehicles: a page holds pageSize
      // customers and their vehicles, whatever the table size.
      const { rows } = await sql<CustomerLinkRow>`
        WITH page AS (
          SELECT * FROM customers
          WHERE org_id = ${orgId} AND location_id = ${location.id} AND id > ${after}
          ORDER BY id
          LIMIT ${pageSize}
        )
        SELECT c.id AS customer_id, c.customer_number, c.first_name, c.last_name, c.company_name,
               c.address_line1, c.address_line2, c.city, c.region, c.postal_code, c.country,
               CASE WHEN c.email_status = 'ok' THEN c.email END AS email, c.phone,
               (c.do_not_mail OR c.deceased) AS suppressed,
               coalesce(c.language, ${location.language}) AS language,
               v.vin, v.year, v.make, v.model,
               coalesce(v.last_visit_on, c.last_visit_on) AS last_visit_on,
               o.value AS odometer, v.usage_unit, v.next_visit_on
        FROM page c
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
      yield rows.map((r) =>
        r.suppressed
          ? [settings.account_number, businessName, businessPhone, r.customer_number, null, null, null, null, null, null, null, null, null, null, null, true, r.language, null, null, null, null, null, null, null, null]
          : [
              settings.account_number, businessName, businessPhone,
              r.customer_number, r.first_name, r.last_name, r.company_name,
              r.address_line1, r.address_line2, r.city, r.region, r.postal_code, r.country,
              r.email, r.phone, false, r.language,
              r.vin, r.year, r.make, r.model,
              r.last_visit_on, r.odometer, r.odometer === null ? null : r.usage_unit, r.next_visit_on,
            ],
      );
      const last = rows[rows.length - 1]!.customer_id;
      const customers = new Set(rows.map((r) => r.customer_id)).size;
      if (customers < pageSize) return;
      after = last;
    }
  },
};
