/** The review date range: local calendar days turned into the ISO instants the calls take. */
export interface DayRange {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const localDay = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export function defaultRange(days = 30): DayRange {
  const to = new Date();
  const from = new Date(to.getTime() - (days - 1) * 86_400_000);
  return { from: localDay(from), to: localDay(to) };
}

/** Start of the first local day to the end of the last, plus the local offset for day grouping. */
export function toRequest(r: DayRange): { from: string; to: string; utcOffsetMinutes: number } {
  const from = new Date(`${r.from}T00:00:00`);
  const to = new Date(`${r.to}T23:59:59.999`);
  return { from: from.toISOString(), to: to.toISOString(), utcOffsetMinutes: -from.getTimezoneOffset() };
}
