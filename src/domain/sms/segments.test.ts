import { describe, expect, it } from 'vitest';
import { countSegments } from './segments.ts';

describe('segment count', () => {
  it('GSM-7: 160 characters in one segment, 153 per segment beyond', () => {
    expect(countSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(countSegments('a'.repeat(161))).toMatchObject({ encoding: 'GSM-7', segments: 2 });
    expect(countSegments('a'.repeat(306))).toMatchObject({ encoding: 'GSM-7', segments: 2 });
    expect(countSegments('a'.repeat(307))).toMatchObject({ encoding: 'GSM-7', segments: 3 });
  });

  it('one accent outside GSM-7 switches the whole text to UCS-2: 70, then 67 per segment', () => {
    const fr = `Répondez ARRÊT ${'a'.repeat(55)}`; // é is in GSM-7, Ê is not
    expect(fr.length).toBe(70);
    expect(countSegments(fr)).toMatchObject({ encoding: 'UCS-2', segments: 1, nonGsm: ['Ê'] });
    expect(countSegments(`${fr}a`)).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    expect(countSegments('ê'.repeat(134))).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    expect(countSegments('ê'.repeat(135))).toMatchObject({ encoding: 'UCS-2', segments: 3 });
    // The same text without the circumflex stays GSM-7 and fits one segment with room to spare.
    expect(countSegments(fr.replace('Ê', 'E'))).toMatchObject({ encoding: 'GSM-7', segments: 1, nonGsm: [] });
  });

  it('GSM extension characters (€, [, ~) take two units', () => {
    expect(countSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(countSegments('€'.repeat(81))).toMatchObject({ encoding: 'GSM-7', segments: 2 });
  });
});
