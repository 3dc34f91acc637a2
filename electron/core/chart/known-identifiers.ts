/**
 * What the store knows about a patient and their care team, gathered for chart-aware identifier
 * detection (redaction/identifiers/chart-known.ts, which stays pure):
 *
 * - the patient: name, MRN, birth date, address, phone, contacts (relatives, guardians), member ids
 *   (coverage, claims, 835s), claim numbers, the names an 835 used (NM1*QC);
 * - the care team: practitioners who attended the patient's encounters, wrote their documents or
 *   billed/rendered their claims (by NPI), the organizations of their encounters and claims and the
 *   payees of their remittances (payers are not the care team and their names are not PHI);
 * - everyone else the store knows (other patients and their contacts, every practitioner), looked
 *   for as full names only: a person's name is PHI wherever it appears.
 *
 * `sha` hashes the patient's own part (not the store-wide one): a document analysed with another
 * sha is re-analysed (ChartWriter.settle, core/reanalysis/). A new person elsewhere in the store does
 * not re-analyse old documents; they pick the name up at their next re-analysis.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { StatementCache } from '../db/statements';
import { ChartKnownMatcher, type KnownIdentifiers, type KnownName, type KnownPerson } from '../redaction/identifiers/chart-known';
import { defaultLexicon } from '../redaction/identifiers/lexicon';

export interface PatientKnown {
  known: KnownIdentifiers;
  /** Hash of `known` (the patient's own part). */
  sha: string;
  /** The patient's own matcher on top of the store-wide one: pass as `known` to the finder. */
  matcher: ChartKnownMatcher;
}

export interface StoredContact {
  given?: string | null;
  family?: string | null;
  full?: string | null;
  relationship?: string | null;
  phone?: string | null;
}

interface PatientRow {
  mrn: string | null;
  given_name: string | null;
  family_name: string | null;
  birth_date: string | null;
  address_line: string | null;
  city: string | null;
  postal_code: string | null;
  phone: string | null;
  contacts_json: string;
}

const isCommonWord = (w: string): boolean => {
  const lex = defaultLexicon();
  return lex.commonWords.has(w) || lex.clinicalStop.has(w);
};

const distinct = (xs: ReadonlyArray<string | null | undefined>): string[] => [...new Set(xs.filter((x): x is string => !!x && !!x.trim()).map((x) => x.trim()))].sort();

function contactsOf(json: string): StoredContact[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v.filter((c) => c && typeof c === 'object') as StoredContact[]) : [];
  } catch {
    return [];
  }
}

const nameOf = (c: { given?: string | null; family?: string | null; full?: string | null }): KnownName => ({ given: c.given ?? null, family: c.family ?? null, full: c.full ?? null });

/** One per database: statements, and the store-wide matcher (built on first use, grown as people are written). */
export class KnownIdentifierSource {
  private readonly stmts: StatementCache;
  private everyone: ChartKnownMatcher | undefined;

  constructor(readonly db: Database) {
    this.stmts = new StatementCache(db);
  }

  private all<T>(sql: string, ...args: unknown[]): T[] {
    return this.stmts.get(sql).all(...args) as T[];
  }

