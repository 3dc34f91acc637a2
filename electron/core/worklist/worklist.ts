/**
 * The coder's worklist: encounters assigned to the caller or still unassigned, with what a coder
 * sorts by (coding status, dates of service, type, length of stay, payer) and nothing that names
 * the patient. Other coders' assignments are not listed.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { CODING_STATUSES, type CodingStatus, type WorklistRow } from '../../../shared/coder-contract';
import type { Purpose } from '../../../shared/purposes';
import type { Role } from '../../../shared/roles';
import { NtkError } from '../errors';

/**
 * Counts the documents a chart would list (the chart-view service): the worklist's document numbers
 * come from the same visible set as the chart, never from the store's own count, which would show
 * that documents the coder may not see exist.
 */
export interface ListedDocuments {
  listedDocumentCounts(viewer: { userId: number; role: Role }, purpose: Purpose, encounterIds: readonly number[]): Map<number, number>;
}

/** Who lists the worklist, and the purpose its chart would open under (the remembered one, else the dialog's default). */
export interface WorklistViewer {
  userId: number;
  role: Role;
  purpose: Purpose;
}

/** The purpose the purpose dialog offers first (renderer/src/coder/PurposeDialog.tsx). */
export const DEFAULT_CODING_PURPOSE: Purpose = 'inpatient_coding';

/** The worklist's viewer: the purpose the user's charts open under without asking, else the dialog's default. */
export const worklistViewer = (s: { userId: number; role: Role }, remembered: Purpose | null): WorklistViewer => ({
  userId: s.userId,
  role: s.role,
  purpose: remembered ?? DEFAULT_CODING_PURPOSE,
});

export interface WorklistQuery {
  scope: 'mine' | 'available' | 'all';
  status?: CodingStatus[];
  classCode?: string;
  payer?: string;
  search?: string;
  from?: string;
  to?: string;
  limit: number;
}

interface Row {
  encounterId: number;
  classCode: string | null;
  type: string | null;
  start: string | null;
  end: string | null;
  codingStatus: string;
  assignedUserId: number | null;
  openQueries: number;
  payer: string | null;
}

const BASE = `
  SELECT e.id AS encounterId, e.class_code AS classCode, COALESCE(e.type_display, e.type_code) AS type,
         e.period_start AS start, e.period_end AS end, e.coding_status AS codingStatus, e.assigned_user_id AS assignedUserId,
         (SELECT COUNT(*) FROM coding_query q WHERE q.encounter_id = e.id AND q.status IN ('draft', 'sent')) AS openQueries,
         COALESCE(
           (SELECT c.payer_name FROM claim c WHERE c.encounter_id = e.id AND c.payer_name IS NOT NULL ORDER BY c.id LIMIT 1),
           (SELECT cv.payer_name FROM coverage cv WHERE cv.patient_id = e.patient_id AND cv.payer_name IS NOT NULL
              AND (cv.period_start IS NULL OR e.period_start IS NULL OR cv.period_start <= e.period_start)
              ORDER BY cv.period_start DESC LIMIT 1)) AS payer
  FROM encounter e
  WHERE (e.assigned_user_id IS NULL OR e.assigned_user_id = @me)`;

/** Whole days from admission to discharge (dates only); null while open. */
export function lengthOfStay(start: string | null, end: string | null): number | null {
  if (!start || !end) return null;
  const a = Date.parse(start.slice(0, 10));
  const b = Date.parse(end.slice(0, 10));
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return null;
  return Math.round((b - a) / 86_400_000);
}

const toView = (r: Row, me: number, documentCount: number): WorklistRow => ({
  encounterId: r.encounterId,
  classCode: r.classCode,
  type: r.type,
  start: r.start,
  end: r.end,
  lengthOfStay: lengthOfStay(r.start, r.end),
  payer: r.payer,
  codingStatus: (CODING_STATUSES as readonly string[]).includes(r.codingStatus) ? (r.codingStatus as CodingStatus) : 'open',
  assignedToMe: r.assignedUserId === me,
  documentCount,
  openQueries: r.openQueries,
});

