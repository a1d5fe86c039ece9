// SQL fragments shared by every rule: the channel choice of src/domain/messages/channel.ts,
// written once as SQL, and the pieces every outbox row needs (vehicle reference, language,
// staff routing, dedupe key). Aliases: c = customers, rl = the run's location row (run_locs or
// an equivalent CTE), rr = the kind's pivoted rules row (rule_days), v = vehicles (optional).

import { KIND_PURPOSE } from '../../domain/compliance/purpose.ts';
import { isoInstantSql } from '../../db/iso-instant.ts';

/**
 * Pivot of message_rules: one row per location and kind with every channel's settings, and the
 * channel order (rank 1 first; by default email, text, postcard).
 */
export const RULE_DAYS_SQL = `
  SELECT org_id, location_id, kind,
         coalesce(max(days) FILTER (WHERE channel = 'email'), 0) AS email_days,
         coalesce(max(days) FILTER (WHERE channel = 'postcard'), 0) AS postcard_days,
         coalesce(max(days) FILTER (WHERE channel = 'sms'), 0) AS sms_days,
         max(interval_days) FILTER (WHERE channel = 'email') AS email_interval,
         max(interval_days) FILTER (WHERE channel = 'postcard') AS postcard_interval,
         max(interval_days) FILTER (WHERE channel = 'sms') AS sms_interval,
         max(dead_days) FILTER (WHERE channel = 'email') AS email_dead,
         max(dead_days) FILTER (WHERE channel = 'postcard') AS postcard_dead,
         max(dead_days) FILTER (WHERE channel = 'sms') AS sms_dead,
         coalesce(max(channel_rank) FILTER (WHERE channel = 'email'), 1) AS email_rank,
         coalesce(max(channel_rank) FILTER (WHERE channel = 'sms'), 2) AS sms_rank,
         coalesce(max(channel_rank) FILTER (WHERE channel = 'postcard'), 3) AS postcard_rank,
         min(priority) AS priority
  FROM message_rules`;

const filled = (col: string) => `coalesce(btrim(${col}), '') <> ''`;

const MARKETING_KINDS = Object.entries(KIND_PURPOSE)
  .filter(([, p]) => p.purpose === 'marketing')
  .map(([k]) => `'${k}'`)
  .join(', ');

/**
 * A text may go to customer c for the kind of rr: texts on at the location and for the kind, a
 * mobile number, no STOP from it to the location, and consent for texts (src/domain/sms/
 * text-consent.ts): express consent for marketing texts; for service texts, consent for texts not
 * withdrawn. REMINDER_x counts as marketing here (the send-time check knows its appointment).
 * Evaluated left to right: a location without texts never runs the subqueries.
 */
const textOk = `rl.sms_enabled AND rr.sms_days > 0 AND ${filled('c.mobile_phone')}
      AND NOT EXISTS (SELECT 1 FROM sms_opt_outs so WHERE so.org_id = c.org_id AND so.location_id = rl.location_id AND so.phone = c.mobile_phone)
      AND CASE WHEN rr.kind IN (${MARKETING_KINDS})
               THEN EXISTS (SELECT 1 FROM customer_consents tc WHERE tc.org_id = c.org_id AND tc.customer_id = c.id
                              AND tc.channel = 'text' AND tc.purpose = 'marketing' AND tc.basis = 'express')
               ELSE EXISTS (SELECT 1 FROM customer_consents tc WHERE tc.org_id = c.org_id AND tc.customer_id = c.id
                              AND tc.channel = 'text' AND tc.basis <> 'none')
                    AND NOT EXISTS (SELECT 1 FROM customer_consents tc WHERE tc.org_id = c.org_id AND tc.customer_id = c.id
                              AND tc.channel = 'text' AND tc.purpose = 'service' AND tc.basis = 'none') END`;

