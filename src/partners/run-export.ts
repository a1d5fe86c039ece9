// One partner export of one location's day: check it is allowed, claim the day's export_runs
// row, build the file locally (streaming), then upload the finished file and record the result.
// Running the same day again after a success uploads nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../context.ts';
import { buildExtractFile, type ExtractFile } from './build-extract-file.ts';
import { claimExportRun, finishExportRun, MAX_ATTEMPTS, type ExportRun } from './claim-export-run.ts';
import { EXTRACTS } from './extracts/index.ts';
import type { ExtractScope } from './extracts/extract.ts';
import {
  checkExportAllowed,
  ExportRefused,
  getPartnerSettings,
  type PartnerSettings,
} from './get-partner-settings.ts';
import { NEEDS_CONSENT, PARTNER_NAMES, type Partner } from './partners.ts';
import { uploadByFtp, type FtpUploadOptions } from './transports/ftp.ts';
import { uploadByHttps, type HttpUploadOptions } from './transports/https.ts';

export interface ExportRequest {
  orgId: number;
  locationId: number;
  partner: Partner;
  runOn: string;
  /** Retry a failed day now (a person asked), ignoring backoff and the attempt limit. */
  force?: boolean;
}

export interface ExportOptions {
  ftp?: FtpUploadOptions;
  http?: Pick<HttpUploadOptions, 'tries' | 'backoffMs' | 'timeoutMs'>;
  pageSize?: number;
  signal?: AbortSignal;
}

export type ExportOutcome =
  | { status: 'succeeded'; run: ExportRun; file: ExtractFile }
  | { status: 'failed'; run: ExportRun; error: string }
  /** Nothing done: the day was already sent, is being sent, or waits for its next retry. */
  | { status: 'skipped'; run: ExportRun | null; reason: string };

export async function runExport(
  ctx: AppContext,
  req: ExportRequest,
  options: ExportOptions = {},
): Promise<ExportOutcome> {
  const name = PARTNER_NAMES[req.partner];
  const location = await ctx.db
    .selectFrom('locations')
    .selectAll()
    .where('org_id', '=', req.orgId)
    .where('id', '=', req.locationId)
    .executeTakeFirst();
  if (!location)
    throw new ExportRefused(`Location ${req.locationId} does not exist in organization ${req.orgId}`);
  const found = await getPartnerSettings(ctx.db, ctx.keys, req.orgId, req.locationId, req.partner);
  // Off or without consent: refused before anything is written.
  if (!found?.enabled || (NEEDS_CONSENT[req.partner] && (!found.consentUserId || !found.consentAt))) {
    checkExportAllowed(found, req.partner, location.code);
  }

  const { claimed, existing } = await claimExportRun(ctx.db, { ...req, now: ctx.now() });
  if (!claimed)
    return { status: 'skipped', run: existing, reason: skipReason(name, location.code, req.runOn, existing) };

  const dir = await mkdtemp(join(tmpdir(), 'relance-export-'));
  try {
    // Incomplete settings are recorded as a failed run, so the shop sees why in the run log.
    checkExportAllowed(found, req.partner, location.code);
    const extract = EXTRACTS[req.partner];
    const scope = { orgId: req.orgId, location, runOn: req.runOn, settings: found.settings } as ExtractScope<
      typeof req.partner
    >;
    const fileName = extract.fileName(scope as never);
    const file = await buildExtractFile(
      ctx.db,
      extract as never,
      scope as never,
      join(dir, fileName),
      options.pageSize,
    );
    await upload(found, file, fileName, req, options);
    await finishExportRun(
      ctx.db,
      req.orgId,
      claimed,
      { status: 'succeeded', rows: file.rows, bytes: file.bytes, checksum: file.sha256 },
      ctx.now(),
    );
    return {
      status: 'succeeded',
      run: { ...claimed, status: 'succeeded', rows: file.rows, bytes: file.bytes, checksum: file.sha256 },
      file,
    };
  } catch (err) {
    const error = (err as Error).message;
    await finishExportRun(ctx.db, req.orgId, claimed, { status: 'failed', error }, ctx.now());
    return { status: 'failed', run: { ...claimed, status: 'failed', error }, error };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function upload(
  found: PartnerSettings,
  file: ExtractFile,
  fileName: string,
  req: ExportRequest,
  options: ExportOptions,
): Promise<void> {
  const settings = found.settings!;
  if (found.partner === 'customerlink') {
    await uploadByFtp(
      settings as PartnerSettings<'customerlink'>['settings'] & object,
      found.secret!,
      file.path,
      fileName,
      options.ftp,
    );
    return;
  }
  await uploadByHttps((settings as { endpoint: string }).endpoint, file, {
    ...options.http,
    idempotencyKey: `relance-${req.orgId}-${req.locationId}-${req.partner}-${req.runOn}`,
    fileName,
    token: found.secret,
    signal: options.signal,
  });
}

function skipReason(name: string, code: string, day: string, run: ExportRun | null): string {
  const what = `${name} export of ${code} for ${day}`;
  if (!run) return `${what}: nothing to do`;
  if (run.status === 'succeeded')
    return `${what} was already sent (${run.rows} rows, ${run.bytes} bytes, sha256 ${run.checksum})`;
  if (run.status === 'running')
    return `${what} is being sent by another process (since ${run.started_at.toISOString()})`;
  if (run.attempts >= MAX_ATTEMPTS)
    return `${what} failed ${run.attempts} times and is no longer retried automatically: ${run.error}`;
  return `${what} failed (attempt ${run.attempts}: ${run.error}); it will be retried after a backoff`;
}
