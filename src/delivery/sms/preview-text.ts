// A text as a customer would get it, with sample data (the location's own name and phone), and
// what it costs: GSM-7 or UCS-2 and the number of segments. The short link is a sample of the
// same length as a real one.
import type { Location } from '../../db/schema.ts';
import type { Language } from '../../domain/language.ts';
import { countSegments, type SegmentCount } from '../../domain/sms/segments.ts';
import { deriveKeys } from '../../security/keys.ts';
import { buildMergeData } from '../merge/build-merge-data.ts';
import { sampleMergeInput } from '../templates/preview.ts';
import { renderText } from './text-templates.ts';

const PREVIEW_KEYS = deriveKeys('0'.repeat(64));

export interface TextPreview extends SegmentCount {
  body: string;
}

export function previewText(req: {
  kind: string;
  language: Language;
  location?: Location;
  override?: string | null;
  publicUrl: string;
  now: Date;
}): TextPreview {
  const data = buildMergeData(sampleMergeInput(req.kind, req.language, req.now, req.location), {
    publicUrl: req.publicUrl,
    keys: PREVIEW_KEYS,
    now: req.now,
  });
  data.short_link = `${req.publicUrl}/t/${req.location?.org_id ?? 0}/Sample0K`;
  const body = renderText({ kind: req.kind, language: req.language, override: req.override ?? null }, data);
  return { body, ...countSegments(body) };
}
