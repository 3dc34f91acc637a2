/** Hand-written hard cases: names that are clinical words, twelve date formats, number lookalikes. */
import { describe, expect, it } from 'vitest';
import type { IdentifierType } from '../../../../shared/identifier-types';
import { detectIdentifiers } from '../../../../electron/core/redaction/identifiers/index';
import { spans, covered, touched } from '../../../support/identifier-spans';

const found = (text: string) => spans(text).map((s) => `${s.type}:${s.text}`);

describe('names that are clinical or common words', () => {
  it.each([
    'GAVE MORPHINE 4 MG IV FOR PAIN. PATIENT HAS HOPE OF RECOVERY.',
    'MARK THE SITE PRIOR TO INCISION. WILL FOLLOW UP IN MAY.',
    'Pt to BILL insurance. CHASE cultures. FAITH-BASED SUPPORT GROUP. SAYING GRACE BEFORE MEALS.',
    'Foley catheter placed. Steri-Strips and Kerlix applied. Babinski negative. Parkinson disease.',
    'The patient was prepped and draped. Reason for referral: chest pain. This is a 66-year-old.',
  ])('flags no name in %s', (text) => {
    expect(spans(text).filter((s) => s.type === 'NAME' || s.type === 'PROVIDER_NAME')).toEqual([]);
  });

  it.each<[string, string, IdentifierType]>([
    ['HUSBAND WILL CALLED TODAY.', 'WILL', 'NAME'],
    ['Her husband, Will, is at bedside.', 'Will', 'NAME'],
    ['Seen by Dr. Hope Garcia.', 'Hope Garcia', 'PROVIDER_NAME'],
    ['DR. MARK CHASE REVIEWED THE FILM.', 'MARK CHASE', 'PROVIDER_NAME'],
    ['Mrs. Grace Faith reports no pain.', 'Grace Faith', 'NAME'],
    ['PATIENT NAME: SMITH, JOHN', 'SMITH, JOHN', 'NAME'],
    ['Spoke with daughter Rosalind Kowalczyk by phone.', 'Rosalind Kowalczyk', 'NAME'],
    ['Electronically signed by Ayesha Okonkwo, MD', 'Ayesha Okonkwo', 'PROVIDER_NAME'],
    ['Mr. Kovatrin was seen today.', 'Kovatrin', 'NAME'],
    ['She reports that Frank helps her with medications.', 'Frank', 'NAME'],
  ])('%s → %s', (text, name, type) => {
    const s = spans(text).find((x) => x.text.includes(name) || name.includes(x.text));
    expect(s?.type).toBe(type);
    expect(covered(text, name)).toBe(true);
  });
});

describe('dates in twelve formats, and what is not a date', () => {
  it.each([
    ['Seen 01/02/2020.', '01/02/2020'],
    ['Seen 1/2/20.', '1/2/20'],
    ['Seen 2020-01-02.', '2020-01-02'],
    ['Seen Jan 2, 2020.', 'Jan 2, 2020'],
    ['Seen 2 January 2020.', '2 January 2020'],
    ['Seen January 2nd.', 'January 2nd'],
    ['Seen 01-02-2020.', '01-02-2020'],
    ['Seen 01.02.2020.', '01.02.2020'],
    ['Return on the 3rd.', '3rd'],
    ['Last colonoscopy Jan-2020.', 'Jan-2020'],
    ['Last colonoscopy 02/2020.', '02/2020'],
    ['Surgery Monday, March 5, 2021 at 10:30.', 'Monday, March 5, 2021'],
    ['DOB: 3rd of March 1931', '3rd of March 1931'],
    ['SEEN ON JANUARY 2, 2020.', 'JANUARY 2, 2020'],
  ])('%s', (text, date) => {
    expect(spans(text).some((s) => s.type === 'DATE')).toBe(true);
    expect(covered(text, date)).toBe(true);
  });

  it.each([
    'Norco 5/325 mg 1/2 tab every 4 hours.',
    'BP 120/80, HR 72, WBC 10.2, Hgb 13.5, Plt 250.',
    'Takes it 2-3 times a day.',
    'Motor strength 5/5 bilaterally. Pain 8/10. Grade 3/6 systolic murmur.',
    'Pupils 3/3 decreasing to 2/2 on exposure to light.',
    'The patient may be discharged tomorrow.',
  ])('no date in %s', (text) => {
    expect(spans(text).filter((s) => s.type === 'DATE')).toEqual([]);
  });

  // a year alone is not a Safe Harbor date element: chart views leave it; disclosures (recall first) take it
  it('leaves a year alone to chart views, and disclosures take it', () => {
    const text = 'Diagnosed in 2019. Smoked 1 ppd for 20 years.';
    expect(detectIdentifiers(text, { operatingPoint: 'viewing' }).filter((s) => s.type === 'DATE')).toEqual([]);
    expect(detectIdentifiers(text).map((s) => s.text)).toEqual(['2019']);
  });
});

