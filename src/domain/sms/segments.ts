// How many SMS segments a text costs: GSM-7 fits 160 characters in one segment and 153 per segment
// when split; one character outside GSM 03.38 (ê, ç, an emoji…) switches the whole text to UCS-2,
// 70 and 67. Counted by Twilio's own calculator (sms-segments-calculator), which also knows the
// GSM extension characters (€, [, ~) that take two units.
import { SegmentedMessage } from 'sms-segments-calculator';

export type TextEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: TextEncoding;
  segments: number;
  characters: number;
  /** Characters that forced UCS-2 (empty for GSM-7). */
  nonGsm: string[];
}

export function countSegments(body: string): SegmentCount {
  const m = new SegmentedMessage(body, 'auto');
  const encoding = m.getEncodingName() === 'UCS-2' ? 'UCS-2' : 'GSM-7';
  return {
    encoding,
    segments: body === '' ? 0 : m.segmentsCount,
    characters: m.numberOfCharacters,
    nonGsm: encoding === 'UCS-2' ? [...new Set(m.getNonGsmCharacters())] : [],
  };
}