  /** The record for one patient (their own part only). Null when there is no such patient. */
  gather(patientId: number): KnownIdentifiers | null {
    const p = this.stmts
      .get('SELECT mrn, given_name, family_name, birth_date, address_line, city, postal_code, phone, contacts_json FROM patient WHERE id = ?')
      .get(patientId) as PatientRow | undefined;
    if (!p) return null;
    const col = <T extends string>(sql: string, key: T): string[] => distinct(this.all<Record<T, string | null>>(sql, { p: patientId }).map((r) => r[key]));
    const memberIds = col(
      `SELECT member_id AS v FROM coverage WHERE patient_id = @p UNION SELECT member_id FROM claim WHERE patient_id = @p
       UNION SELECT member_id FROM remit_claim WHERE patient_id = @p`,
      'v',
    );
    const claimNumbers = col(
      `SELECT claim_number AS v FROM claim WHERE patient_id = @p UNION SELECT claim_number FROM remit_claim WHERE patient_id = @p
       UNION SELECT payer_claim_control FROM remit_claim WHERE patient_id = @p`,
      'v',
    );
    const aliases = col('SELECT DISTINCT patient_name AS v FROM remit_claim WHERE patient_id = @p', 'v').map((full) => ({ full }));
    const npis = col(
      `SELECT billing_npi AS v FROM claim WHERE patient_id = @p UNION SELECT rendering_npi FROM claim WHERE patient_id = @p
       UNION SELECT l.rendering_npi FROM claim_line l JOIN claim c ON c.id = l.claim_id WHERE c.patient_id = @p
       UNION SELECT rendering_npi FROM remit_claim WHERE patient_id = @p`,
      'v',
    );
    const npiList = JSON.stringify(npis);
    const practitioners = this.all<{ name: string | null; npi: string | null }>(
      `SELECT DISTINCT name, npi FROM practitioner
       WHERE id IN (SELECT attending_id FROM encounter WHERE patient_id = @p UNION SELECT author_id FROM document WHERE patient_id = @p)
          OR npi IN (SELECT value FROM json_each(@npis))
       ORDER BY name`,
      { p: patientId, npis: npiList },
    );
    const organizations = distinct([
      ...this.all<{ name: string | null }>(
        `SELECT name FROM organization
         WHERE (kind IS NULL OR kind <> 'payer')
           AND (id IN (SELECT facility_id FROM encounter WHERE patient_id = @p) OR npi IN (SELECT value FROM json_each(@npis)))`,
        { p: patientId, npis: npiList },
      ).map((r) => r.name),
      ...this.all<{ name: string | null }>(
        'SELECT DISTINCT r.payee_name AS name FROM remittance r JOIN remit_claim rc ON rc.remittance_id = r.id WHERE rc.patient_id = @p',
        { p: patientId },
      ).map((r) => r.name),
    ]);
    const contacts: KnownPerson[] = contactsOf(p.contacts_json).map((c) => ({ name: nameOf(c), phones: distinct([c.phone]) }));
    return {
      patient: {
        name: { given: p.given_name, family: p.family_name },
        mrns: distinct([p.mrn]),
        memberIds,
        birthDates: distinct([p.birth_date]),
        phones: distinct([p.phone]),
        address: { line: p.address_line, city: p.city, postalCode: p.postal_code },
        claimNumbers,
        aliases,
      },
      contacts,
      careTeam: {
        practitioners: practitioners.filter((r) => r.name).map((r) => ({ full: r.name })),
        organizations,
        npis: distinct([...npis, ...practitioners.map((r) => r.npi)]),
      },
    };
  }

  /** The patient's record, its hash and a matcher over it and everyone else. Null when there is no such patient. */
  forPatient(patientId: number): PatientKnown | null {
    const known = this.gather(patientId);
    if (!known) return null;
    return { known, sha: knownSha(known), matcher: new ChartKnownMatcher(known, { isCommonWord }, this.storeWide()) };
  }

  /** The hash alone (cheaper than a matcher: for finding documents analysed with an older record). */
  shaOf(patientId: number): string | null {
    const known = this.gather(patientId);
    return known ? knownSha(known) : null;
  }

  /** A person written to the store (patient or practitioner): looked for everywhere from now on. */
  notePerson(name: KnownName, kind: 'person' | 'practitioner'): void {
    this.everyone?.addOthers(kind === 'person' ? { people: [name] } : { practitioners: [name] });
  }

  private storeWide(): ChartKnownMatcher {
    if (!this.everyone) {
      const people: KnownName[] = [];
      for (const r of this.all<{ given_name: string | null; family_name: string | null; contacts_json: string }>(
        'SELECT given_name, family_name, contacts_json FROM patient WHERE given_name IS NOT NULL OR family_name IS NOT NULL',
      )) {
        people.push({ given: r.given_name, family: r.family_name });
        for (const c of contactsOf(r.contacts_json)) people.push(nameOf(c));
      }
      const practitioners = this.all<{ name: string }>('SELECT DISTINCT name FROM practitioner WHERE name IS NOT NULL').map((r) => ({ full: r.name }));
      this.everyone = new ChartKnownMatcher({ others: { people, practitioners } }, { isCommonWord });
    }
    return this.everyone;
  }
}

export function knownSha(known: KnownIdentifiers): string {
  return createHash('sha256').update(JSON.stringify(known)).digest('hex').slice(0, 16);
}

const sources = new WeakMap<Database, KnownIdentifierSource>();

/** The one source of a database (its store-wide matcher is shared by every writer on it). */
export function knownIdentifierSource(db: Database): KnownIdentifierSource {
  let s = sources.get(db);
  if (!s) sources.set(db, (s = new KnownIdentifierSource(db)));
  return s;
}
