import { describe, expect, it } from 'vitest';
import { repairIcd10 } from '../../../../electron/core/ingest/ocr/repair';

const fix = (s: string) => repairIcd10(s).text;

describe('repairIcd10', () => {
  it('repairs misread codes next to a diagnosis cue', () => {
    expect(fix('Dx: 121.4 NSTEMI')).toBe('Dx: I21.4 NSTEMI');
    expect(fix('ICD-10: Ell.9, 110')).toBe('ICD-10: E11.9, I10');
    expect(fix('Diagnosis: 572.OO1A right femur')).toBe('Diagnosis: S72.001A right femur');
    expect(fix('ICD10-CM 024.4l0')).toBe('ICD10-CM O24.410');
    expect(fix('Principal diagnosis (ICD) J44.l')).toBe('Principal diagnosis (ICD) J44.1');
  });

  it('repairs a token whose shape only fits ICD-10-CM, without a cue', () => {
    expect(fix('Assessment: Ell.9 uncontrolled')).toBe('Assessment: E11.9 uncontrolled');
    expect(fix('hx of Nl8.6 on dialysis')).toBe('hx of N18.6 on dialysis');
    const r = repairIcd10('A\nfollow-up for I1O.9');
    expect(r.repairs).toEqual([{ start: 16, end: 21, from: 'I1O.9', to: 'I10.9' }]);
    expect(r.text.length).toBe('A\nfollow-up for I1O.9'.length);
  });

  it('leaves lab values, vitals, numbers without a cue, words and valid codes alone', () => {
    const untouched = [
      'Glucose 121.4 mg/dL',
      'Dx: hyperglycemia, glucose 121.4 mg/dL',
      'Diagnosis: hypertension, BP 150/110 mmHg',
      'Weight 110 lb',
      'Room 121.4 on the fourth floor',
      'Total 121.4',
      'Dx: Ill appearing, Sol',
      'Dx: E11.9 and I10',
      'Claim 5O1.2 paid', // no cue and starts with a digit
      'ICD-9 diagnosis: 162.9 and 530.81', // ICD-9 codes are all digits
      'Version 2.1.3 released 03/14/2024',
      'Seen 01.02.2024 for 110 minutes',
      'Dx: ratio 1:100, copay $121.40, -121.4, 1,121.4',
    ];
    for (const s of untouched) expect(fix(s), s).toBe(s);
  });

  it('only looks back on the same line for a cue', () => {
    expect(fix('Dx: see below\n121.4 total')).toBe('Dx: see below\n121.4 total');
  });
});
