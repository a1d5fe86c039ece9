// GET /me: the signed-in user, their roles per location, and what each role allows.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { ROLE_PERMISSIONS } from '../../../accounts/permissions.ts';
import type { Role } from '../../../domain/role.ts';
import { SESSION_COOKIE } from '../../../accounts/sessions.ts';
import { hashSecret } from '../../../accounts/tokens.ts';

export const getMeRoute = defineRoute({
  method: 'GET',
  path: '/me',
  summary: 'The signed-in user with roles and permissions',
  tag: 'Session',
  auth: 'session',
  isolation: { exempt: 'returns the caller only' },
  response: z.object({
    id: z.number(),
    org_id: z.number().nullable(),
    email: z.string(),
    name: z.string(),
    language: z.string(),
    is_platform_admin: z.boolean(),
    roles: z.array(z.object({ location_id: z.number(), role: z.string(), permissions: z.array(z.string()) })),
    /** The session's CSRF token, so a reloaded console can keep writing (null for API tokens). */
    csrf_token: z.string().nullable(),
  }),
  async handler({ ctx, scope, request }) {
    const user = await ctx.db
      .selectFrom('users')
      .select(['id', 'org_id', 'email', 'name', 'language', 'is_platform_admin'])
      .where('id', '=', scope.actor.id)
      .executeTakeFirstOrThrow();
    const roles = user.org_id
      ? await ctx.db
          .selectFrom('user_roles')
          .select(['location_id', 'role'])
          .where('org_id', '=', user.org_id)
          .where('user_id', '=', user.id)
          .orderBy('location_id')
          .execute()
      : [];
    const cookie = request.cookies[SESSION_COOKIE];
    const session = cookie
      ? await ctx.db
          .selectFrom('sessions')
          .select('csrf_token')
          .where('token_hash', '=', hashSecret(cookie))
          .where('user_id', '=', user.id)
          .executeTakeFirst()
      : undefined;
    return {
      ...user,
      csrf_token: session?.csrf_token ?? null,
      roles: roles.map((r) => ({ ...r, permissions: [...ROLE_PERMISSIONS[r.role as Role]] })),
    };
  },
});
