/**
 * Grant scopes: checking one against the store, the DS4P labels it reaches (which decide who must
 * approve it), and whether an approver's edit only narrows it (by grant-opens.ts's definition).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { GrantScope } from '../../../shared/access-types';
import { NtkError } from '../errors';
import { isWholeScope, PSYCHOTHERAPY } from './grant-opens';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A scope in canonical form: sorted unique lists, empty lists dropped. */
export function normalizeScope(s: GrantScope): GrantScope {
  const out: GrantScope = { patientId: s.patientId };
  if (s.encounterId !== undefined) out.encounterId = s.encounterId;
  if (s.from) out.from = s.from;
  if (s.to) out.to = s.to;
  if (s.sectionCodes?.length) out.sectionCodes = [...new Set(s.sectionCodes)].sort();
  if (s.labels?.length) out.labels = [...new Set(s.labels)].sort();
  return out;
}

/** Throws BAD_REQUEST / NOT_FOUND unless the scope names a real patient (and its own encounter) and sane dates. */
export function checkScope(db: Database, s: GrantScope): void {
  if (!db.prepare('SELECT 1 FROM patient WHERE id = ?').get(s.patientId)) throw new NtkError('NOT_FOUND', 'No such patient.');
  if (s.encounterId !== undefined) {
    const e = db.prepare('SELECT patient_id FROM encounter WHERE id = ?').get(s.encounterId) as { patient_id: number } | undefined;
    if (!e || e.patient_id !== s.patientId) throw new NtkError('NOT_FOUND', 'No such encounter for this patient.');
  }
  for (const d of [s.from, s.to]) if (d !== undefined && !ISO_DATE.test(d)) throw new NtkError('BAD_REQUEST', 'Dates are YYYY-MM-DD.');
  if (s.from && s.to && s.from > s.to) throw new NtkError('BAD_REQUEST', 'The date range ends before it starts.');
}

/**
 * The DS4P labels the scope reaches: its explicit labels plus the stored labels of the sections it
 * opens (every section in scope when it names neither sections nor labels).
 */
export function scopeLabels(db: Database, s: GrantScope): string[] {
  const out = new Set<string>(s.labels ?? []);
  const opensSections = !!s.sectionCodes?.length || !s.labels?.length;
  if (opensSections) {
    const where = ['d.patient_id = ?'];
    const args: unknown[] = [s.patientId];
    if (s.encounterId !== undefined) {
      where.push('d.encounter_id = ?');
      args.push(s.encounterId);
    }
    if (s.from) {
      where.push('substr(d.authored_at, 1, 10) >= ?');
      args.push(s.from);
    }
    if (s.to) {
      where.push('substr(d.authored_at, 1, 10) <= ?');
      args.push(s.to);
    }
    if (s.sectionCodes?.length) {
      where.push(`s.loinc IN (${s.sectionCodes.map(() => '?').join(',')})`);
      args.push(...s.sectionCodes);
    }
    const rows = db
      .prepare(`SELECT DISTINCT s.labels_json AS l FROM section s JOIN document d ON d.id = s.document_id WHERE ${where.join(' AND ')}`)
      .all(...args) as Array<{ l: string }>;
    for (const r of rows) for (const l of JSON.parse(r.l) as string[]) out.add(l);
  }
  return [...out].sort();
}

/**
 * True when `narrow` opens nothing `wide` does not, for any document that is or may later be in the
 * store: derived from the one definition of what a scope opens (grant-opens.ts), so that an
 * approver's narrowing can only ever remove. The test suite checks it against that definition on
 * random scopes and items, both ways.
 *  - bounds: every encounter and date `narrow` covers, `wide` covers;
 *  - sections: a whole `narrow` needs a whole `wide`; listed codes need a whole `wide` or the same codes;
 *  - labels: a label `narrow` names opens it in every section, so `wide` must name it too, or be
 *    whole and the label not psychotherapy notes (which a whole scope never opens).
 */
export function isWithin(narrow: GrantScope, wide: GrantScope): boolean {
  if (narrow.patientId !== wide.patientId) return false;
  if (wide.encounterId !== undefined && narrow.encounterId !== wide.encounterId) return false;
  if (wide.from && (!narrow.from || narrow.from < wide.from)) return false;
  if (wide.to && (!narrow.to || narrow.to > wide.to)) return false;
  const wideWhole = isWholeScope(wide);
  if (isWholeScope(narrow)) return wideWhole;
  if (!wideWhole && !(narrow.sectionCodes ?? []).every((c) => wide.sectionCodes?.includes(c))) return false;
  return (narrow.labels ?? []).every((l) => wide.labels?.includes(l) || (wideWhole && l !== PSYCHOTHERAPY));
}
