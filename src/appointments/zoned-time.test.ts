import { describe, expect, it } from 'vitest';
import { localDate, weekday, zonedTime } from './zoned-time.ts';

describe('zoned time', () => {
  it('converts wall-clock time to instants across DST', () => {
    expect(zonedTime('2026-01-15', '08:00', 'America/Toronto').toISOString()).toBe(
      '2026-01-15T13:00:00.000Z',
    );
    expect(zonedTime('2026-07-15', '08:00', 'America/Toronto').toISOString()).toBe(
      '2026-07-15T12:00:00.000Z',
    );
    expect(zonedTime('2026-03-08', '08:00', 'America/Toronto').toISOString()).toBe(
      '2026-03-08T12:00:00.000Z',
    );
    expect(zonedTime('2026-07-15', '08:00', 'Europe/Paris').toISOString()).toBe('2026-07-15T06:00:00.000Z');
  });
  it('gives the local date and weekday', () => {
    expect(localDate(new Date('2026-03-10T03:00:00Z'), 'America/Toronto')).toBe('2026-03-09');
    expect(weekday('2026-03-08')).toBe(0);
  });
});
