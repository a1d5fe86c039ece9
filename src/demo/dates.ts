// Calendar days as integers (days since 1970-01-01, UTC) so the generator does date arithmetic
// without time zones; DATE columns get 'YYYY-MM-DD'.
const DAY = 86_400_000;

export function toDay(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
}

export function fromDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

export function yearOf(day: number): number {
  return new Date(day * DAY).getUTCFullYear();
}

/** 0 = Sunday. */
export function weekdayOf(day: number): number {
  return new Date(day * DAY).getUTCDay();
}
