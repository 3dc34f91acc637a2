/**
 * X12 835 (Health Care Claim Payment/Advice, 005010X221A1) -> ChartWriter remittance input.
 *
 * Envelope: ISA/IEA, GS/GE (GS01 must be HP) and ST/SE, with every control count and control number
 * checked (SE01 = segments in the set, GE01 = sets, IEA01 = groups; SE02/GE02/IEA02 echo
 * ST02/GS06/ISA13). A mismatch does not lose the payment data: the file imports with a warning on the
 * file and on each remittance it affects ("verify against the payer's EOB"). A transaction set with no
 * trailer (a truncated file) is not imported and is reported; the complete ones before it are. A detail
 * segment that cannot be read (CAS, DTM, AMT, LQ, MIA, MOA, PLB, NM1) is skipped with a warning; a
 * transaction set whose payment, trace, claim or service line cannot be read is left out with a warning,
 * and a file with no readable 835 transaction set is refused (BAD_INPUT). One remittance per ST, keyed 'x12-835' / payer|payee|TRN02 (remittanceKey): the
 * trace number is unique per payment between a payer and a payee (005010X221 TRN02), so the same
 * payment re-sent in a new envelope (new ISA13/GS06/ST02) updates it rather than counting it twice.
 *
 * Header: BPR (payment amount, BPR16 date), TRN (check/EFT number), DTM*405 (production date),
 * N1*PR (payer; id via XV or REF*2U), N1*PE (payee; NPI via XX or REF*HPI).
 * Claims (2100): CLP, CAS, NM1*QC/IL/82, MIA/MOA remarks, DTM*232/233/050, AMT.
 * Lines (2110): SVC (composite code and modifiers), DTM*472/150, CAS, LQ*HE, AMT.
 * Provider adjustments: PLB.
 * Segments the chart does not use (N3, N4, PER, TS3, TS2, QTY, REF ...) are skipped.
 */
import type { AdjustmentInput, RemitClaimInput, RemitLineInput, RemittanceInput } from '../../db/chart-writer';
import { isNtkError } from '../../errors';
import { bad, tokenize, type Delimiters, type Segment } from './tokenize';

export const X12_SOURCE_SYSTEM = 'x12-835';

export interface ProviderAdjustment {
  providerId: string;
  fiscalPeriodDate: string | null;
  /** PLB03-1 etc.: WO (overpayment recovery), L6 (interest), FB (forwarding balance) ... */
  reason: string;
  reference: string | null;
  amount: number;
}

export interface ParsedRemitLine extends RemitLineInput {
  modifiers: string[];
  rarc: string[];
  /** AMT at line level by qualifier (B6 allowed ...). */
  amounts: Record<string, number>;
}

export interface ParsedRemitClaim extends RemitClaimInput {
  rarc: string[];
  refs: Record<string, string>;
  lines: ParsedRemitLine[];
  /** AMT at claim level by qualifier (AU coverage, I interest ...). */
  amounts: Record<string, number>;
}

export interface ParsedRemittance extends RemittanceInput {
  control: { interchange: string | null; group: string | null; transaction: string };
  /** What the reader tolerated in this payment's envelope or segments; never quotes file content. */
  warnings: string[];
  claims: ParsedRemitClaim[];
  providerAdjustments: ProviderAdjustment[];
}

// Unambiguous (digits, then an optional '.' and digits; or '.' and digits), so linear: `\d+\.?\d*` could split
// a run of digits in every way before failing, quadratic on a long bad amount.
const MONEY = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * Claim-level REF qualifiers (2100) kept for disputes: 1K payer claim number, F8 original reference number,
 * EA medical record number (PHI), G1 prior authorization, 9A/9C repriced claim reference, BB authorization,
 * 1L group or policy number, CE class of contract, IG insurance policy. Not SY (social security number).
 */
const CLAIM_REFS = new Set(['1K', 'F8', 'EA', 'G1', '9A', '9C', 'BB', '1L', 'CE', 'IG']);

