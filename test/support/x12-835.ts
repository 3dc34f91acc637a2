/**
 * A small X12 835 writer for tests and benchmarks: turns a remittance model into a valid
 * interchange (ISA/GS/ST..SE/GE/IEA with correct counts) using the given delimiters.
 */
export interface Remit835Line {
  qualifier: string;
  code: string;
  modifiers: string[];
  billed: number;
  paid: number;
  units: number;
  serviceDate: string | null; // YYYY-MM-DD
  adjustments: Array<{ groupCode: string; carc: string; amount: number; quantity?: number | null }>;
  rarc: string[];
  allowed?: number | null;
  /** SVC06: the procedure as billed, when the payer paid a different one. */
  billedAs?: { qualifier: string; code: string; modifiers: string[] } | null;
  /** REF*6R line item control number. */
  controlNumber?: string | null;
}

export interface Remit835Claim {
  claimNumber: string;
  statusCode: string;
  billed: number;
  paid: number;
  patientResp: number | null;
  payerClaimControl: string | null;
  patientFamily: string;
  patientGiven: string;
  memberId: string | null;
  renderingNpi: string | null;
  serviceStart: string | null;
  serviceEnd: string | null;
  receivedAt: string | null;
  moaRemarks: string[];
  /** CLP06 (default MC), CLP08 (default 11), CLP09 (default 1). */
  filingIndicator?: string;
  facilityType?: string;
  frequency?: string;
  /** Claim-level REF segments (2100), by qualifier: 1K, EA, SY ... */
  refs?: Record<string, string>;
  adjustments: Remit835Line['adjustments'];
  lines: Remit835Line[];
}

export interface Remit835 {
  transactionControl: string;
  payerName: string;
  payerId: string | null;
  payeeName: string;
  payeeNpi: string | null;
  checkNumber: string;
  paymentAmount: number;
  paymentDate: string | null;
  productionDate: string | null;
  claims: Remit835Claim[];
  plb: Array<{ reason: string; reference: string | null; amount: number }>;
}

export interface Write835Options {
  element?: string;
  component?: string;
  repetition?: string;
  segment?: string;
  /** Text after each terminator: '', '\n' or '\r\n'. */
  newline?: string;
  interchangeControl?: string;
  groupControl?: string;
  /** Envelope damage as payers send it: wrong trailer counts or control numbers (SE ones on the first transaction set only). */
  damage?: { seCount?: number; seControl?: string; geCount?: number; geControl?: string; ieaCount?: number; ieaControl?: string };
}

const d8 = (iso: string | null): string => (iso ? iso.replaceAll('-', '') : '');
const amt = (n: number): string => String(Math.round(n * 100) / 100);

export function write835(remits: Remit835[], o: Write835Options = {}): string {
  const e = o.element ?? '*';
  const c = o.component ?? ':';
  const rep = o.repetition ?? '^';
  const t = o.segment ?? '~';
  const nl = o.newline ?? '\n';
  const icn = (o.interchangeControl ?? '000000905').padStart(9, '0');
  const gcn = o.groupControl ?? '905';
  const seg = (...els: Array<string | number | null | undefined>): string => {
    const parts = els.map((v) => (v === null || v === undefined ? '' : String(v)));
    while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    return parts.join(e) + t + nl;
  };
  const pad = (s: string, n: number): string => s.padEnd(n, ' ');
  let out = seg('ISA', '00', pad('', 10), '00', pad('', 10), 'ZZ', pad('PAYERSENDER', 15), 'ZZ', pad('PROVRECEIVER', 15), '261123', '1200', rep, '00501', icn, '0', 'P', c);
  out += seg('GS', 'HP', 'PAYERSENDER', 'PROVRECEIVER', '20261123', '1200', gcn, 'X', '005010X221A1');
  const dmg = o.damage ?? {};
  remits.forEach((r, index) => {
    const body: string[] = [];
    const s = (...els: Array<string | number | null | undefined>) => body.push(seg(...els));
    s('BPR', 'I', amt(r.paymentAmount), 'C', 'ACH', 'CCP', '01', '999999999', 'DA', '123456', '1512345678', '', '01', '999988880', 'DA', '98765', d8(r.paymentDate));
    s('TRN', '1', r.checkNumber, '1512345678');
    if (r.productionDate) s('DTM', '405', d8(r.productionDate));
    s('N1', 'PR', r.payerName, r.payerId ? 'XV' : null, r.payerId);
    s('N3', '1 PAYER WAY');
    s('N4', 'SPRINGFIELD', 'IL', '62701');
    if (r.payerId) s('REF', '2U', r.payerId);
    s('N1', 'PE', r.payeeName, r.payeeNpi ? 'XX' : null, r.payeeNpi);
    s('REF', 'TJ', '123456789');
    r.claims.forEach((cl, i) => {
      if (i === 0) s('LX', '1');
      s('CLP', cl.claimNumber, cl.statusCode, amt(cl.billed), amt(cl.paid), cl.patientResp === null ? null : amt(cl.patientResp), cl.filingIndicator ?? 'MC', cl.payerClaimControl, cl.facilityType ?? '11', cl.frequency ?? '1');
      for (const a of cl.adjustments) s('CAS', a.groupCode, a.carc, amt(a.amount), a.quantity ?? null);
      s('NM1', 'QC', '1', cl.patientFamily, cl.patientGiven, '', '', '', cl.memberId ? 'MI' : null, cl.memberId);
      if (cl.renderingNpi) s('NM1', '82', '1', 'RENDERER', 'PAT', '', '', '', 'XX', cl.renderingNpi);
      if (cl.moaRemarks.length) s('MOA', '', '', ...cl.moaRemarks);
      for (const [q, v] of Object.entries(cl.refs ?? {})) s('REF', q, v);
      if (cl.serviceStart) s('DTM', '232', d8(cl.serviceStart));
      if (cl.serviceEnd) s('DTM', '233', d8(cl.serviceEnd));
      if (cl.receivedAt) s('DTM', '050', d8(cl.receivedAt));
      for (const l of cl.lines) {
        const asBilled = l.billedAs ? [l.billedAs.qualifier, l.billedAs.code, ...l.billedAs.modifiers].join(c) : null;
        s('SVC', [l.qualifier, l.code, ...l.modifiers].join(c), amt(l.billed), amt(l.paid), '', l.units, asBilled);
        if (l.serviceDate) s('DTM', '472', d8(l.serviceDate));
        for (const a of l.adjustments) s('CAS', a.groupCode, a.carc, amt(a.amount), a.quantity ?? null);
        if (l.controlNumber) s('REF', '6R', l.controlNumber);
        if (l.allowed !== undefined && l.allowed !== null) s('AMT', 'B6', amt(l.allowed));
        for (const code of l.rarc) s('LQ', 'HE', code);
      }
    });
    if (r.plb.length) s('PLB', '1512345678', '20261231', ...r.plb.flatMap((p) => [p.reference ? `${p.reason}${c}${p.reference}` : p.reason, amt(p.amount)]));
    out += seg('ST', '835', r.transactionControl);
    out += body.join('');
    const first = index === 0;
    out += seg('SE', first && dmg.seCount !== undefined ? dmg.seCount : body.length + 2, first && dmg.seControl !== undefined ? dmg.seControl : r.transactionControl);
  });
  out += seg('GE', dmg.geCount ?? remits.length, dmg.geControl ?? gcn);
  out += seg('IEA', dmg.ieaCount ?? 1, dmg.ieaControl ?? icn);
  return out;
}