describe('phone, fax, MRN and account lookalikes', () => {
  it('finds phones and faxes, told apart by their label', () => {
    const text = 'Call (555) 123-4567 or 555.987.6543; fax 555-222-3333. Cell +1 312 555 0199.';
    const f = found(text);
    expect(f).toContain('PHONE:(555) 123-4567');
    expect(f).toContain('PHONE:555.987.6543');
    expect(f).toContain('FAX:555-222-3333');
    expect(covered(text, '312 555 0199')).toBe(true);
    expect(found('Phone: (08) 8747 6301')).toContain('PHONE:(08) 8747 6301');
    expect(found('Phone:\n451 5986')).toContain('PHONE:451 5986');
    expect(found('Ambulated 150 1200 feet')).toEqual([]);
  });

  it('finds labelled record, plan, claim, auth, account, licence and device numbers', () => {
    const text =
      'MRN: 00123456. Member ID: XJH123456789. Claim # 2020123456789. Prior auth number PA12345678. ' +
      'Acct #: 4412-556677. DEA # AB1234563. Pacemaker serial number PJN123456H. VIN 1HGCM82633A004352.';
    const types = new Map(spans(text).map((s) => [s.text, s.type]));
    expect(types.get('00123456')).toBe('MRN');
    expect(types.get('XJH123456789')).toBe('HEALTH_PLAN_ID');
    expect(types.get('2020123456789')).toBe('CLAIM_NUMBER');
    expect(types.get('PA12345678')).toBe('PRIOR_AUTH_NUMBER');
    expect(types.get('4412-556677')).toBe('ACCOUNT_NUMBER');
    expect(types.get('AB1234563')).toBe('LICENSE_NUMBER');
    expect(types.get('PJN123456H')).toBe('DEVICE_ID');
    expect(types.get('1HGCM82633A004352')).toBe('VEHICLE_ID');
  });

  it.each([
    'Norco 5/325 mg, 1/2 tab PO q6h prn.',
    'BP 120/80. Temp 98.6. WBC 10.2. Hgb 13.5. Hct 40.1. Na 138, K 4.1, Cl 101.',
    'Ambulates 2-3 times daily, 10-15 minutes each.',
    'Platelets 250,000. Glucose 110 mg/dL. A1c 7.2%.',
    'CPT 99213, ICD-10 E11.9, 3-0 Vicryl and 4-0 nylon were used.',
    'Given 1000 mL normal saline and 2 units PRBC.',
  ])('nothing identifying in %s', (text) => {
    expect(spans(text)).toEqual([]);
  });
});

describe('contact, network and place identifiers', () => {
  it('finds them', () => {
    const text = 'Lives at 1234 Oak Street, Apt 5B, Springfield, IL 62704. Email jane.doe@example.com; portal https://portal.example.org/p?id=9; IP 192.168.1.20. Transferred from Mercy Hospital. Photo: IMG_2041.jpg';
    const f = found(text);
    expect(f).toContain('ADDRESS:1234 Oak Street, Apt 5B');
    expect(f).toContain('LOCATION:Springfield');
    expect(f).toContain('ZIP:62704');
    expect(f).toContain('EMAIL:jane.doe@example.com');
    expect(f).toContain('URL:https://portal.example.org/p?id=9');
    expect(f).toContain('IP_ADDRESS:192.168.1.20');
    expect(f).toContain('FACILITY_NAME:Mercy Hospital');
    expect(f).toContain('PHOTO:IMG_2041.jpg');
    expect(touched(text, 'IL')).toBe(false); // a state is not PHI
  });

  it('ages over 89 only', () => {
    expect(found('A 92-year-old woman.')).toContain('AGE_OVER_89:92');
    expect(found('Age: 101')).toContain('AGE_OVER_89:101');
    expect(found('A 72-year-old woman.')).toEqual([]);
  });
});
