/**
 * Outpatient, clinic and discharge notes (written here, i2b2-style surrogates invented for the test):
 * sign-off lines, dictation initials, pager numbers, month names alone, m/yy dates and header ids are
 * found at the disclosure operating point; a name or place found once is found where it recurs; role
 * abbreviations and "University of ..." name clinicians and hospitals.
 */
import { describe, expect, it } from 'vitest';
import { detectIdentifiers } from '../../../../electron/core/redaction/identifiers/index';
import { touched } from '../../../support/identifier-spans';

const CLINIC_NOTE = `Record date: 2087-03-14
MRN: 4471923
ACCT #: 88213470
Unit No: 881-22-14

Seen in clinic today for follow up of diabetes. Last A1c in March was 7.9.
Seen last 4/86 by cardiology. Colonoscopy 11/82 was normal. He returns in May.

Plan: continue metformin, recheck in 3 months.

Zandra K. Okonkwo-Pell, M.D.
Pager: #47219

ZKO/tlm
DD: 03/14/87
DT: 03/16/87
`;

describe('an outpatient clinic note', () => {
  it.each(['2087-03-14', '4471923', '88213470', '881-22-14', 'March', '4/86', '11/82', 'May', 'Zandra', 'Okonkwo-Pell', '47219', 'ZKO/tlm', '03/14/87', '03/16/87'])('finds %s', (needle) => {
    expect(touched(CLINIC_NOTE, needle)).toBe(true);
  });

  it('reads nothing clinical as an identifier', () => {
    const found = detectIdentifiers(CLINIC_NOTE).map((s) => s.text.toLowerCase());
    for (const word of ['diabetes', 'a1c', '7.9', 'cardiology', 'colonoscopy', 'metformin', '3 months']) expect(found).not.toContain(word);
  });

  it('takes a sign-off name with its M.D. at the end of a line as a clinician, in chart views too', () => {
    const signer = detectIdentifiers(CLINIC_NOTE, { operatingPoint: 'viewing' }).find((s) => s.text.includes('Okonkwo-Pell'));
    expect(signer).toMatchObject({ type: 'PROVIDER_NAME', text: 'Zandra K. Okonkwo-Pell' });
  });
});

describe('discharge and letter forms', () => {
  it.each([
    ['Sincerely,\n\nXiomara Y. Brightwater, M.D.\n', 'Brightwater'],
    ['______________________________\nTobiah R Quenneville MD\nDD:07/02/95 DT:07/05/95\n', 'Quenneville'],
    ['Pager: #53817 Time frame: 3-4pm', '53817'],
    ['Dr. Pell was paged (pgr 23145) and will call back.', '23145'],
    ['last mammogram 6/01, seen again 2/02', '6/01'],
    ['She was last seen in sept. and again in December.', 'December'],
    ['heroin last used in may 15\' per pt', '15'],
    ['PMH: NQWMI 13. HTN.', '13'],
    ['Per NP Rosalind, lines may be pulled.', 'Rosalind'],
    ['d/w rn garcia at change of shift', 'garcia'],
    ['spoke with daughter marisol by phone', 'marisol'],
    ['updated by phone. karen called back at 1400.', 'karen'],
    ['gerald (husband) at bedside most of the day', 'gerald'],
    ['FAMILY MEETING: DENISE - DAUGHTER, VERY INVOLVED', 'DENISE'],
    ['Pt received from university of vermont hospital intubated.', 'vermont'],
    ['TRANSFERRED THIS EVENING FROM UNIVERSITY OF MD MEDICAL CENTER.', 'UNIVERSITY'],
    ['was sent to bmh for further eval', 'bmh'],
    ['PRESENTED TO U OF VT MED CENTER ON 9/14', 'VT MED'],
    ['TAKEN TO ASHFORD REGIONAL WHERE ENZYMES WERE POSITIVE', 'REGIONAL'],
    ['lives alone at 27 Wrenfield St. in Oakton. Pt manages', '27 Wrenfield St'],
  ])('%s', (text, needle) => {
    expect(touched(text, needle)).toBe(true);
  });

  it('ends a facility name at its facility words', () => {
    expect(detectIdentifiers('PRESENTED TO U OF VT MED CENTER ON 9/14').map((s) => s.text)).toEqual(['U OF VT MED CENTER', '9/14']);
  });

  it('takes only a listed name after a role in capitals', () => {
    expect(detectIdentifiers('EPI WIRES DC/D BY MD TOL WELL. DIET AS TOL.')).toEqual([]);
  });

  it('does not take a heading after a credential as a name', () => {
    const text = 'ATTENDING: Ivo Quartermaine, MD REASON FOR VISIT: follow-up.';
    expect(detectIdentifiers(text).map((s) => s.text)).toEqual(['Ivo Quartermaine']);
  });
});

describe('a name or place found once is found where it recurs', () => {
  it('a place named after a move cue, again in capitals later in the note', () => {
    const text = 'Plan for transfer back to larkmoor abbey today.\nLARKMOOR ABBEY WILL CALL WITH A BED TIME.';
    const second = text.indexOf('LARKMOOR');
    expect(detectIdentifiers(text).some((s) => s.start <= second && s.end > second)).toBe(true);
  });

  it('a surname found beside a given name, again alone in lower case', () => {
    const text = 'Seen by Dr. Oriel Vantongeren today.\nplan per vantongeren: diurese.';
    const second = text.indexOf('vantongeren');
    expect(detectIdentifiers(text).some((s) => s.start <= second && s.end > second)).toBe(true);
  });

  it('does not spread a weak single-word guess nor a common word', () => {
    const text = 'Went to the Rehab gym. rehab gym again tomorrow. Pt went to sleep. sleep well.';
    expect(detectIdentifiers(text)).toEqual([]);
  });
});
