// relance control-group --location CODE [--org ID] [--kind KIND --share 0.1]
// Without --kind, lists each customer kind's share; with it, sets one (0 switches it off).
import { setControlGroup } from '../../../commands/results/set-control-group.ts';
import { isKindCode, kindSpec, KINDS } from '../../../domain/messages/kinds.ts';
import { UsageError, type Command } from '../../command.ts';
import { findLocationByCode } from '../delivery/find-location.ts';
import { cliScope } from './cli-scope.ts';

export const controlGroupCommand: Command = {
  name: 'control-group',
  summary: 'Show or set the share of a kind’s messages held back as its control group',
  usage: 'relance control-group --location CODE [--org ID] [--kind KIND --share 0..0.5]',
  needsDatabase: true,
  options: {
    location: { type: 'string' },
    org: { type: 'string' },
    kind: { type: 'string' },
    share: { type: 'string' },
  },
  async run({ values }, ctx) {
    if (!ctx) throw new Error('control-group needs the database');
    if (typeof values.location !== 'string') throw new UsageError('--location CODE is required');
    const kind = values.kind as string | undefined;
    if ((kind === undefined) !== (values.share === undefined))
      throw new UsageError('--kind and --share go together');
    if (kind !== undefined && !(isKindCode(kind) && kindSpec(kind).audience === 'customer'))
      throw new UsageError(`--kind: "${kind}" is not a customer message kind`);
    const share = Number(values.share);
    if (values.share !== undefined && !(/^\d*\.?\d+$/.test(String(values.share)) && share <= 0.5))
      throw new UsageError(`--share must be a number from 0 to 0.5 (got "${String(values.share)}")`);
    const location = await findLocationByCode(ctx.db, values.location, values.org as string | undefined);
    if (kind !== undefined)
      await ctx.db
        .transaction()
        .execute((trx) =>
          setControlGroup(trx, cliScope(location), { locationId: location.id, kind, share }, ctx.now()),
        );
    const set = await ctx.db
      .selectFrom('control_groups')
      .select(['kind', 'share'])
      .where('org_id', '=', location.org_id)
      .where('location_id', '=', location.id)
      .execute();
    const shares = new Map(set.map((r) => [r.kind, Number(r.share)]));
    for (const k of KINDS.filter((k) => k.audience === 'customer'))
      console.log(`${k.code.padEnd(12)} ${((shares.get(k.code) ?? 0) * 100).toFixed(1)} %`);
    return 0;
  },
};
