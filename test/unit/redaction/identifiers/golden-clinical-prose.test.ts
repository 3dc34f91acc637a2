/** Hand-written clinical prose that looks like PHI but is not (eponyms, devices, rooms, services), and the real PHI beside it. Invented text. */
import { describe, expect, it } from 'vitest';
import type { IdentifierType } from '../../../../shared/identifier-types';
import { spans, covered } from '../../../support/identifier-spans';

const ofTypes = (text: string, types: IdentifierType[]) => spans(text).filter((s) => types.includes(s.type)).map((s) => `${s.type}:${s.text}`);
const PERSON: IdentifierType[] = ['NAME', 'PROVIDER_NAME'];

describe('eponyms, devices and note words are not people or places', () => {
  it.each([
    'Two #19-French Blake drains were placed in the pelvis.',
    'A #22 Blake chest drain was brought out laterally.',
    'THE SCOPE WAS ADVANCED TO THE MAIN CARINA WITHOUT DIFFICULTY.',
    'A 14-FRENCH ROBINSON CATHETER WAS PASSED INTO THE BLADDER.',
    'A Zimmer trabecular shell was impacted. Lactated Ringer\'s was infused.',
    'The cervix was dilated with Hank dilators. Caspar retractors were placed.',
    'This is a 52-year-old African American female with chest pain.',
    'She will follow up with Dr. X on Tuesday morning.',
    'MOM HAS NO CONCERNS. SISTER HAD A COLD LAST WEEK.',
    'MS: Alert and oriented to person and place.',
    'PA interval 30 ms, AH interval 120 ms, HV interval 45 ms.',
    'She was referred by Neuro-ophthalmology and seen per Cardiology.',
    'Please follow up with Dr. The patient agreed with the plan.',
    'She had an uneventful delivery in June and returns in April.',
    'THE VESSEL WAS CLAMPED USING A KELLY CLAMP.',
    'History of Atrial Fibrillation and Staphylococcus Aureus bacteremia.',
    'One son lives in Texas City and one daughter in Florida.',
    'ASK YOUR DOCTOR CAN PRESCRIBE A STRONGER CREAM.',
  ])('flags no name in %s', (text) => {
    expect(ofTypes(text, PERSON)).toEqual([]);
  });

  it.each([
    'The head was held in a Mayfield headrest.',
    'A size 0 Bowman probe was passed through the punctum.',
  ])('flags no place in %s', (text) => {
    expect(ofTypes(text, ['LOCATION', 'ADDRESS'])).toEqual([]);
  });

  it.each([
    'She returns to the Pulmonary Medicine Clinic for follow-up of COPD.',
    'HE WAS DISCHARGED BACK TO THE NURSING HOME THE SAME DAY.',
    'THE TEST WAS PERFORMED IN AN OBSERVED HOSPITAL LABORATORY.',
    'He will be seen in the Atrial Fibrillation Clinic in two weeks.',
  ])('flags no facility in %s', (text) => {
    expect(ofTypes(text, ['FACILITY_NAME'])).toEqual([]);
  });

  it.each([
    'THE MESH WAS HELD IN PLACE WITH A 2-0 SILK SUTURE.',
    'A 4-0 PROLENE DOUBLE ROW CLOSED THE AORTA.',
    'AN INCISION WAS MADE WITH A #15 SCALPEL BLADE CLOSE TO THE WIRE.',
    'LIMITED MOTION UNTIL THE 4-6 WEEK POINT.',
    'LOCATION OF PROCEDURE: Endoscopy suite #4. He was moved to the operative suite #2.',
    'PHYSICAL EXAMINATION: HEALTHY-APPEARING 41-YEAR-OLD MALE.',
    'HE ARRIVED VIA PRIVATE AMBULANCE AT 6:30 A.M.',
  ])('flags no address in %s', (text) => {
    expect(ofTypes(text, ['ADDRESS'])).toEqual([]);
  });
});

describe('the PHI beside them is still found', () => {
  it.each<[string, string, IdentifierType]>([
    ['Her daughter June helps with medications.', 'June', 'NAME'],
    ['Seen by Dr. Blake Haverford in clinic.', 'Blake Haverford', 'PROVIDER_NAME'],
    ['DR. MRS. OKAFOR REPORTS THAT THE WOUND IS HEALING.', 'OKAFOR', 'NAME'],
    ['Operated on by Dr. A. Kowalczyk today.', 'A. Kowalczyk', 'PROVIDER_NAME'],
    ['Mnisla A. Dorrane was seen for follow-up.', 'Mnisla A. Dorrane', 'NAME'],
    ['Transferred from Brookfield Nursing Home last night.', 'Brookfield Nursing Home', 'FACILITY_NAME'],
    ['She returns to Lakemont Pulmonary Clinic today.', 'Lakemont Pulmonary Clinic', 'FACILITY_NAME'],
    ['Mail to 1200 Harbor Road, Suite #4, please.', 'Suite #4', 'ADDRESS'],
    ['Billing address: Rue de la Paix 12.', 'Rue de la Paix 12', 'ADDRESS'],
    ['The patient lives in Mayfield with her son.', 'Mayfield', 'LOCATION'],
    ['Her sister Georgia Lanski visited today.', 'Georgia Lanski', 'NAME'],
    ['DAUGHTER J. ROWELL WAS AT BEDSIDE.', 'J. ROWELL', 'NAME'],
  ])('%s → %s', (text, needle, type) => {
    expect(covered(text, needle, type)).toBe(true);
  });
});
