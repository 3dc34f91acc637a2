/**
 * The chart as the view builder reads it: stored rows and stored analysis, no text analysis. The
 * loader (chart-reader.ts) fills these from the store; tests and the property test build them in
 * memory. Offsets are UTF-16 indices into the document text.
 */
import type { ActiveGrant } from '../../../../shared/access-types';
import type { IdentifierType } from '../../../../shared/identifier-types';
import type { Purpose } from '../../../../shared/purposes';
import type { Role } from '../../../../shared/roles';
import type { Policy } from '../policy';
import type { Ds4pLabel } from '../types';

export interface StoredIdentifier {
  start: number;
  end: number;
  type: IdentifierType;
  confidence: number;
}

export interface SectionMeta {
  id: number;
  ordinal: number;
  loinc: string;
  labels: Ds4pLabel[];
}

export interface SectionRow extends SectionMeta {
  start: number;
  end: number;
  title: string;
}

export interface DocumentMeta {
  id: number;
  patientId: number;
  encounterId: number | null;
  docType: string | null;
  title: string | null;
  authoredAt: string | null;
  needsReview: boolean;
  /**
   * Labels the document's kind itself carries (its type and title as the source recorded them, e.g. a
   * psychotherapy note): they apply to every section, so a document whose kind may not be seen is
   * masked whole and left out, and a listed document's title and type never need replacing.
   */
  kindLabels: Ds4pLabel[];
  sections: SectionMeta[];
}

export interface DocumentBody {
  text: string;
  identifiers: StoredIdentifier[];
  sections: SectionRow[];
}

export interface EncounterRow {
  id: number;
  patientId: number;
  givenName: string | null;
  familyName: string | null;
  mrn: string | null;
  classCode: string | null;
  type: string | null;
  start: string | null;
  end: string | null;
  attending: string | null;
}

export interface CodedRow {
  system: string;
  code: string;
  display: string | null;
  date: string | null;
  /** DS4P labels of the code (from its code system, or its display for medications). */
  labels: Ds4pLabel[];
}

export interface LabRow extends CodedRow {
  value: string | null;
  unit: string | null;
  flag: string | null;
}

export interface StructuredRows {
  diagnoses: CodedRow[];
  procedures: CodedRow[];
  medications: CodedRow[];
  labs: LabRow[];
}

/** Who asks, for what, and what widens their view. */
export interface ViewRequest {
  policy: Policy;
  purpose: Purpose;
  role: Role;
  userId: number;
  patientId: number;
  encounterId: number;
  /** Labels the task's own codes carry (encounter diagnoses and procedures; a dispute's claim codes). */
  taskLabels: ReadonlySet<Ds4pLabel>;
  /** Active grants of this user; the builder keeps those for this patient and purpose. */
  grants: readonly ActiveGrant[];
}
