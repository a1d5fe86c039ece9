// The file a partner receives for a day, built again now into a local file (nothing is sent or
// logged): for `relance export --output` and the console's download. The data is today's, so a
// day's file shows what the partner got only as far as the data has not changed since.
import type { Kysely } from 'kysely';
import type { DB, Location } from '../db/schema.ts';
import type { Keys } from '../security/keys.ts';
import { buildExtractFile, type ExtractFile } from './build-extract-file.ts';
import { EXTRACTS } from './extracts/index.ts';
import { getPartnerSettings } from './get-partner-settings.ts';
import type { Partner } from './partners.ts';

export async function previewExtract(
  db: Kysely<DB>,
  keys: Keys,
  location: Location,
  partner: Partner,
  day: string,
  path: string,
): Promise<{ file: ExtractFile } | { problem: string | null }> {
  const found = await getPartnerSettings(db, keys, location.org_id, location.id, partner);
  if (!found?.settings) return { problem: found?.problem ?? null };
  const scope = { orgId: location.org_id, location, runOn: day, settings: found.settings };
  return { file: await buildExtractFile(db, EXTRACTS[partner] as never, scope as never, path) };
}
