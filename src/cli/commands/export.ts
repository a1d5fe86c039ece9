// relance export PARTNER --location CODE [--date D] [--org ID] [--force] [--output FILE]
// Runs one partner export now (the nightly job does the same on its own). A day already sent
// is not sent again; --force retries a failed day at once. --output writes the file locally
// instead (no upload, nothing logged), to see what the partner would receive.
import { resolve } from 'node:path';
import type { AppContext } from '../../context.ts';
import type { Location } from '../../db/schema.ts';
import { addDays, localDateTime } from '../../domain/time/dates.ts';
import { previewExtract } from '../../partners/preview-extract.ts';
import { isPartner, PARTNER_NAMES, PARTNERS, type Partner } from '../../partners/partners.ts';
import { runExport } from '../../partners/run-export.ts';
import { UsageError, type Command } from '../command.ts';

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export a day to CustomerLink, MechanicNET or CARFAX now',
  usage: `relance export ${PARTNERS.join('|')} --location CODE [--date YYYY-MM-DD] [--org ID] [--force] [--output FILE]`,
  needsDatabase: true,
  options: {
    location: { type: 'string' },
    date: { type: 'string' },
    org: { type: 'string' },
    force: { type: 'boolean', default: false },
    output: { type: 'string' },
  },
  async run({ values, positionals }, ctx) {
    if (!ctx) throw new Error('export needs the database');
    const [partner, extra] = positionals;
    if (!partner || extra !== undefined) throw new UsageError('name one partner');
    if (!isPartner(partner))
      throw new UsageError(`unknown partner "${partner}" (expected ${PARTNERS.join(', ')})`);
    if (typeof values.location !== 'string') throw new UsageError('--location CODE is required');
    const location = await findLocation(ctx, values.location, values.org as string | undefined);
    const day =
      values.date === undefined
        ? addDays(localDateTime(ctx.now(), location.time_zone).date, -1)
        : String(values.date);
    if (!isCalendarDate(day)) throw new UsageError(`--date must be a date as YYYY-MM-DD (got "${day}")`);
    const name = `${PARTNER_NAMES[partner]} export of ${location.code} for ${day}`;

    if (typeof values.output === 'string')
      return writePreview(ctx, location, partner, day, resolve(values.output));

    const out = await runExport(ctx, {
      orgId: location.org_id,
      locationId: location.id,
      partner,
      runOn: day,
      force: values.force === true,
    });
    if (out.status === 'succeeded') {
      console.log(`${name}: sent ${out.file.rows} rows, ${out.file.bytes} bytes, sha256 ${out.file.sha256}`);
      return 0;
    }
    if (out.status === 'skipped') {
      console.log(out.reason);
      return out.run?.status === 'succeeded' ? 0 : 1;
    }
    console.error(`${name} failed (attempt ${out.run.attempts}): ${out.error}`);
    return 1;
  },
};

/** YYYY-MM-DD naming a real day (2026-02-30 is not). */
function isCalendarDate(day: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(day) &&
    !Number.isNaN(Date.parse(day)) &&
    new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day
  );
}

export async function findLocation(
  ctx: AppContext,
  code: string,
  org: string | undefined,
): Promise<Location> {
  let query = ctx.db.selectFrom('locations').selectAll().where('code', '=', code);
  if (org !== undefined) {
    if (!/^\d+$/.test(org)) throw new UsageError(`--org must be an organization id (got "${org}")`);
    query = query.where('org_id', '=', Number(org));
  }
  const found = await query.limit(2).execute();
  if (found.length === 0)
    throw new UsageError(`no location with code "${code}"${org ? ` in organization ${org}` : ''}`);
  if (found.length > 1) throw new UsageError(`several organizations have a location "${code}": add --org ID`);
  return found[0]!;
}

/** The file the partner would receive, written locally; needs valid settings, not consent. */
async function writePreview(
  ctx: AppContext,
  location: Location,
  partner: Partner,
  day: string,
  path: string,
): Promise<number> {
  const out = await previewExtract(ctx.db, ctx.keys, location, partner, day, path);
  if (!('file' in out)) {
    console.error(
      `${PARTNER_NAMES[partner]} is not set up for ${location.code}${out.problem ? `: ${out.problem}` : ''}`,
    );
    return 1;
  }
  console.log(
    `Wrote ${out.file.rows} rows, ${out.file.bytes} bytes to ${path} (sha256 ${out.file.sha256}); nothing was sent`,
  );
  return 0;
}
