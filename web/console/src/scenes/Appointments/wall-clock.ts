// The calendar draws in the browser's clock; appointments live in the location's time zone.
// Showing an instant as the location's wall-clock time keeps 9:00 at 9:00 wherever staff sit.
export function wallClock(iso: string, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(iso));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
}

/** YYYY-MM-DD of a calendar (wall-clock) date. */
export function dayOf(date: Date): string {
  const p = (x: number) => String(x).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}