/**
 * The channel is the first usable one in the kind's order at the location (rr.*_rank; by default
 * email, text, postcard). The day setting that applies is the one of the channel the customer
 * would get: a customer with a usable email takes the email days even when they are 0 and the
 * postcard days are not, so email days 0 means nothing for customers reachable by email;
 * postcards (and their own days) are only for customers without a usable email. Texts and
 * postcards are usable only when their own days are set (> 0).
 *
 * LATERAL joins giving ch.days (the day setting that applies), ch.interval_days,
 * ch.dead_days, ch.channel ('email' | 'sms' | 'postcard' | 'none') and ch.reason (why held, or
 * NULL). `vehicle` is the alias of the vehicle the message is about, or null.
 */
export function channelLateral(vehicle: string | null = null): string {
  const vehicleHold = vehicle
    ? `WHEN ${vehicle}.status = 'sold' THEN 'vehicle_sold' WHEN ${vehicle}.status = 'scrapped' THEN 'vehicle_scrapped'`
    : '';
  // OFFSET 0 keeps cho a subquery of its own: pulled up, its text test (three EXISTS) would be
  // copied into every CASE that reads it and planned once per copy. Planning, not execution, is
  // most of a small run: 5 ms per rule statement with the copies, 1.7 ms without (EXPLAIN SUMMARY).
  return `
  CROSS JOIN LATERAL (SELECT
      rl.email_enabled AND c.email_status = 'ok' AND ${filled('c.email')} AS e_ok,
      rl.postcards_enabled AND rr.postcard_days > 0 AND ${filled('c.address_line1')} AND ${filled('c.postal_code')} AS p_ok,
      ${textOk} AS s_ok OFFSET 0) cho
  CROSS JOIN LATERAL (SELECT
      CASE WHEN cho.e_ok AND (NOT cho.s_ok OR rr.email_rank < rr.sms_rank) AND (NOT cho.p_ok OR rr.email_rank < rr.postcard_rank) THEN 'email'
           WHEN cho.s_ok AND (NOT cho.p_ok OR rr.sms_rank < rr.postcard_rank) THEN 'sms'
           WHEN cho.p_ok THEN 'postcard'
           ELSE 'none' END AS would_be,
      CASE WHEN c.deceased THEN 'deceased' WHEN c.do_not_mail THEN 'do_not_mail' ${vehicleHold} END AS hold,
      CASE WHEN ${filled('c.email')} AND c.email_status = 'hard_bounced' THEN 'hard_bounced'
           WHEN ${filled('c.email')} AND c.email_status = 'invalid' THEN 'email_invalid'
           WHEN NOT rl.postcards_enabled THEN CASE WHEN ${filled('c.email')} THEN 'email_off' ELSE 'no_email' END
           WHEN rr.postcard_days <= 0 THEN 'no_email_postcard_rule_off'
           ELSE 'no_address' END AS none_reason) ch0
  CROSS JOIN LATERAL (SELECT
      CASE WHEN ch0.would_be = 'sms' THEN 'sms'
           WHEN ch0.would_be = 'postcard' OR (ch0.would_be = 'none' AND rr.email_days <= 0) THEN 'postcard'
           ELSE 'email' END AS by) chp
  CROSS JOIN LATERAL (SELECT
      CASE chp.by WHEN 'sms' THEN rr.sms_days WHEN 'postcard' THEN rr.postcard_days ELSE rr.email_days END AS days,
      CASE chp.by WHEN 'sms' THEN rr.sms_interval WHEN 'postcard' THEN rr.postcard_interval ELSE rr.email_interval END AS interval_days,
      CASE chp.by WHEN 'sms' THEN rr.sms_dead WHEN 'postcard' THEN rr.postcard_dead ELSE rr.email_dead END AS dead_days,
      CASE WHEN ch0.hold IS NULL THEN ch0.would_be ELSE 'none' END AS channel,
      coalesce(ch0.hold, CASE WHEN ch0.would_be = 'none' THEN ch0.none_reason END) AS reason) ch`;
}

/** payload.vehicles entry (src/domain/messages/payload.ts VehicleRef). */
export const vehicleRef = (v: string) =>
  `CASE WHEN ${v}.id IS NULL THEN NULL ELSE jsonb_build_object('id', ${v}.id, 'year', ${v}.year, 'make', ${v}.make, 'model', ${v}.model, 'plate', ${v}.plate) END`;