/** Detail segments skipped (with a warning) when unreadable; anything else unreadable leaves its transaction set out. */
const SOFT = new Set(['CAS', 'DTM', 'AMT', 'LQ', 'MIA', 'MOA', 'PLB', 'NM1']);
/** Per remittance and per file: a hostile file with a million bad segments gets a count, not a million lines. */
const MAX_WARNINGS = 20;

function note(into: string[], message: string): void {
  if (into.length < MAX_WARNINGS && !into.includes(message)) into.push(message);
}

function el(seg: Segment, n: number): string {
  return (seg.elements[n] ?? '').trim();
}

function where(seg: Segment): string {
  return `${seg.id} segment ${seg.pos}`;
}

function money(seg: Segment, n: number, what: string, required = false): number | null {
  const v = el(seg, n);
  if (v === '') {
    if (required) throw bad(`${where(seg)}: the ${what} is missing.`);
    return null;
  }
  if (!MONEY.test(v)) throw bad(`${where(seg)}: the ${what} is not a number.`);
  return Number(v) + 0; // no -0
}

function date(seg: Segment, n: number): string | null {
  const v = el(seg, n);
  if (v === '') return null;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) throw bad(`${where(seg)}: the date is not in CCYYMMDD form.`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) throw bad(`${where(seg)}: the date does not exist.`);
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function casAdjustments(seg: Segment): AdjustmentInput[] {
  const groupCode = el(seg, 1);
  if (!/^(CO|CR|OA|PI|PR)$/.test(groupCode)) throw bad(`${where(seg)}: the claim adjustment group code is not one of CO, CR, OA, PI, PR.`);
  const out: AdjustmentInput[] = [];
  for (let k = 0; k < 6; k++) {
    const carc = el(seg, 2 + 3 * k);
    const amount = money(seg, 3 + 3 * k, 'adjustment amount');
    const quantity = money(seg, 4 + 3 * k, 'adjustment quantity');
    if (carc === '') {
      if (amount !== null || quantity !== null) throw bad(`${where(seg)}: an adjustment amount has no reason code.`);
      continue;
    }
    if (amount === null) throw bad(`${where(seg)}: an adjustment reason has no amount.`);
    out.push({ groupCode, carc, amount, quantity });
  }
  if (out.length === 0) throw bad(`${where(seg)}: the adjustment has no reason code.`);
  return out;
}

function remarks(seg: Segment, positions: number[]): string[] {
  return positions.map((n) => el(seg, n)).filter((v) => v !== '');
}

