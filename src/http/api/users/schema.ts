import { z } from 'zod';
import { bodyId, iso, language, text } from '../schemas.ts';

import { ROLES } from '../../../domain/role.ts';
export { ROLES };
export const roleIn = z.strictObject({ location_id: bodyId, role: z.enum(ROLES) });
export const userOut = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  language: z.string(),
  disabled: z.boolean(),
  created_at: z.string(),
  roles: z.array(z.object({ location_id: z.number(), role: z.string() })),
});
export const createUserBody = z.strictObject({
  email: z.email().max(320),
  name: text(200).min(1),
  language: language.default('en'),
  password: z.string().min(10, 'must be at least 10 characters').max(200).optional(),
  roles: z.array(roleIn).min(1).max(100),
});
export const updateUserBody = z.strictObject({
  name: text(200).min(1).optional(),
  language: language.optional(),
  disabled: z.boolean().optional(),
  roles: z.array(roleIn).max(100).optional(),
});

export function presentUser(
  u: {
    id: number;
    email: string;
    name: string;
    language: string;
    disabled_at: Date | null;
    created_at: Date;
  },
  roles: Array<{ user_id: number; location_id: number; role: string }>,
) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    language: u.language,
    disabled: u.disabled_at !== null,
    created_at: iso(u.created_at)!,
    roles: roles.filter((r) => r.user_id === u.id).map((r) => ({ location_id: r.location_id, role: r.role })),
  };
}