/** Whether the encounter is on this user's coding worklist (mine or unassigned), read now. */
export function onCodingWorklist(db: Database, me: number, encounterId: number): boolean {
  return db.prepare(`SELECT 1 FROM (${BASE}) WHERE encounterId = @id`).get({ me, id: encounterId }) !== undefined;
}

export class Worklist {
  constructor(
    private readonly db: Database,
    private readonly listed: ListedDocuments,
  ) {}

  private views(viewer: WorklistViewer, rows: readonly Row[]): WorklistRow[] {
    const counts = this.listed.listedDocumentCounts(viewer, viewer.purpose, rows.map((r) => r.encounterId));
    return rows.map((r) => toView(r, viewer.userId, counts.get(r.encounterId) ?? 0));
  }

  list(viewer: WorklistViewer, q: WorklistQuery): { rows: WorklistRow[]; total: number; payers: string[] } {
    const me = viewer.userId;
    const where: string[] = [];
    const args: Record<string, string | number> = { me };
    if (q.scope === 'mine') where.push('assignedUserId = @me');
    if (q.scope === 'available') where.push('assignedUserId IS NULL');
    if (q.status?.length) {
      where.push(`codingStatus IN (${q.status.map((_, i) => `@st${i}`).join(', ')})`);
      q.status.forEach((s, i) => (args[`st${i}`] = s));
    }
    const add = (clause: string, name: string, value: string | undefined) => {
      if (!value) return;
      where.push(clause);
      args[name] = value;
    };
    add('classCode = @cls', 'cls', q.classCode);
    add('payer = @payer', 'payer', q.payer);
    add("COALESCE(end, start, '9999') >= @from", 'from', q.from);
    add("COALESCE(start, '0000') <= @to", 'to', q.to && `${q.to}T23:59:59.999Z`);
    if (q.search) {
      where.push("(CAST(encounterId AS TEXT) = @exact OR type LIKE @like ESCAPE '\\' OR payer LIKE @like ESCAPE '\\')");
      args.exact = q.search.replace(/^#/, '');
      args.like = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    const filtered = `SELECT * FROM (${BASE}) ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM (${filtered})`).get(args) as { n: number }).n;
    const rows = this.db
      .prepare(`${filtered} ORDER BY CASE codingStatus WHEN 'in_progress' THEN 0 WHEN 'open' THEN 1 ELSE 2 END, end IS NULL DESC, end DESC, encounterId DESC LIMIT @limit`)
      .all({ ...args, limit: q.limit }) as Row[];
    const payers = (this.db.prepare(`SELECT DISTINCT payer FROM (${BASE}) WHERE payer IS NOT NULL ORDER BY payer`).all({ me }) as Array<{ payer: string }>).map((p) => p.payer);
    return { rows: this.views(viewer, rows), total, payers };
  }

  one(viewer: WorklistViewer, encounterId: number): WorklistRow {
    const r = this.db.prepare(`SELECT * FROM (${BASE}) WHERE encounterId = @id`).get({ me: viewer.userId, id: encounterId }) as Row | undefined;
    if (!r) throw new NtkError('NOT_FOUND', 'No such encounter on your worklist.');
    return this.views(viewer, [r])[0]!;
  }

  /** Whether the encounter is on this user's worklist (mine or unassigned): what a chart may be opened for. */
  has(me: number, encounterId: number): boolean {
    return onCodingWorklist(this.db, me, encounterId);
  }

  /** Takes an unassigned encounter (it becomes in progress), or gives one of mine back. */
  claim(viewer: WorklistViewer, encounterId: number, release: boolean): WorklistRow {
    const me = viewer.userId;
    const current = this.one(viewer, encounterId);
    if (release) {
      if (!current.assignedToMe) throw new NtkError('CONFLICT', 'This encounter is not assigned to you.');
      this.db.prepare('UPDATE encounter SET assigned_user_id = NULL WHERE id = ?').run(encounterId);
    } else {
      this.db
        .prepare("UPDATE encounter SET assigned_user_id = ?, coding_status = CASE coding_status WHEN 'open' THEN 'in_progress' ELSE coding_status END WHERE id = ?")
        .run(me, encounterId);
    }
    return this.one(viewer, encounterId);
  }
}
