// Schemas and helpers shared by the routes of this folder (one route per file).
import { z } from 'zod';
import { iso } from '../schemas.ts';

export const tokenOut = z.object({
  id: z.number(),
  name: z.string(),
  scopes: z.array(z.string()),
  location_id: z.number().nullable(),
  created_by: z.number().nullable(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

export type Row = {
  id: number;
  name: string;
  scopes: string[];
  location_id: number | null;
  created_by: number | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

export const present = (t: Row) => ({
  id: t.id,
  name: t.name,
  scopes: t.scopes,
  location_id: t.location_id,
  created_by: t.created_by,
  created_at: iso(t.created_at)!,
  last_used_at: iso(t.last_used_at),
  revoked_at: iso(t.revoked_at),
});

export { API_TOKEN_COLUMNS as COLUMNS, tokenInScope } from '../../../accounts/api-token-scope.ts';
