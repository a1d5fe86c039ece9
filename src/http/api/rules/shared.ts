// Schemas and helpers shared by the routes of this folder (one route per file).
import { z } from 'zod';
import { kindSpec } from '../../../domain/messages/kinds.ts';

export const ruleOut = z.object({
  kind: z.string(),
  label: z.string(),
  channel: z.string(),
  days: z.number(),
  interval_days: z.number().nullable(),
  dead_days: z.number().nullable(),
  priority: z.number(),
  /** Order of the kind's channels at the location (1 first); null: the default (email, text, postcard). */
  channel_rank: z.number().nullable(),
});

export type RuleRow = {
  kind: string;
  channel: string;
  days: number;
  interval_days: number | null;
  dead_days: number | null;
  priority: number;
  channel_rank: number | null;
};

export const present = (r: RuleRow) => ({
  kind: r.kind,
  label: kindSpec(r.kind).label,
  channel: r.channel,
  days: r.days,
  interval_days: r.interval_days,
  dead_days: r.dead_days,
  priority: r.priority,
  channel_rank: r.channel_rank,
});