/** One ST..SE transaction set (segments exclusive of ST and SE). */
function transaction(body: Segment[], d: Delimiters, control: ParsedRemittance['control']): ParsedRemittance {
  const r: ParsedRemittance = {
    sourceSystem: X12_SOURCE_SYSTEM,
    sourceId: '',
    control,
    payerName: null,
    payerId: null,
    payeeName: null,
    payeeNpi: null,
    checkNumber: null,
    paymentAmount: null,
    paymentDate: null,
    productionDate: null,
    claims: [],
    providerAdjustments: [],
    warnings: [],
  };
  let skipped = 0;
  /** A claim's or line's amount that cannot be read: the claim or line is kept (its CAS and SVC still belong to it) without it. */
  const kept = (seg: Segment, n: number, what: string, kind: 'claim' | 'line'): number | null => {
    try {
      return money(seg, n, what, true);
    } catch (e) {
      if (!isNtkError(e)) throw e;
      note(r.warnings, `${e.message} The ${kind} was kept without it: verify against the payer's EOB.`);
      return null;
    }
  };
  let party = '';
  let claim: ParsedRemitClaim | null = null;
  let line: ParsedRemitLine | null = null;
  let sawBpr = false;
  let trn: string | null = null;
  const needClaim = (seg: Segment): ParsedRemitClaim => {
    if (!claim) throw bad(`${where(seg)} appears before any claim (CLP).`);
    return claim;
  };
  for (const seg of body) {
    if (seg.gapBefore) note(r.warnings, `Text with no segment identifier before ${where(seg)} was skipped: verify against the payer's EOB.`);
    try {
      readSegment(seg);
    } catch (e) {
      if (!SOFT.has(seg.id) || !isNtkError(e) || e.code !== 'BAD_INPUT') throw e;
      skipped++;
      note(r.warnings, `${e.message} The segment was skipped: verify against the payer's EOB.`);
    }
  }
  if (skipped > MAX_WARNINGS) r.warnings.push(`${skipped} unreadable segments were skipped in all.`);
  if (!sawBpr) throw bad('An 835 transaction set has no payment header (BPR).');
  if (trn === null) throw bad('An 835 transaction set has no check or EFT trace number (TRN).');
  r.sourceId = remittanceKey(r.payerId ?? r.payerName ?? null, r.payeeNpi ?? r.payeeName ?? null, trn);
  return r;

  function readSegment(seg: Segment): void {
    switch (seg.id) {
      case 'BPR':
        if (sawBpr) throw bad(`${where(seg)}: a second payment header (BPR) in one transaction set.`);
        sawBpr = true;
        r.paymentAmount = money(seg, 2, 'payment amount', true);
        r.paymentDate = date(seg, 16);
        break;
      case 'TRN':
        if (trn === null && !claim) {
          trn = el(seg, 2);
          if (trn === '') throw bad(`${where(seg)}: the check or EFT trace number is missing.`);
          r.checkNumber = trn;
        }
        break;
      case 'DTM': {
        const q = el(seg, 1);
        const v = date(seg, 2);
        if (line) {
          if (q === '472' || q === '150') line.serviceDate ??= v;
        } else if (claim) {
          if (q === '232') claim.serviceStart = v;
          else if (q === '233') claim.serviceEnd = v;
          else if (q === '050') claim.receivedAt = v;
        } else if (q === '405') r.productionDate = v;
        break;
      }
      case 'N1':
        if (claim) break;
        party = el(seg, 1);
        if (party === 'PR') {
          r.payerName = el(seg, 2) || null;
          if (el(seg, 3) === 'XV' && el(seg, 4)) r.payerId = el(seg, 4);
        } else if (party === 'PE') {
          r.payeeName = el(seg, 2) || null;
          if (el(seg, 3) === 'XX' && el(seg, 4)) r.payeeNpi = el(seg, 4);
        }
        break;
      case 'REF': {
        const q = el(seg, 1);
        const v = el(seg, 2);
        if (line) {
          if (q === '6R' && v) line.controlNumber = v;
          break;
        }
        if (claim) {
          if (CLAIM_REFS.has(q) && v) claim.refs[q] ??= v;
          break;
        }
        if (party === 'PR' && el(seg, 1) === '2U' && el(seg, 2)) r.payerId ??= el(seg, 2);
        if (party === 'PE' && (el(seg, 1) === 'HPI' || el(seg, 1) === 'XX') && el(seg, 2)) r.payeeNpi ??= el(seg, 2);
        break;
      }
      case 'LX':
        claim = null;
        line = null;
        break;
      case 'CLP': {
        const claimNumber = el(seg, 1);
        if (claimNumber === '') throw bad(`${where(seg)}: the claim number (CLP01) is missing.`);
        const statusCode = el(seg, 2);
        if (statusCode === '') throw bad(`${where(seg)}: the claim status (CLP02) is missing.`);
        claim = {
          claimNumber,
          statusCode,
          billed: kept(seg, 3, 'billed amount', 'claim'),
          paid: kept(seg, 4, 'paid amount', 'claim'),
          patientResp: money(seg, 5, 'patient responsibility'),
          payerClaimControl: el(seg, 7) || null,
          filingIndicator: el(seg, 6) || null,
          facilityType: el(seg, 8) || null,
          frequency: el(seg, 9) || null,
          refs: {},
          patientName: null,
          memberId: null,
          renderingNpi: null,
          serviceStart: null,
          serviceEnd: null,
          receivedAt: null,
          rarc: [],
          adjustments: [],
          lines: [],
          amounts: {},
        };
        r.claims.push(claim);
        line = null;
        break;
      }
      case 'CAS':
        (line ?? needClaim(seg)).adjustments.push(...casAdjustments(seg));
        break;
      case 'NM1': {
        if (!claim) break;
        const q = el(seg, 1);
        const id = el(seg, 9) || null;
        if (q === 'QC') {
          const name = [el(seg, 3), el(seg, 4)].filter((v) => v !== '').join(', ');
          claim.patientName = name || null;
          claim.memberId ??= id;
        } else if (q === 'IL') {
          if (id) claim.memberId = id;
        } else if (q === '82') {
          if (el(seg, 8) === 'XX' && id) claim.renderingNpi = id;
        }
        break;
      }
      case 'MIA':
        needClaim(seg).rarc.push(...remarks(seg, [5, 20, 21, 22, 23]));
        break;
      case 'MOA':
        needClaim(seg).rarc.push(...remarks(seg, [3, 4, 5, 6, 7]));
        break;
      case 'SVC': {
        const c = needClaim(seg);
        const composite = el(seg, 1).split(d.component);
        const codeSystem = composite[0] ?? '';
        const code = composite[1] ?? '';
        if (codeSystem === '' || code === '') throw bad(`${where(seg)}: the service code (SVC01) has no qualifier or code.`);
        const units = money(seg, 5, 'units paid');
        line = {
          lineNo: c.lines.length + 1,
          codeSystem,
          code,
          modifiers: composite.slice(2, 6).filter((m) => m !== ''),
          billed: kept(seg, 2, 'line billed amount', 'line'),
          paid: kept(seg, 3, 'line paid amount', 'line'),
          units: units ?? 1,
          serviceDate: null,
          rarc: [],
          adjustments: [],
          amounts: {},
        };
        // SVC06: the procedure as billed, sent only when the payer adjudicated a different one.
        const asBilled = el(seg, 6).split(d.component);
        if (asBilled[0] && asBilled[1]) {
          line.billedCodeSystem = asBilled[0];
          line.billedCode = asBilled[1];
          line.billedModifiers = asBilled.slice(2, 6).filter((m) => m !== '');
        }
        c.lines.push(line);
        break;
      }
      case 'LQ':
        if (!line) throw bad(`${where(seg)} appears outside a service line (SVC).`);
        if (el(seg, 1) === 'HE' && el(seg, 2)) line.rarc.push(el(seg, 2));
        break;
      case 'AMT': {
        const q = el(seg, 1);
        const v = money(seg, 2, 'amount', true)!;
        const target = line ?? claim;
        if (target && q) target.amounts[q] = v;
        break;
      }
      case 'PLB': {
        claim = null;
        line = null;
        const providerId = el(seg, 1);
        const fiscalPeriodDate = date(seg, 2);
        const found: ProviderAdjustment[] = [];
        for (let k = 3; k <= 13; k += 2) {
          const reasonComposite = el(seg, k);
          const amount = money(seg, k + 1, 'provider adjustment amount');
          if (reasonComposite === '') {
            if (amount !== null) throw bad(`${where(seg)}: a provider adjustment amount has no reason.`);
            continue;
          }
          if (amount === null) throw bad(`${where(seg)}: a provider adjustment has no amount.`);
          const [reason = '', reference = ''] = reasonComposite.split(d.component);
          found.push({ providerId, fiscalPeriodDate, reason, reference: reference || null, amount });
        }
        r.providerAdjustments.push(...found);
        break;
      }
      case 'ISA':
      case 'IEA':
      case 'GS':
      case 'GE':
      case 'ST':
        throw bad(`${where(seg)} appears inside a transaction set: the transaction set trailer (SE) is missing.`);
      default:
        break;
    }
  }
}