/** Every vehicle of customer c still on the road, as a payload.vehicles array. */
export const customerVehiclesJson = `coalesce((SELECT jsonb_agg(jsonb_build_object('id', cv.id, 'year', cv.year, 'make', cv.make, 'model', cv.model, 'plate', cv.plate) ORDER BY cv.id)
   FROM vehicles cv WHERE cv.org_id = c.org_id AND cv.customer_id = c.id AND cv.status = 'active'), '[]'::jsonb)`;

/**
 * The staff member a task goes to: the customer's sales rep (role 'sales_rep'), else the first
 * user with the routed role at the location, else the CRM agent, else the owner.
 */
export function routedUserSql(role: string, customer: string | null): string {
  const rep = customer ? `CASE WHEN ${role} = 'sales_rep' THEN ${customer}.sales_rep_user_id END, ` : '';
  return `coalesce(${rep}(SELECT ur.user_id FROM user_roles ur JOIN users u ON u.org_id = ur.org_id AND u.id = ur.user_id
      WHERE ur.org_id = rl.org_id AND ur.location_id = rl.location_id AND u.disabled_at IS NULL
        AND ur.role IN (${role}, 'crm_agent', 'owner')
      ORDER BY CASE WHEN ur.role = ${role} THEN 0 WHEN ur.role = 'crm_agent' THEN 1 ELSE 2 END, ur.user_id LIMIT 1))`;
}

/** The subject part of the dedupe key for an appointment (see src/domain/messages/dedupe-key.ts). */
export const appointmentSubjectSql = (a: string) =>
  `'a' || ${a}.id || '@' || floor(extract(epoch FROM ${a}.starts_at))::bigint`;

/** payload.appointment */
export const appointmentJson = (a: string, mechanicName = 'NULL') =>
  `jsonb_build_object('id', ${a}.id, 'starts_at', ${isoInstantSql(`${a}.starts_at`)},
     'ends_at', ${isoInstantSql(`${a}.ends_at`)}, 'mechanic', ${mechanicName}, 'service', ${a}.service_requested)`;

/**
 * For a message about appointment a, to its customer c (LEFT JOINed) or, when there is none,
 * to the visitor: r.recipient_type, r.recipient (dedupe part), r.email, r.language, r.channel,
 * r.reason. Needs channelLateral() joined before it (its values are ignored for visitors).
 */
export const appointmentRecipientLateral = `
  CROSS JOIN LATERAL (SELECT
      CASE WHEN c.id IS NULL THEN 'visitor' ELSE 'customer' END AS recipient_type,
      CASE WHEN c.id IS NULL THEN 'v' || a.id ELSE 'c' || c.id END AS recipient,
      CASE WHEN c.id IS NULL THEN a.visitor_email ELSE c.email END AS email,
      coalesce(CASE WHEN c.id IS NULL THEN a.visitor_language ELSE c.language END, rl.lang) AS language,
      CASE WHEN c.id IS NOT NULL THEN ch.channel
           WHEN rl.email_enabled AND ${filled('a.visitor_email')} THEN 'email' ELSE 'none' END AS channel,
      CASE WHEN c.id IS NOT NULL THEN ch.reason
           WHEN NOT ${filled('a.visitor_email')} THEN 'no_email'
           WHEN NOT rl.email_enabled THEN 'email_off' END AS reason,
      CASE WHEN c.id IS NULL THEN jsonb_build_object('name', a.visitor_name, 'email', a.visitor_email, 'phone', a.visitor_phone) END AS visitor) r`;

/** Columns of an outbox row, in the order of OUTBOX_COLUMNS, for INSERT ... SELECT. */
export const OUTBOX_COLUMNS = `org_id, location_id, kind, channel, recipient_type, customer_id, vehicle_id, appointment_id,
  repair_order_id, recipient_user_id, recipient_email, language, due_on, dedupe_key, status, reason, payload, next_attempt_at`;
