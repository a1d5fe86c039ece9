import { describe, expect, it } from 'vitest';
import { dailyUse, gridStatus, itemLimit, predictItem, predictVehicle } from './predict.ts';
import { DEFAULT_SCHEDULE } from './default-schedule.ts';
import { addMonths, isBirthday, localDateTime } from '../time/dates.ts';

const oil = DEFAULT_SCHEDULE.find((i) => i.code === 'OIL')!;
const brake = DEFAULT_SCHEDULE.find((i) => i.code === 'BRAKE_FLUID')!;

describe('maintenance prediction', () => {
  it('average daily use from the readings; a default per unit with one reading', () => {
    expect(
      dailyUse(
        [
          { on: '2026-01-01', value: 10_000 },
          { on: '2026-01-11', value: 11_000 },
        ],
        'km',
      ),
    ).toBe(100);
    expect(dailyUse([{ on: '2026-01-01', value: 10_000 }], 'km')).toBe(40);
    expect(dailyUse([{ on: '2026-01-01', value: 100 }], 'mi')).toBe(25);
    expect(dailyUse([], 'h')).toBe(1.5);
    expect(itemLimit(oil, 'mi')).toBe(4971);
    expect(itemLimit(oil, 'h')).toBe(250);
  });

  it('distance or time, whichever first', () => {
    const history = {
      unit: 'km' as const,
      deliveryDate: null,
      capturedOn: '2025-01-01',
      readings: [
        { on: '2026-01-01', value: 50_000 },
        { on: '2026-01-11', value: 51_000 },
      ],
      maintenance: [{ on: '2026-01-01', odometer: 50_000, lines: ['Oil and filter change'] }],
    };
    // 100 km/day: 8,000 km from 50,000 → 58,000, 70 days after the 51,000 reading = 2026-03-22 (before 6 months).
    expect(predictItem(oil, history)).toMatchObject({
      lastDoneOn: '2026-01-01',
      nextDueOn: '2026-03-22',
      nextDueOdometer: 58_000,
    });
    // Slow driver: time wins.
    const slow = {
      ...history,
      readings: [
        { on: '2026-01-01', value: 50_000 },
        { on: '2026-01-11', value: 50_100 },
      ],
    };
    expect(predictItem(oil, slow).nextDueOn).toBe('2026-07-01');
    // Never done, time-only item: from the delivery date.
    expect(predictItem(brake, { ...history, deliveryDate: '2024-05-31', maintenance: [] }).nextDueOn).toBe(
      '2027-05-31',
    );
    const v = predictVehicle(DEFAULT_SCHEDULE, history);
    expect(v.nextDueOn).toBe('2026-03-22');
    expect(v.dueItems.map((i) => i.code)).toContain('OIL');
  });

  it('grid status', () => {
    expect(gridStatus('2026-05-01', '2026-05-10')).toBe('overdue');
    expect(gridStatus('2026-05-20', '2026-05-10')).toBe('due_soon');
    expect(gridStatus('2026-09-20', '2026-05-10')).toBe('ok');
    expect(gridStatus(null, '2026-05-10')).toBe('unknown');
  });
});

describe('dates', () => {
  it('months clamp like PostgreSQL; leap birthdays; local dates', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(isBirthday('1980-02-29', '2027-02-28')).toBe(true);
    expect(isBirthday('1980-02-29', '2028-02-28')).toBe(false);
    expect(isBirthday('1980-02-29', '2028-02-29')).toBe(true);
    expect(localDateTime(new Date('2026-03-08T06:59:00Z'), 'America/Toronto')).toEqual({
      date: '2026-03-08',
      hour: 1,
    });
    expect(localDateTime(new Date('2026-03-08T07:00:00Z'), 'America/Toronto')).toEqual({
      date: '2026-03-08',
      hour: 3,
    });
  });
});
