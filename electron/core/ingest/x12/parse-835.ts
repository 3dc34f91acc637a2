/**
 * X12 835 (Health Care Claim Payment/Advice, 005010X221A1) -> ChartWriter remittance input.
 *
 * Envelope: ISA/IEA, GS/GE (GS01 must be HP) and ST/SE, with every control count and control number
 * checked (SE01 = segments in the set, GE01 = sets, IEA01 = groups; SE02/GE02/IEA02 echo
 * ST02/GS06/ISA13). One remittance per ST, keyed 'x12-835' / payer|payee|TRN02 (remittanceKey): the
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
  lines: ParsedRemitLine[];
  /** AMT at claim level by qualifier (AU coverage, I interest ...). */
  amounts: Record<string, number>;
}

export interface ParsedRemittance extends RemittanceInput {
  control: { interchange: string | null; group: string | null; transaction: string };
  claims: ParsedRemitClaim[];
  providerAdjustments: ProviderAdjustment[];
}

// Unambiguous (digits, then an optional '.' and digits; or '.' and digits), so linear: `\d+\.?\d*` could split
// a run of digits in every way before failing, quadratic on a long bad amount.
const MONEY = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

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
      case 'REF':
        if (claim) break;
        if (party === 'PR' && el(seg, 1) === '2U' && el(seg, 2)) r.payerId ??= el(seg, 2);
        if (party === 'PE' && (el(seg, 1) === 'HPI' || el(seg, 1) === 'XX') && el(seg, 2)) r.payeeNpi ??= el(seg, 2);
        break;
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
          billed: money(seg, 3, 'billed amount', true),
          paid: money(seg, 4, 'paid amount', true),
          patientResp: money(seg, 5, 'patient responsibility'),
          payerClaimControl: el(seg, 7) || null,
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
          billed: money(seg, 2, 'line billed amount', true),
          paid: money(seg, 3, 'line paid amount', true),
          units: units ?? 1,
          serviceDate: null,
          rarc: [],
          adjustments: [],
          amounts: {},
        };
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
        for (let k = 3; k <= 13; k += 2) {
          const reasonComposite = el(seg, k);
          const amount = money(seg, k + 1, 'provider adjustment amount');
          if (reasonComposite === '') {
            if (amount !== null) throw bad(`${where(seg)}: a provider adjustment amount has no reason.`);
            continue;
          }
          if (amount === null) throw bad(`${where(seg)}: a provider adjustment has no amount.`);
          const [reason = '', reference = ''] = reasonComposite.split(d.component);
          r.providerAdjustments.push({ providerId, fiscalPeriodDate, reason, reference: reference || null, amount });
        }
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
  if (!sawBpr) throw bad('An 835 transaction set has no payment header (BPR).');
  if (trn === null) throw bad('An 835 transaction set has no check or EFT trace number (TRN).');
  r.sourceId = remittanceKey(r.payerId ?? r.payerName ?? null, r.payeeNpi ?? r.payeeName ?? null, trn);
  return r;
}

/**
 * A payment's identity: who paid (payer id, else name), whom (payee NPI, else name) and the check or
 * EFT trace number. Migration 0011 computes the same key in SQL for rows stored before it.
 */
export function remittanceKey(payer: string | null, payee: string | null, trace: string): string {
  return [payer ?? '-', payee ?? '-', trace].join('|');
}

/** Parses an 835 file (one or more interchanges, groups and transaction sets). Throws BAD_INPUT. */
export function parse835(text: string): ParsedRemittance[] {
  const { delimiters, enveloped, segments } = tokenize(text);
  const out: ParsedRemittance[] = [];
  let i = 0;
  const at = (): Segment | undefined => segments[i];
  const expect = (id: string, what: string): Segment => {
    const seg = at();
    if (!seg) throw bad(`The X12 file is truncated: the ${what} (${id}) is missing.`);
    if (seg.id !== id) throw bad(`${where(seg)}: expected the ${what} (${id}).`);
    i++;
    return seg;
  };
  const readSet = (interchange: string | null, group: string | null): void => {
    const st = expect('ST', 'transaction set header');
    if (el(st, 1) !== '835') throw bad(`${where(st)}: this transaction set is not an 835 remittance.`);
    const control = el(st, 2);
    if (control === '') throw bad(`${where(st)}: the transaction set control number is missing.`);
    const begin = i;
    while (at() && at()!.id !== 'SE') {
      if (['ST', 'GE', 'IEA', 'ISA', 'GS'].includes(at()!.id)) break;
      i++;
    }
    const body = segments.slice(begin, i);
    const se = expect('SE', 'transaction set trailer');
    if (!/^\d+$/.test(el(se, 1)) || Number(el(se, 1)) !== body.length + 2) throw bad(`${where(se)}: the segment count does not match the transaction set (file damaged or truncated).`);
    if (el(se, 2) !== control) throw bad(`${where(se)}: the control number does not match its header (ST02).`);
    const r = transaction(body, delimiters, { interchange, group, transaction: control });
    if (out.some((o) => o.sourceId === r.sourceId)) {
      throw bad(`${where(st)}: a second payment with the same trace number (TRN02) from the same payer to the same payee; each payment's trace number must be unique.`);
    }
    out.push(r);
  };
  if (!enveloped) {
    while (at()) readSet(null, null);
    return out;
  }
  while (at()) {
    const isa = expect('ISA', 'interchange header');
    const interchange = el(isa, 13);
    if (!/^\d{1,9}$/.test(interchange)) throw bad(`${where(isa)}: the interchange control number (ISA13) is not numeric.`);
    let groups = 0;
    while (at()?.id === 'GS') {
      const gs = expect('GS', 'functional group header');
      if (el(gs, 1) !== 'HP') throw bad(`${where(gs)}: the functional group is not a health care claim payment (GS01 must be HP).`);
      const group = el(gs, 6);
      if (group === '') throw bad(`${where(gs)}: the group control number (GS06) is missing.`);
      let sets = 0;
      while (at()?.id === 'ST') {
        readSet(interchange, group);
        sets++;
      }
      const ge = expect('GE', 'functional group trailer');
      if (!/^\d+$/.test(el(ge, 1)) || Number(el(ge, 1)) !== sets) throw bad(`${where(ge)}: the transaction set count does not match the group.`);
      if (el(ge, 2) !== group) throw bad(`${where(ge)}: the control number does not match its header (GS06).`);
      groups++;
    }
    if (groups === 0) throw bad(`${where(isa)}: the interchange has no functional group (GS).`);
    const iea = expect('IEA', 'interchange trailer');
    if (!/^\d+$/.test(el(iea, 1)) || Number(el(iea, 1)) !== groups) throw bad(`${where(iea)}: the group count does not match the interchange.`);
    if (!/^\d+$/.test(el(iea, 2)) || Number(el(iea, 2)) !== Number(interchange)) throw bad(`${where(iea)}: the control number does not match its header (ISA13).`);
  }
  return out;
}
