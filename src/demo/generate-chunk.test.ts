// The generator alone (no database): odometers that only go up, at a believable daily use, and
// the same data for the same seed however the customers are chunked.
import { describe, expect, it } from 'vitest';
import { toDay } from './dates.ts';
import { inDateOrder } from './date-order.ts';
import { generateChunk, type Chunk } from './generate-chunk.ts';
import { demoCity } from './load-demo.ts';

const TODAY = '2026-03-02';
const chunkOf = (locationIndex: number, first: number, count: number, seed = 's1') =>
  generateChunk({ seed, locationIndex, city: demoCity(locationIndex), first, count, today: TODAY });

/** Per vehicle, its [date, value] pairs in the order written (visits are generated in date order). */
function byVehicle(
  vehicles: number[],
  dates: (string | null)[],
  values: number[],
): Map<number, [string, number][]> {
  const out = new Map<number, [string, number][]>();
  vehicles.forEach((v, i) => {
    const list = out.get(v) ?? [];
    list.push([dates[i]!, values[i]!]);
    out.set(v, list);
  });
  return out;
}

function decreases(series: Map<number, [string, number][]>): string[] {
  const bad: string[] = [];
  for (const [vehicle, list] of series) {
    const sorted = [...list].sort((a, b) => a[0].localeCompare(b[0]));
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]![1] <= sorted[i - 1]![1])
        bad.push(`vehicle ${vehicle}: ${sorted[i - 1]!.join(' ')} then ${sorted[i]!.join(' ')}`);
    }
  }
  return bad;
}

describe('demo chunk generator', () => {
  // Montréal (km) and Miami (miles), 2,000 customers each.
  const chunks: Chunk[] = [chunkOf(0, 0, 2000), chunkOf(2, 0, 2000)];

  it('never lets an odometer go down: readings and repair orders, per vehicle, by date', () => {
    let multiVisit = 0;
    for (const chunk of chunks) {
      const readings = byVehicle(chunk.odometer.vehicle, chunk.odometer.read_on, chunk.odometer.value);
      const orders = byVehicle(
        chunk.repairOrders.vehicle,
        chunk.repairOrders.opened_on,
        chunk.repairOrders.odometer,
      );
      multiVisit += [...orders.values()].filter((l) => l.length > 1).length;
      expect(decreases(readings)).toEqual([]);
      expect(decreases(orders)).toEqual([]);
      expect(chunk.odometer.value.filter((v) => v <= 0)).toEqual([]);
    }
    expect(multiVisit).toBeGreaterThan(2000);
  });

  it('keeps the daily use believable (15 to 90 km a day, ±15 %, in miles in the US)', () => {
    for (const [index, chunk] of chunks.entries()) {
      const unit = chunk.vehicles.usage_unit[0];
      expect(unit).toBe(index === 0 ? 'km' : 'mi');
      const orders = byVehicle(
        chunk.repairOrders.vehicle,
        chunk.repairOrders.opened_on,
        chunk.repairOrders.odometer,
      );
      const perUnit = unit === 'mi' ? 0.62 : 1;
      const outside: string[] = [];
      let steps = 0;
      for (const list of orders.values()) {
        for (let i = 1; i < list.length; i++) {
          const days = toDay(list[i]![0]) - toDay(list[i - 1]![0]);
          const perDay = (list[i]![1] - list[i - 1]![1]) / days;
          steps++;
          if (perDay < 15 * perUnit * 0.85 - 0.5 / days || perDay > 90 * perUnit * 1.15 + 0.5 / days)
            outside.push(`${list[i]!.join(' ')}: ${perDay}/day`);
        }
      }
      expect(steps).toBeGreaterThan(5000);
      expect(outside).toEqual([]);
    }
  });

  it('is deterministic: same seed, same chunk; chunk size does not matter; another seed differs', () => {
    expect(chunkOf(0, 0, 300)).toEqual(chunkOf(0, 0, 300));
    const whole = chunkOf(0, 0, 300);
    const first = chunkOf(0, 0, 120);
    const second = chunkOf(0, 120, 180);
    expect([...first.repairOrders.odometer, ...second.repairOrders.odometer]).toEqual(
      whole.repairOrders.odometer,
    );
    expect([...first.vehicles.vin, ...second.vehicles.vin]).toEqual(whole.vehicles.vin);
    expect([...first.odometer.read_on, ...second.odometer.read_on]).toEqual(whole.odometer.read_on);
    expect(chunkOf(0, 0, 300, 's2').vehicles.vin).not.toEqual(whole.vehicles.vin);
  });

  it('writes repair orders in date order, each keeping its own lines and declined items', () => {
    const chunk = chunkOf(0, 0, 300);
    const sorted = inDateOrder(chunk);
    const day = (c: Chunk, i: number) => c.repairOrders.closed_on[i] ?? c.repairOrders.opened_on[i]!;
    const days = sorted.repairOrders.ro_number.map((_, i) => day(sorted, i));
    expect(days).toEqual([...days].sort());
    expect(days[0]! < days[days.length - 1]!).toBe(true);
    // The same rows, each child still under its repair order (looked up by its RO number).
    const rowsOf = (c: Chunk) => ({
      orders: c.repairOrders.ro_number
        .map((n, i) => `${n} ${day(c, i)} ${c.repairOrders.total_amount[i]} v${c.repairOrders.vehicle[i]}`)
        .sort(),
      lines: c.lines.repairOrder
        .map((r, i) => `${c.repairOrders.ro_number[r]} ${c.lines.line_no[i]} ${c.lines.description[i]}`)
        .sort(),
      recommendations: c.recommendations.repairOrder
        .map((r, i) => `${c.repairOrders.ro_number[r]} ${c.recommendations.description[i]}`)
        .sort(),
    });
    expect(rowsOf(sorted)).toEqual(rowsOf(chunk));
    // Lines follow their repair orders' order.
    expect(sorted.lines.repairOrder).toEqual([...sorted.lines.repairOrder].sort((a, b) => a - b));
    expect(sorted.customers).toBe(chunk.customers);
  });
});
