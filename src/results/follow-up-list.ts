// A day's follow-up list of a location (the source guide's first paragraph): the customer
// messages due that day, with their status, and the names and addresses a word processor's mail
// merge needs. Sent, still due (pending), held back (with the reason), or all of them.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { execSql } from '../engine/sql/exec.ts';

export const LIST_STATUSES = ['all', 'due', 'sent', 'held'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

const STATUS_SQL: Record<ListStatus, string> = {
  all: `m.status NOT IN ('cancelled')`,
  due: `m.status IN ('pending', 'sending')`,
  sent: `m.status = 'sent'`,
  held: `m.status = 'held'`,
};

export const FOLLOW_UP_COLUMNS = [
  'message_id',
  'due_on',
  'kind',
  'channel',
  'status',
  'reason',
  'language',
  'customer_number',
  'mailing_name',
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
  'vehicle_year',
  'vehicle_make',
  'vehicle_model',
  'vehicle_plate',
  'coupon_code',
] as const;

export type FollowUpRow = Record<(typeof FOLLOW_UP_COLUMNS)[number], string | number | null>;

export async function followUpList(
  db: Kysely<DB>,
  orgId: number,
  locationId: number,
  day: string,
  status: ListStatus,
): Promise<FollowUpRow[]> {
  const { rows } = await execSql<FollowUpRow>(
    db,
    `SELECT m.id::int AS message_id, to_char(m.due_on, 'YYYY-MM-DD') AS due_on, m.kind, m.channel, m.status, m.reason,
            m.language, c.customer_number, c.mailing_name, c.first_name, c.last_name, c.company_name,
            c.address_line1, c.address_line2, c.city, c.region, c.postal_code, c.country,
            coalesce(m.recipient_email, c.email) AS email, c.phone,
            v.year::int AS vehicle_year, v.make AS vehicle_make, v.model AS vehicle_model, v.plate AS vehicle_plate,
            m.payload->'promotion'->>'coupon_code' AS coupon_code
     FROM messages m
     JOIN customers c ON c.org_id = m.org_id AND c.id = m.customer_id
     LEFT JOIN vehicles v ON v.org_id = m.org_id AND v.id = m.vehicle_id
     WHERE m.org_id = $1 AND m.location_id = $2 AND m.due_on = $3::date AND m.recipient_type = 'customer'
       AND ${STATUS_SQL[status]}
     ORDER BY c.mailing_name, m.kind, m.id`,
    [orgId, locationId, day],
  );
  return rows;
}
