// Schemas and helpers shared by the routes of this folder (one route per file).
import { z } from 'zod';

export const operatorLocation = z.object({
  id: z.number(),
  org_id: z.number(),
  org_name: z.string(),
  code: z.string(),
  name: z.string(),
  email_enabled: z.boolean(),
  postcards_enabled: z.boolean(),
  sms_enabled: z.boolean(),
});
