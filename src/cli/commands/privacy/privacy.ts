// relance privacy export --customer ID --org ID [--format json|csv] [--output FILE]
// relance privacy erase --customer ID --org ID --yes
// A person's access request (everything held about them) and erasure (anonymized, counts kept),
// the same commands as the API, audited as the operator.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AppContext } from '../../../context.ts';
import { exportCustomerData } from '../../../commands/export-customer-data.ts';
import { eraseCustomer } from '../../../commands/erase-customer.ts';
import { CommandError } from '../../../commands/command-error.ts';
import type { Scope } from '../../../tenancy/scope.ts';
import { UsageError, type Command } from '../../command.ts';

async function operatorScope(ctx: AppContext, org: unknown): Promise<Scope> {
  if (typeof org !== 'string' || !/^\d+$/.test(org)) throw new UsageError('--org ID is required');
  const locations = await ctx.db
    .selectFrom('locations')
    .select('id')
    .where('org_id', '=', Number(org))
    .execute();
  if (locations.length === 0) throw new UsageError(`no organization ${org}`);
  return {
    orgId: Number(org),
    actor: { type: 'operator', id: 0 },
    userId: null,
    locationIds: locations.map((l) => l.id),
  };
}

function customerId(value: unknown): number {
  if (typeof value !== 'string' || !/^\d+$/.test(value))
    throw new UsageError('--customer ID is required (a number)');
  return Number(value);
}

export const privacyCommand: Command = {
  name: 'privacy',
  summary: 'Export everything held about a customer, or erase them (anonymized, counts kept)',
  usage:
    'relance privacy export --customer ID --org ID [--format json|csv] [--output FILE] | relance privacy erase --customer ID --org ID --yes',
  needsDatabase: true,
  options: {
    customer: { type: 'string' },
    org: { type: 'string' },
    format: { type: 'string', default: 'json' },
    output: { type: 'string' },
    yes: { type: 'boolean', default: false },
  },
  async run({ values, positionals }, ctx) {
    if (!ctx) throw new Error('privacy needs the database');
    const [action, extra] = positionals;
    if ((action !== 'export' && action !== 'erase') || extra !== undefined)
      throw new UsageError('say export or erase');
    const id = customerId(values.customer);
    const scope = await operatorScope(ctx, values.org);
    try {
      if (action === 'export') {
        const format = values.format ?? 'json';
        if (format !== 'json' && format !== 'csv')
          throw new UsageError(`--format must be json or csv (got "${String(format)}")`);
        const out = await ctx.db
          .transaction()
          .execute((trx) => exportCustomerData(trx, scope, { customerId: id }, ctx.now));
        const text = format === 'csv' ? out.csv : `${JSON.stringify(out.json, null, 2)}\n`;
        if (typeof values.output === 'string') {
          writeFileSync(resolve(values.output), text);
          console.log(`customer ${id}: written to ${resolve(values.output)}`);
        } else process.stdout.write(text);
        return 0;
      }
      if (values.yes !== true) throw new UsageError('erase cannot be undone: add --yes');
      const out = await ctx.db
        .transaction()
        .execute((trx) => eraseCustomer(trx, scope, { customerId: id }, ctx.now));
      console.log(
        `customer ${id} erased: personal data anonymized; ${out.vehicles} vehicle(s) and ${out.messages} message(s) kept for the counts`,
      );
      return 0;
    } catch (err) {
      if (err instanceof CommandError) {
        console.error(err.message);
        return 1;
      }
      throw err;
    }
  },
};
