/**
 * Unusual-access flags for the privacy officer (pure: crafted events in, flags out):
 *  - volume:          a user touched far more patients in a day than on their own other active days;
 *  - after-hours:     patient access outside business hours or on a weekend (local time);
 *  - same-last-name:  a user opened a patient who shares their last name;
 *  - vip / employee:  access to a patient flagged VIP or EMPLOYEE (patient.flags_json);
 *  - masked-requests: many requests to see masked sections (or break-glass) in one day.
 * Flags carry ids, counts and seq numbers, never a name: the panel says why, the log says what.
 */
import { isPatientAccess, localParts, MASKED_REQUEST_EVENTS, type ReviewEvent, type ReviewPatient, type ReviewUser } from './events';

export type FlagKind = 'volume' | 'after-hours' | 'same-last-name' | 'vip' | 'employee' | 'masked-requests';

export interface AccessFlag {
  kind: FlagKind;
  userId: number;
  username: string;
  /** For patient-specific flags. */
  patientId: number | null;
  /** Local day of the first event (volume, after-hours, masked-requests are per day). */
  day: string;
  count: number;
  /** Volume: the user's median distinct patients per active day, other days. */
  baseline: number | null;
  /** Up to 20 audit records behind the flag. */
  seqs: number[];
  why: string;
}

export interface FlagOptions {
  users: Map<number, ReviewUser>;
  patients: Map<number, ReviewPatient>;
  utcOffsetMinutes: number;
  /** Local business hours [start, end) on weekdays. */
  businessHours?: { start: number; end: number };
  volume?: { factor: number; minimum: number; minBaselineDays: number };
  maskedRequestsPerDay?: number;
  /** Only flags whose day is within [fromDay, toDay] are reported (the rest of the events is baseline). */
  fromDay?: string;
  toDay?: string;
}

const DEFAULTS = { businessHours: { start: 7, end: 19 }, volume: { factor: 3, minimum: 10, minBaselineDays: 3 }, maskedRequestsPerDay: 5 };

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export const lastNameOf = (displayName: string): string => {
  const parts = displayName.trim().split(/\s+/);
  return (parts.at(-1) ?? '').toLowerCase();
};

class Groups {
  readonly map = new Map<string, { kind: FlagKind; e: ReviewEvent; day: string; patientId: number | null; count: number; seqs: number[]; patients: Set<number> }>();
  add(key: string, kind: FlagKind, e: ReviewEvent, day: string, patientId: number | null): void {
    let g = this.map.get(key);
    if (!g) this.map.set(key, (g = { kind, e, day, patientId, count: 0, seqs: [], patients: new Set() }));
    g.count++;
    if (g.seqs.length < 20) g.seqs.push(e.seq);
    if (e.patientId !== null) g.patients.add(e.patientId);
  }
}

export function unusualAccessFlags(events: readonly ReviewEvent[], o: FlagOptions): AccessFlag[] {
  const hours = o.businessHours ?? DEFAULTS.businessHours;
  const vol = o.volume ?? DEFAULTS.volume;
  const maskedLimit = o.maskedRequestsPerDay ?? DEFAULTS.maskedRequestsPerDay;
  const inRange = (day: string) => (!o.fromDay || day >= o.fromDay) && (!o.toDay || day <= o.toDay);
  const groups = new Groups();
  // userId -> day -> distinct patients (and the events, for seqs)
  const perDay = new Map<number, Map<string, { patients: Set<number>; seqs: number[]; username: string }>>();
  const masked = new Groups();

  for (const e of events) {
    if (e.userId === null) continue;
    const { day, hour, weekday } = localParts(e.recordedAt, o.utcOffsetMinutes);
    if (MASKED_REQUEST_EVENTS.has(e.eventType)) masked.add(`${e.userId}|${day}`, 'masked-requests', e, day, null);
    if (!isPatientAccess(e)) continue;
    const pid = e.patientId!;
    let days = perDay.get(e.userId);
    if (!days) perDay.set(e.userId, (days = new Map()));
    let d = days.get(day);
    if (!d) days.set(day, (d = { patients: new Set(), seqs: [], username: e.username ?? '' }));
    d.patients.add(pid);
    if (d.seqs.length < 20) d.seqs.push(e.seq);
    if (!inRange(day)) continue;

    const afterHours = weekday === 0 || weekday === 6 || hour < hours.start || hour >= hours.end;
    if (afterHours) groups.add(`after|${e.userId}|${day}`, 'after-hours', e, day, null);
    const patient = o.patients.get(pid);
    const user = o.users.get(e.userId);
    if (patient?.familyName && user && lastNameOf(user.displayName) === patient.familyName.trim().toLowerCase()) {
      groups.add(`name|${e.userId}|${pid}`, 'same-last-name', e, day, pid);
    }
    if (patient?.flags.includes('VIP')) groups.add(`vip|${e.userId}|${pid}`, 'vip', e, day, pid);
    if (patient?.flags.includes('EMPLOYEE')) groups.add(`emp|${e.userId}|${pid}`, 'employee', e, day, pid);
  }

  const flags: AccessFlag[] = [];
  for (const g of groups.map.values()) {
    const base = { userId: g.e.userId!, username: g.e.username ?? '', day: g.day, count: g.count, baseline: null, seqs: g.seqs };
    if (g.kind === 'after-hours') flags.push({ ...base, kind: g.kind, patientId: null, why: `${g.count} patient access event(s) on ${g.patients.size} patient(s) outside ${hours.start}:00–${hours.end}:00 on weekdays` });
    if (g.kind === 'same-last-name') flags.push({ ...base, kind: g.kind, patientId: g.patientId, why: `The user opened a patient who shares their last name (${g.count} event(s))` });
    if (g.kind === 'vip') flags.push({ ...base, kind: g.kind, patientId: g.patientId, why: `Access to a VIP patient (${g.count} event(s))` });
    if (g.kind === 'employee') flags.push({ ...base, kind: g.kind, patientId: g.patientId, why: `Access to an employee's chart (${g.count} event(s))` });
  }
  for (const g of masked.map.values()) {
    if (g.count >= maskedLimit && inRange(g.day)) {
      flags.push({ kind: 'masked-requests', userId: g.e.userId!, username: g.e.username ?? '', patientId: null, day: g.day, count: g.count, baseline: null, seqs: g.seqs, why: `${g.count} requests for masked sections or break-glass in one day (threshold ${maskedLimit})` });
    }
  }
  for (const [userId, days] of perDay) {
    if (days.size < vol.minBaselineDays + 1) continue;
    for (const [day, d] of days) {
      if (!inRange(day)) continue;
      const others = [...days].filter(([k]) => k !== day).map(([, v]) => v.patients.size);
      const baseline = median(others);
      const n = d.patients.size;
      if (n >= vol.minimum && n >= vol.factor * Math.max(baseline, 1)) {
        flags.push({ kind: 'volume', userId, username: d.username, patientId: null, day, count: n, baseline, seqs: d.seqs, why: `${n} patients in one day against a usual ${baseline} (median of ${others.length} other active days)` });
      }
    }
  }
  const order: FlagKind[] = ['volume', 'vip', 'employee', 'same-last-name', 'masked-requests', 'after-hours'];
  return flags.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || b.day.localeCompare(a.day) || a.userId - b.userId);
}
