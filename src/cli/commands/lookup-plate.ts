// relance lookup-plate --location CODE --plate PLATE --region QC [--org ID]
// The VIN of a licence plate through the location's CARFAX plate lookup (or its own vehicles),
// decoded. Exit 0 found; 1 not found, not subscribed, credentials refused or CARFAX down (the
// reason is printed); 2 bad arguments.
import { lookupPlate, lookupPlateInput } from '../../commands/lookup-plate.ts';
import { PlateLookupError } from '../../partners/carfax/plate-lookup.ts';
import { UsageError, type Command } from '../command.ts';
import { printDecode } from './decode-vin.ts';
import { findLocation } from './export.ts';

export const lookupPlateCommand: Command = {
  name: 'lookup-plate',
  summary: 'Find the VIN of a licence plate through CARFAX and decode it',
  usage: 'relance lookup-plate --location CODE --plate PLATE --region QC [--org ID] [--json]',
  needsDatabase: true,
  options: {
    location: { type: 'string' },
    plate: { type: 'string' },
    region: { type: 'string' },
    org: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  async run({ values }, ctx) {
    if (!ctx) throw new Error('lookup-plate needs the database');
    if (typeof values.location !== 'string') throw new UsageError('--location CODE is required');
    const parsed = lookupPlateInput.safeParse({ plate: values.plate ?? '', region: values.region ?? '' });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UsageError(`--${String(issue.path[0])}: ${issue.message}`);
    }
    const location = await findLocation(ctx, values.location, values.org as string | undefined);
    // The operator at the terminal acts for that one location.
    const scope = {
      orgId: location.org_id,
      actor: { type: 'operator' as const, id: 0 },
      userId: null,
      locationIds: [location.id],
    };
    try {
      const found = await lookupPlate(ctx.db, scope, location.id, parsed.data, { keys: ctx.keys });
      if (values.json) console.log(JSON.stringify(found, null, 2));
      else {
        console.log(
          `${found.plate} (${found.region}): ${found.vin}  [${found.source === 'carfax' ? 'CARFAX' : 'vehicle on file'}]`,
        );
        printDecode(found.decoded);
      }
      return 0;
    } catch (err) {
      if (!(err instanceof PlateLookupError)) throw err;
      console.error(err.message);
      return 1;
    }
  },
};
