// The role table of docs/api.md says what ROLE_PERMISSIONS grants: parsed, compared both ways.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../domain/role.ts';
import { PERMISSIONS, ROLE_PERMISSIONS, type Permission } from './permissions.ts';

/** The docs' names for the permissions' resources. */
const RESOURCE: Record<string, string> = {
  locations: 'locations',
  customers: 'customers',
  vehicles: 'vehicles',
  'repair orders': 'repair_orders',
  appointments: 'appointments',
  mechanics: 'mechanics',
  'courtesy vehicles': 'courtesy_vehicles',
  settings: 'settings',
  rules: 'rules',
  templates: 'templates',
  outbox: 'messages',
  stats: 'stats',
  tasks: 'tasks',
  texts: 'texts',
  users: 'users',
  'API tokens': 'tokens',
  'audit log': 'audit',
};
const ALL_RESOURCES = [...new Set(PERMISSIONS.map((p) => p.split('.')[0]!))];

function resources(cell: string): string[] {
  const text = cell.trim();
  if (text === '') return [];
  if (text === 'everything') return ALL_RESOURCES;
  const but = /^everything but (.+)$/.exec(text);
  if (but) {
    const excluded = resources(but[1]!);
    return ALL_RESOURCES.filter((r) => !excluded.includes(r));
  }
  return text.split(/,\s*/).map((name) => {
    const resource = RESOURCE[name.trim()];
    if (!resource) throw new Error(`docs/api.md role table: unknown resource "${name}"`);
    return resource;
  });
}

/** The permissions each role has according to the role table of docs/api.md. */
function documentedMatrix(): Record<string, Permission[]> {
  const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## Roles'), doc.indexOf('## Tenant isolation'));
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| role ') && !line.startsWith('| ---'));
  const out: Record<string, Permission[]> = {};
  for (const row of rows) {
    const [role, writes, reads] = row.split('|').slice(1, 4) as [string, string, string];
    const granted = new Set<string>();
    for (const r of resources(writes)) granted.add(`${r}.read`).add(`${r}.write`);
    for (const r of resources(reads)) granted.add(`${r}.read`);
    // Only what exists: messages, stats and audit have no write permission.
    out[role.trim()] = PERMISSIONS.filter((p) => granted.has(p));
  }
  return out;
}

describe('the role table in docs/api.md', () => {
  const documented = documentedMatrix();

  it('lists every role, and no other', () => {
    expect(Object.keys(documented).sort()).toEqual([...ROLES].sort());
  });

  it.each(ROLES.map((role) => [role]))(
    'gives %s exactly the permissions of ROLE_PERMISSIONS',
    (role: Role) => {
      expect(documented[role]).toEqual(PERMISSIONS.filter((p) => ROLE_PERMISSIONS[role].includes(p)));
    },
  );

  it('says the CRM agent reads mechanics and courtesy vehicles but does not change them', () => {
    expect(documented.crm_agent).toEqual(
      expect.arrayContaining(['mechanics.read', 'courtesy_vehicles.read', 'appointments.read']),
    );
    expect(documented.crm_agent).not.toContain('mechanics.write');
    expect(documented.crm_agent).not.toContain('courtesy_vehicles.write');
    expect(documented.crm_agent).not.toContain('appointments.write');
  });
});
