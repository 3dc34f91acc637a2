/** A per-user access timeline: what one user did, day by day, in local time. */
import { isPatientAccess, localParts, type ReviewEvent } from './events';

export interface TimelineDay {
  day: string;
  events: number;
  patientAccess: number;
  patients: number;
  afterHours: number;
  denied: number;
  /** Event counts by type, most frequent first. */
  byType: Array<{ eventType: string; count: number }>;
  /** Local hours (0-23) with any event, and how many. */
  hours: number[];
}

export function userTimeline(events: readonly ReviewEvent[], userId: number, o: { utcOffsetMinutes: number; businessHours?: { start: number; end: number } }): TimelineDay[] {
  const hours = o.businessHours ?? { start: 7, end: 19 };
  const days = new Map<string, { events: number; access: number; patients: Set<number>; after: number; denied: number; types: Map<string, number>; hours: number[] }>();
  for (const e of events) {
    if (e.userId !== userId) continue;
    const { day, hour, weekday } = localParts(e.recordedAt, o.utcOffsetMinutes);
    let d = days.get(day);
    if (!d) days.set(day, (d = { events: 0, access: 0, patients: new Set(), after: 0, denied: 0, types: new Map(), hours: Array(24).fill(0) }));
    d.events++;
    d.hours[hour]!++;
    d.types.set(e.eventType, (d.types.get(e.eventType) ?? 0) + 1);
    if (e.outcome !== 'success') d.denied++;
    if (isPatientAccess(e)) {
      d.access++;
      d.patients.add(e.patientId!);
      if (weekday === 0 || weekday === 6 || hour < hours.start || hour >= hours.end) d.after++;
    }
  }
  return [...days]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([day, d]) => ({
      day,
      events: d.events,
      patientAccess: d.access,
      patients: d.patients.size,
      afterHours: d.after,
      denied: d.denied,
      byType: [...d.types].map(([eventType, count]) => ({ eventType, count })).sort((a, b) => b.count - a.count || a.eventType.localeCompare(b.eventType)),
      hours: d.hours,
    }));
}
