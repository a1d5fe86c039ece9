// Schemas and helpers shared by the routes of this folder (one route per file).
import { z } from 'zod';
import { id, iso, language, messageKind } from '../schemas.ts';

export const kind = messageKind;

/** A template's channel: email and postcard, and sms (a text: body only, the kinds sent by text). */
export const templateChannel = z.enum(['email', 'postcard', 'sms']);

export const keyParams = z.strictObject({ locationId: id, kind, channel: templateChannel, language });

export const templateOut = z.object({
  id: z.number(),
  kind: z.string(),
  channel: z.string(),
  language: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  version: z.number(),
  updated_by: z.number().nullable(),
  updated_at: z.string(),
});

export type Row = {
  id: number;
  kind: string;
  channel: string;
  language: string;
  subject: string | null;
  body: string;
  version: number;
  updated_by: number | null;
  updated_at: Date;
};

export const present = (t: Row) => ({
  id: t.id,
  kind: t.kind,
  channel: t.channel,
  language: t.language,
  subject: t.subject,
  body: t.body,
  version: t.version,
  updated_by: t.updated_by,
  updated_at: iso(t.updated_at)!,
});

export const exampleBody = {
  subject: 'Votre {{vehicle_make}} vous attend',
  body: '<p>Bonjour {{mailing_name}},</p><p>{{business_name}}</p>',
};

export {
  checkTemplate as check,
  checkCompiles,
  tooComplex,
} from '../../../commands/templates/check-template.ts';