/**
 * A payment's identity: who paid (payer id, else name), whom (payee NPI, else name) and the check or
 * EFT trace number. Migration 0011 computes the same key in SQL for rows stored before it.
 */
export function remittanceKey(payer: string | null, payee: string | null, trace: string): string {
  return [payer ?? '-', payee ?? '-', trace].join('|');
}

export interface Parse835Result {
  remittances: ParsedRemittance[];
  /** For the file's import result: everything tolerated or left out, each remittance's warnings included. */
  warnings: string[];
}

const MISMATCH = "envelope count mismatch: verify against the payer's EOB";
const CONTROL = "envelope control number mismatch: verify against the payer's EOB";

/** Parses an 835 file (one or more interchanges, groups and transaction sets). Throws BAD_INPUT (see parse835Report). */
export function parse835(text: string): ParsedRemittance[] {
  return parse835Report(text).remittances;
}

const count = (seg: Segment): number | null => (/^\d{1,9}$/.test(el(seg, 1)) ? Number(el(seg, 1)) : null);

/**
 * Parses an 835 file, reporting what it tolerated. Throws BAD_INPUT when the file is not X12, holds a
 * functional group or transaction set that is not an 835, repeats a trace number, or has no readable
 * 835 transaction set at all.
 */
export function parse835Report(text: string): Parse835Result {
  const { delimiters, enveloped, segments, warnings: fileWarnings } = tokenize(text);
  const out: ParsedRemittance[] = [];
  const keys = new Set<string>(); // a Set: a file of a million transaction sets stays linear
  const fileNote = (m: string): void => note(fileWarnings, m);
  let firstError: unknown = null;
  let dropped = 0;
  let interchange: { seg: Segment; control: string; groups: number; remits: ParsedRemittance[] } | null = null;
  let group: { seg: Segment; control: string; sets: number; remits: ParsedRemittance[] } | null = null;
  const warnAll = (remits: ParsedRemittance[], m: string): void => {
    fileNote(m);
    for (const r of remits) note(r.warnings, m);
  };
  const closeGroup = (ge: Segment | null): void => {
    if (!group) return;
    if (!ge) warnAll(group.remits, `The functional group (GS segment ${group.seg.pos}) has no trailer (GE): the file may be truncated; ${MISMATCH}.`);
    else {
      const n = count(ge);
      if (n !== group.sets) warnAll(group.remits, `${where(ge)} counts ${n ?? 'an unreadable number of'} transaction sets; the group holds ${group.sets}: ${MISMATCH}.`);
      if (el(ge, 2) !== group.control) warnAll(group.remits, `${where(ge)}: the control number does not match its header (GS06): ${CONTROL}.`);
    }
    if (interchange) interchange.groups++;
    group = null;
  };
  const closeInterchange = (iea: Segment | null): void => {
    closeGroup(null);
    if (!interchange) return;
    if (!iea) warnAll(interchange.remits, `The interchange (ISA segment ${interchange.seg.pos}) has no trailer (IEA): the file may be truncated; ${MISMATCH}.`);
    else {
      const n = count(iea);
      if (n !== interchange.groups) warnAll(interchange.remits, `${where(iea)} counts ${n ?? 'an unreadable number of'} functional groups; the interchange holds ${interchange.groups}: ${MISMATCH}.`);
      if (!/^\d{1,9}$/.test(el(iea, 2)) || Number(el(iea, 2)) !== Number(interchange.control)) {
        warnAll(interchange.remits, `${where(iea)}: the control number does not match its header (ISA13): ${CONTROL}.`);
      }
    }
    interchange = null;
  };
  const ENVELOPE = new Set(['ST', 'SE', 'GS', 'GE', 'ISA', 'IEA']);
  let i = 0;
  while (i < segments.length) {
    const seg = segments[i]!;
    switch (seg.id) {
      case 'ISA':
        if (interchange) closeInterchange(null);
        else closeGroup(null);
        interchange = { seg, control: el(seg, 13), groups: 0, remits: [] };
        if (!/^\d{1,9}$/.test(interchange.control)) fileNote(`${where(seg)}: the interchange control number (ISA13) is not numeric: ${CONTROL}.`);
        i++;
        break;
      case 'GS':
        closeGroup(null);
        if (el(seg, 1) !== 'HP') throw bad(`${where(seg)}: the functional group is not a health care claim payment (GS01 must be HP).`);
        if (!interchange && enveloped) fileNote(`${where(seg)}: a functional group outside an interchange (no ISA before it): ${MISMATCH}.`);
        group = { seg, control: el(seg, 6), sets: 0, remits: [] };
        if (group.control === '') fileNote(`${where(seg)}: the group control number (GS06) is missing: ${CONTROL}.`);
        i++;
        break;
      case 'GE':
        if (group) closeGroup(seg);
        else fileNote(`${where(seg)}: a group trailer (GE) with no group header (GS): ${MISMATCH}.`);
        i++;
        break;
      case 'IEA':
        if (interchange) closeInterchange(seg);
        else fileNote(`${where(seg)}: an interchange trailer (IEA) with no header (ISA): ${MISMATCH}.`);
        i++;
        break;
      case 'ST': {
        if (el(seg, 1) !== '835') throw bad(`${where(seg)}: this transaction set is not an 835 remittance.`);
        const control = el(seg, 2);
        let j = i + 1;
        while (j < segments.length && !ENVELOPE.has(segments[j]!.id)) j++;
        const se = segments[j]?.id === 'SE' ? segments[j]! : null;
        if (!se) {
          fileNote(`The transaction set at ${where(seg)} has no trailer (SE): the file is truncated or damaged there; that transaction set was not imported.`);
          dropped++;
          i = j;
          break;
        }
        if (enveloped && !group) fileNote(`${where(seg)}: a transaction set outside a functional group (no GS before it): ${MISMATCH}.`);
        const body = segments.slice(i + 1, j);
        let r: ParsedRemittance;
        try {
          r = transaction(body, delimiters, { interchange: interchange?.control ?? null, group: group?.control ?? null, transaction: control });
        } catch (e) {
          if (!isNtkError(e) || e.code !== 'BAD_INPUT') throw e;
          firstError ??= e;
          dropped++;
          fileNote(`The transaction set at ${where(seg)} could not be read and was not imported: ${e.message}`);
          i = j + 1;
          break;
        }
        if (se.gapBefore) note(r.warnings, `Text with no segment identifier before ${where(se)} was skipped: verify against the payer's EOB.`);
        const n = count(se);
        if (n !== body.length + 2) note(r.warnings, `${where(se)} counts ${n ?? 'an unreadable number of'} segments; the transaction set has ${body.length + 2}: ${MISMATCH}.`);
        if (control === '' || el(se, 2) !== control) note(r.warnings, `${where(se)}: the control number does not match its header (ST02): ${CONTROL}.`);
        if (keys.has(r.sourceId)) {
          throw bad(`${where(seg)}: a second payment with the same trace number (TRN02) from the same payer to the same payee; each payment's trace number must be unique.`);
        }
        out.push(r);
        keys.add(r.sourceId);
        group?.remits.push(r);
        interchange?.remits.push(r);
        if (group) group.sets++;
        for (const w of r.warnings) fileNote(`Transaction set at ${where(seg)}: ${w}`);
        i = j + 1;
        break;
      }
      default: {
        // SE with no ST, or segments between envelopes: nothing to attach them to.
        const from = i;
        while (i < segments.length && !ENVELOPE.has(segments[i]!.id)) i++;
        if (i === from) i++;
        fileNote(`${i - from} segment${i - from === 1 ? '' : 's'} from ${where(seg)} on ${i - from === 1 ? 'is' : 'are'} outside any transaction set and ${i - from === 1 ? 'was' : 'were'} skipped.`);
        break;
      }
    }
  }
  closeInterchange(null);
  if (out.length === 0) {
    if (firstError) throw firstError;
    throw bad(dropped > 0 ? 'The X12 file is truncated: no 835 transaction set in it is complete (SE trailer).' : 'The X12 file holds no 835 transaction set (ST*835).');
  }
  return { remittances: out, warnings: fileWarnings };
}
