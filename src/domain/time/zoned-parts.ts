// The wall-clock fields of an instant in a time zone, with one Intl formatter per zone: building
// an Intl.DateTimeFormat costs ~0.1 ms (it loads the zone's rules), formatting with one a few
// microseconds, and every API request that shows a local date asks for one.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function zonedParts(at: Date, timeZone: string): Record<string, number> {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone before anything is cached.
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(at)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}
