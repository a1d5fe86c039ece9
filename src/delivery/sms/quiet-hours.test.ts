import { describe, expect, it } from 'vitest';
import { nextTextTime } from './quiet-hours.ts';

const toronto = { timeZone: 'America/Toronto', sendFromHour: 9, sendUntilHour: 20 };

describe('quiet hours', () => {
  it('a text due inside 9:00–20:00 local goes at once', () => {
    const at = new Date('2026-12-04T15:00:00Z'); // 10:00 EST
    expect(nextTextTime(at, toronto)).toEqual(at);
  });

  it('before 9:00 it waits for 9:00 the same day; at or after 20:00 for 9:00 the next day', () => {
    expect(nextTextTime(new Date('2026-12-04T12:30:00Z'), toronto)).toEqual(new Date('2026-12-04T14:00:00Z'));
    expect(nextTextTime(new Date('2026-12-05T01:00:00Z'), toronto)).toEqual(new Date('2026-12-05T14:00:00Z'));
    expect(nextTextTime(new Date('2026-12-04T04:59:00Z'), toronto)).toEqual(new Date('2026-12-04T14:00:00Z'));
  });

  it('on DST days the next allowed time is 9:00 local wall clock', () => {
    // Spring forward, Sunday 2026-03-08 (02:00 → 03:00): 21:00 EST on the 7th waits until 9:00 EDT (13:00Z).
    expect(nextTextTime(new Date('2026-03-08T02:00:00Z'), toronto)).toEqual(new Date('2026-03-08T13:00:00Z'));
    // 02:30 local does not exist on that day; 07:30Z is 03:30 EDT: still quiet, 9:00 EDT.
    expect(nextTextTime(new Date('2026-03-08T07:30:00Z'), toronto)).toEqual(new Date('2026-03-08T13:00:00Z'));
    // Fall back, Sunday 2026-11-01 (02:00 → 01:00): 01:30 happens twice; both wait until 9:00 EST (14:00Z).
    expect(nextTextTime(new Date('2026-11-01T05:30:00Z'), toronto)).toEqual(new Date('2026-11-01T14:00:00Z'));
    expect(nextTextTime(new Date('2026-11-01T06:30:00Z'), toronto)).toEqual(new Date('2026-11-01T14:00:00Z'));
    // 19:59 EST on the fall-back day is still allowed; 20:00 EST is not.
    expect(nextTextTime(new Date('2026-11-02T00:59:00Z'), toronto)).toEqual(new Date('2026-11-02T00:59:00Z'));
    expect(nextTextTime(new Date('2026-11-02T01:00:00Z'), toronto)).toEqual(new Date('2026-11-02T14:00:00Z'));
  });

  it('follows the location: Winnipeg and its own hours', () => {
    const wpg = { timeZone: 'America/Winnipeg', sendFromHour: 12, sendUntilHour: 18 };
    // 11:30 CST waits until 12:00 CST.
    expect(nextTextTime(new Date('2026-12-04T17:30:00Z'), wpg)).toEqual(new Date('2026-12-04T18:00:00Z'));
  });
});
