/**
 * Claims and X12 835-style remittances for the demo encounters. Two claims in five are denied
 * outright or in part with the CARC/RARC combinations denial work sees most (CO-50, CO-197,
 * CO-16 + M76/N290, CO-97, CO-11); paid lines carry CO-45 contractual and PR-1/2/3 patient
 * responsibility adjustments.
 */
import type { AdjustmentInput, ClaimInput, RemitClaimInput, RemitLineInput } from '../../db/chart-writer';
import type { Prng } from './prng';

export type ClaimOutcome = 'paid' | 'denied' | 'partial';

interface Denial {
  group: string;
  carc: string;
  rarc: string[];
}

const FULL_DENIALS: readonly Denial[] = [
  { group: 'CO', carc: '50', rarc: ['N115'] },
  { group: 'CO', carc: '197', rarc: ['M62'] },
  { group: 'CO', carc: '16', rarc: ['M76', 'N290'] },
  { group: 'CO', carc: '11', rarc: ['M76'] },
];
const LINE_DENIALS: readonly Denial[] = [
  { group: 'CO', carc: '97', rarc: ['M80'] },
  { group: 'CO', carc: '16', rarc: ['M76'] },
  { group: 'CO', carc: '50', rarc: ['N386'] },
  { group: 'CO', carc: '4', rarc: ['N519'] },
];

const money = (n: number) => Math.round(n * 100) / 100;

/** 40% of claims: every fifth claim (counting from the second) is denied, every fifth from the fourth partly. */
export function outcomeFor(claimIndex: number): ClaimOutcome {
  const k = claimIndex % 5;
  return k === 1 ? 'denied' : k === 3 ? 'partial' : 'paid';
}

/** The remittance claim (CLP loop) for a claim and its outcome. */
export function remitFor(rng: Prng, claim: ClaimInput, outcome: ClaimOutcome, patientName: string, receivedAt: string): RemitClaimInput {
  const full = outcome === 'denied' ? rng.pick(FULL_DENIALS) : null;
  const deniedLine = outcome === 'partial' ? rng.int(0, claim.lines.length - 1) : -1;
  const lineDenial = outcome === 'partial' ? rng.pick(LINE_DENIALS) : null;
  const allowedRate = rng.real(0.45, 0.7, 2);
  let paidTotal = 0;
  let prTotal = 0;
  const lines: RemitLineInput[] = claim.lines.map((l, i) => {
    const billed = l.charge ?? 0;
    const base = { lineNo: l.lineNo, codeSystem: 'HC', code: l.code ?? null, modifiers: l.modifiers, billed, units: l.units ?? 1, serviceDate: l.serviceDate ?? null };
    const denial = full ?? (i === deniedLine ? lineDenial : null);
    if (denial) return { ...base, paid: 0, rarc: denial.rarc, adjustments: [{ groupCode: denial.group, carc: denial.carc, amount: billed }] };
    const allowed = money(billed * allowedRate);
    const adjustments: AdjustmentInput[] = [{ groupCode: 'CO', carc: '45', amount: money(billed - allowed) }];
    let pr = 0;
    if (i === 0) {
      const [carc, amt] = rng.pick([['1', Math.min(allowed, 250)], ['2', money(allowed * 0.2)], ['3', Math.min(allowed, 30)]] as const);
      pr = money(amt);
      if (pr > 0) adjustments.push({ groupCode: 'PR', carc, amount: pr });
    }
    const paid = money(allowed - pr);
    paidTotal += paid;
    prTotal += pr;
    return { ...base, paid, rarc: [], adjustments };
  });
  return {
    claimNumber: claim.claimNumber,
    statusCode: outcome === 'denied' ? '4' : '1',
    billed: claim.totalCharge ?? null,
    paid: money(paidTotal),
    patientResp: money(prTotal),
    payerClaimControl: `${rng.digits(4)}${rng.int(1, 9)}${rng.digits(9)}`,
    patientName,
    memberId: claim.memberId ?? null,
    renderingNpi: claim.renderingNpi ?? null,
    serviceStart: claim.serviceStart ?? null,
    serviceEnd: claim.serviceEnd ?? null,
    receivedAt,
    rarc: full ? full.rarc : [],
    adjustments: [],
    lines,
  };
}
