// An E03 survey answer (rating 1-5 and an optional comment), one per message: answering again
// updates it. Staff get the answers in the E06 digest (surveys.digested_at, set by the engine).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Language } from '../../domain/language.ts';
import type { Keys } from '../../security/keys.ts';
import { linkSigner } from '../../security/signed-links.ts';

export interface SurveyTarget {
  orgId: number;
  messageId: number;
  customerId: number;
  locationId: number;
  vehicleId: number | null;
  repairOrderId: number | null;
  language: Language;
  businessName: string;
  rating: number | null;
  comment: string | null;
}

export async function findSurveyTarget(
  db: Kysely<DB>,
  keys: Keys,
  token: string,
  now: Date,
): Promise<SurveyTarget | null> {
  const p = linkSigner(keys, () => now).verify('survey', token);
  if (!p || p.org === null || p.message === null || p.customer === null) return null;
  const { org: o, message: m, customer: c } = p;
  const row = await db
    .selectFrom('messages as m')
    .innerJoin('locations as l', (j) =>
      j.onRef('l.org_id', '=', 'm.org_id').onRef('l.id', '=', 'm.location_id'),
    )
    .leftJoin('surveys as s', (j) => j.onRef('s.org_id', '=', 'm.org_id').onRef('s.message_id', '=', 'm.id'))
    .select([
      'm.location_id',
      'm.vehicle_id',
      'm.repair_order_id',
      'm.language',
      'm.customer_id',
      'l.business_name',
      'l.name',
      's.rating',
      's.comment',
    ])
    .where('m.org_id', '=', o)
    .where('m.id', '=', m)
    .where('m.kind', '=', 'E03')
    .executeTakeFirst();
  if (!row || row.customer_id !== c) return null;
  return {
    orgId: o,
    messageId: m,
    customerId: c,
    locationId: row.location_id,
    vehicleId: row.vehicle_id,
    repairOrderId: row.repair_order_id,
    language: row.language,
    businessName: row.business_name ?? row.name,
    rating: row.rating,
    comment: row.comment,
  };
}

export async function recordSurveyAnswer(
  db: Kysely<DB>,
  target: SurveyTarget,
  answer: { rating: number; comment: string | null },
  now: Date,
): Promise<void> {
  await sql`
    INSERT INTO surveys (org_id, location_id, message_id, customer_id, vehicle_id, repair_order_id, rating, comment, answered_at)
    VALUES (${target.orgId}, ${target.locationId}, ${target.messageId}, ${target.customerId}, ${target.vehicleId}, ${target.repairOrderId},
            ${answer.rating}, ${answer.comment}, ${now})
    ON CONFLICT (org_id, message_id) DO UPDATE
      SET rating = excluded.rating, comment = coalesce(excluded.comment, surveys.comment), answered_at = excluded.answered_at`.execute(
    db,
  );
}
