// A shop's repair orders reach its database in date order: the shop system (DMS) exports them day
// by day and the import appends them. The generator makes each vehicle's history at once, so a
// chunk comes out vehicle by vehicle; before writing, its repair orders (and their lines and
// declined items, which follow their order) are put in the order of their day (closed, else
// opened). Then the visits of a few months are on a few of each chunk's pages, as in a real
// database, instead of on nearly every page of the table (docs/results.md, "Speed").
import type { Chunk } from './generate-chunk.ts';

/** The same chunk with its repair orders, lines and recommendations in date order (stable). */
export function inDateOrder(chunk: Chunk): Chunk {
  const ro = chunk.repairOrders;
  const n = ro.ro_number.length;
  const day = (i: number) => ro.closed_on[i] ?? ro.opened_on[i]!;
  // order[k] = the old index of the k-th repair order by date; position[old] = k.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    day(a) < day(b) ? -1 : day(a) > day(b) ? 1 : a - b,
  );
  const position = new Array<number>(n);
  order.forEach((old, k) => (position[old] = k));
  const pick = <T>(values: readonly T[], indexes: readonly number[]): T[] => indexes.map((i) => values[i]!);
  const repairOrders = Object.fromEntries(
    Object.entries(ro).map(([name, values]) => [name, pick(values as unknown[], order)]),
  ) as Chunk['repairOrders'];

  /** A child table's rows in the order of their repair order's new position (stable), re-pointed. */
  const follow = <C extends { repairOrder: number[] }>(child: C): C => {
    const rows = Array.from({ length: child.repairOrder.length }, (_, i) => i).sort(
      (a, b) => position[child.repairOrder[a]!]! - position[child.repairOrder[b]!]! || a - b,
    );
    const out = Object.fromEntries(
      Object.entries(child).map(([name, values]) => [name, pick(values as unknown[], rows)]),
    ) as C;
    out.repairOrder = out.repairOrder.map((old) => position[old]!);
    return out;
  };
  return {
    ...chunk,
    repairOrders,
    lines: follow(chunk.lines),
    recommendations: follow(chunk.recommendations),
  };
}
