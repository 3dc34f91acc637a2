/**
 * How the queries module sees chart text: only through the current role-scoped view of the caller's
 * session. The view builder (electron/core/redaction/views/) implements it; queries never read
 * section text from the store themselves.
 */
import type { Session } from '../auth/sessions';

/** A section's stored address: stable across sessions (handles are per session). */
export interface SectionAddress {
  documentId: number;
  sectionOrdinal: number;
}

export interface ResolvedSection extends SectionAddress {
  encounterId: number | null;
  patientId: number;
}

/** A section as the session's current view shows it. */
export interface CurrentSection {
  /** The visible text (identifiers replaced or generalized as the policy says). */
  text: string;
  /** DS4P labels of the section (shown because the section is visible to this user). */
  labels: readonly string[];
  sectionTitle: string;
  documentTitle: string;
  date: string | null;
}

export interface SectionSource {
  /** The stored address of a section handle of this session, only while that section is visible to it. */
  resolveHandle(session: Session, handle: string): ResolvedSection | null;
  /** The section in the chart of `encounterId` under this session's current purpose and grants, or null when it is masked or out of scope now. */
  current(session: Session, address: SectionAddress, encounterId: number): CurrentSection | null;
}
