/** X12 835 parsing throughput (claims/s) on a generated remittance of many claims. */
import { parse835 } from '../electron/core/ingest/x12';
import { write835, type Remit835 } from '../test/support/x12-835';
import { median, round } from './stats';

const CLAIMS = 5000;

function remit(n: number): Remit835 {
  return {
    transactionControl: '0001', payerName: 'BENCH PAYER', payerId: 'BP01', payeeName: 'BENCH CLINIC', payeeNpi: '1234567893',
    checkNumber: 'EFT1', paymentAmount: 1000, paymentDate: '2026-11-20', productionDate: '2026-11-18', plb: [],
    claims: Array.from({ length: n }, (_, i) => ({
      claimNumber: `CLM-${i}`, statusCode: '1', billed: 300, paid: 200, patientResp: 20, payerClaimControl: `PCN${i}`,
      patientFamily: 'DOE', patientGiven: 'JANE', memberId: `M${i}`, renderingNpi: '1999999984',
      serviceStart: '2026-11-01', serviceEnd: '2026-11-01', receivedAt: '2026-11-05', moaRemarks: ['MA01'],
      adjustments: [{ groupCode: 'CO', carc: '45', amount: 80 }],
      lines: [1, 2, 3].map((l) => ({ qualifier: 'HC', code: '99214', modifiers: ['25'], billed: 100, paid: 66.67, units: 1, serviceDate: '2026-11-01', rarc: ['N381'], allowed: 90,
        adjustments: [{ groupCode: 'CO', carc: '45', amount: 10 + l }, { groupCode: 'PR', carc: '2', amount: 5 }] })),
    })),
  };
}

export function x12Bench() {
  const text = write835([remit(CLAIMS)]);
  parse835(text); // warm
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    parse835(text);
    runs.push(performance.now() - t);
  }
  const ms = median(runs);
  return { claims: CLAIMS, lines: CLAIMS * 3, bytes: text.length, parse_ms_p50: round(ms, 1), claims_per_sec: round((CLAIMS / ms) * 1000, 0), mb_per_sec: round(text.length / 1e6 / (ms / 1000), 1) };
}
