// relance operator create: a platform-admin account (paid options, usage), no organization.
import { z } from 'zod';
import { UsageError, type Command } from '../command.ts';
import { createOperator } from '../../accounts/create-staff-user.ts';

export const operatorCreateCommand: Command = {
  name: 'operator create',
  summary: 'Create an operator (platform admin) account',
  usage: 'relance operator create --email EMAIL [--name NAME] [--password P]',
  options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
  needsDatabase: true,
  createsDatabase: true,
  async run({ values }, ctx) {
    const v = values as Record<string, string | undefined>;
    if (!v.email || !z.email().safeParse(v.email).success)
      throw new UsageError(
        `--email is required and must be an email address${v.email ? ` (got "${v.email}")` : ''}`,
      );
    if (v.password !== undefined && v.password.length < 10)
      throw new UsageError('--password must be at least 10 characters');
    const result = await createOperator(
      ctx!.db,
      { email: v.email, name: v.name, password: v.password },
      ctx!.now(),
    );
    console.log(`Created operator ${v.email} (id ${result.userId}).`);
    if (result.generated) console.log(`Password: ${result.password}`);
  },
};
