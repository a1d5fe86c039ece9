// relance user create: a staff account for a fresh install (asks nothing).
import { z } from 'zod';
import { UsageError, type Command } from '../command.ts';
import { createStaffUser } from '../../accounts/create-staff-user.ts';
import { ROLES, type Role } from '../../domain/role.ts';

export const userCreateCommand: Command = {
  name: 'user create',
  summary: 'Create a staff user with a role at a location (organization and location made if missing)',
  usage: `relance user create --org NAME --location CODE --email EMAIL --role ${ROLES.join('|')} [--name NAME] [--password P] [--time-zone TZ]`,
  options: {
    org: { type: 'string' },
    location: { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
    'time-zone': { type: 'string' },
  },
  needsDatabase: true,
  createsDatabase: true,
  async run({ values }, ctx) {
    const v = values as Record<string, string | undefined>;
    for (const flag of ['org', 'location', 'email', 'role'])
      if (!v[flag]) throw new UsageError(`--${flag} is required`);
    if (!(ROLES as readonly string[]).includes(v.role!))
      throw new UsageError(`--role must be one of ${ROLES.join(', ')} (got "${v.role}")`);
    if (!z.email().safeParse(v.email).success)
      throw new UsageError(`--email is not an email address: "${v.email}"`);
    if (v.password !== undefined && v.password.length < 10)
      throw new UsageError('--password must be at least 10 characters');
    const result = await createStaffUser(
      ctx!.db,
      {
        orgName: v.org!,
        locationCode: v.location!,
        email: v.email!,
        role: v.role as Role,
        name: v.name,
        password: v.password,
        timeZone: v['time-zone'],
      },
      ctx!.now(),
    );
    for (const what of result.created) console.log(`Created ${what}.`);
    console.log(`Created user ${v.email} (id ${result.userId}) as ${v.role} at ${v.location}.`);
    if (result.generated) console.log(`Password: ${result.password}`);
  },
};
