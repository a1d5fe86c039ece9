// Nightly partner exports: every few minutes, find the (location, partner) pairs whose
// previous local day is due (src/partners/find-due-exports.ts) and run each export once.
// Safe from several processes at once: each export claims its export_runs row first.
import type { RecurringJob } from './recurring-job.ts';
import { findDueExports } from '../partners/find-due-exports.ts';
import { PARTNER_NAMES } from '../partners/partners.ts';
import { runExport } from '../partners/run-export.ts';

export const nightlyExportJob: RecurringJob = {
  name: 'nightly-export',
  everyMs: 5 * 60_000,
  async tick(
    ctx,
    signal,
    log: (line: string) => void = (line) => ctx.log.info({ job: 'nightly-export' }, line),
  ) {
    const due = await findDueExports(ctx.db, ctx.now());
    for (const d of due) {
      if (signal.aborted) return;
      const what = `${PARTNER_NAMES[d.partner]} export of location ${d.location_id} (org ${d.org_id}) for ${d.run_on}`;
      try {
        const out = await runExport(
          ctx,
          { orgId: d.org_id, locationId: d.location_id, partner: d.partner, runOn: d.run_on },
          { signal },
        );
        if (out.status === 'succeeded') log(`${what}: sent ${out.file.rows} rows, ${out.file.bytes} bytes`);
        else if (out.status === 'failed') log(`${what}: attempt ${out.run.attempts} failed: ${out.error}`);
      } catch (err) {
        // One location's problem (e.g. switched off meanwhile) never stops the others.
        log(`${what}: ${(err as Error).message}`);
      }
    }
  },
};
