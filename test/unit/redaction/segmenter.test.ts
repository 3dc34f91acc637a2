import { describe, expect, it } from 'vitest';
import { classifyHeader } from '../../../electron/core/redaction/sections/classifier';
import { compileSectionLexicon } from '../../../electron/core/redaction/sections/lexicon';
import { segment } from '../../../electron/core/redaction/sections/segmenter';

const brief = (text: string) => segment(text).map((s) => [s.loinc, s.title, text.slice(s.start, s.end)]);
const codes = (text: string) => segment(text).map((s) => s.loinc);

describe('segmenter: header shapes', () => {
  it('MTSamples `HEADER:,` with line breaks turned to commas', () => {
    const t =
      'SUBJECTIVE:,  This 23-year-old female presents with allergies.,MEDICATIONS: , Ortho Tri-Cyclen.,ALLERGIES: , None known.,OBJECTIVE:,Vitals:  Weight 130 pounds, BP 124/78.,HEENT:  Throat mildly erythematous.,Neck:  Supple.,ASSESSMENT:,  Allergic rhinitis.,PLAN:,1.  Try Zyrtec.';
    expect(brief(t)).toEqual([
      ['61150-9', 'SUBJECTIVE', 'SUBJECTIVE:,  This 23-year-old female presents with allergies.,'],
      ['10160-0', 'MEDICATIONS', 'MEDICATIONS: , Ortho Tri-Cyclen.,'],
      ['48765-2', 'ALLERGIES', 'ALLERGIES: , None known.,'],
      ['61149-1', 'OBJECTIVE', 'OBJECTIVE:,Vitals:  Weight 130 pounds, BP 124/78.,HEENT:  Throat mildly erythematous.,Neck:  Supple.,'],
      ['51848-0', 'ASSESSMENT', 'ASSESSMENT:,  Allergic rhinitis.,'],
      ['18776-5', 'PLAN', 'PLAN:,1.  Try Zyrtec.'],
    ]);
  });

  it('ALL CAPS headers alone on a line, with a preamble', () => {
    const t = 'ST. MARY HOSPITAL\nDISCHARGE SUMMARY\n\nHOSPITAL COURSE\nPATIENT ADMITTED FOR CHF.\n\nDISCHARGE DIAGNOSES\n1. CHF.\n\nDISCHARGE MEDICATIONS\nLASIX 40 MG DAILY.\n';
    expect(codes(t)).toEqual(['unknown', '8648-8', '11535-2', '10183-2']);
    expect(segment(t)[0]).toMatchObject({ start: 0, title: '' });
  });

  it('mixed-case headers alone on a line after a blank line', () => {
    const t = 'Chief Complaint\nCough for 3 days.\n\nAssessment and Plan\nBronchitis. Supportive care.';
    expect(brief(t).map((x) => x.slice(0, 2))).toEqual([
      ['10154-3', 'Chief Complaint'],
      ['51847-2', 'Assessment and Plan'],
    ]);
  });

  it('inline telegraphic headers: PMH: ... HPI: ... A/P: ...', () => {
    const t = 'PMH: HTN, DM2. HPI: 45yo M w/ CP x2d. Meds: ASA, metformin. All: NKDA. A/P: r/o ACS, admit tele.';
    expect(brief(t).map((x) => x.slice(0, 2))).toEqual([
      ['11348-0', 'PMH'],
      ['10164-2', 'HPI'],
      ['10160-0', 'Meds'],
      ['51847-2', 'A/P'],
    ]);
    expect(brief(t)[2]![2]).toBe('Meds: ASA, metformin. All: NKDA. ');
  });

  it('SOAP single letters only at a line start', () => {
    const t = 'S: Pt c/o knee pain.\nO: Knee swollen.\nA: OA flare.\nP: 1. Ice.\nT: 98.6 P: 80';
    expect(codes(t)).toEqual(['61150-9', '61149-1', '51848-0', '18776-5']);
  });
});

describe('segmenter: false-header lookalikes stay inside their section', () => {
  it('names, times, ratios, vitals and values', () => {
    const t =
      'HPI: Seen at 10:30 by Dr. Smith: he agrees. Epinephrine 1:1000 given. Ratio 2:1. LDL: 130. See http://example.org/x.\nVITAL SIGNS: BP: 120/80, HR: 72, Temp: 98.6, SpO2: 97%.\nDR. JONES: AGREES WITH PLAN.\nPLAN: Discharge.';
    expect(brief(t).map((x) => x.slice(0, 2))).toEqual([
      ['10164-2', 'HPI'],
      ['8716-3', 'VITAL SIGNS'],
      ['18776-5', 'PLAN'],
    ]);
  });

  it('sentences ending in a colon are not headers', () => {
    const t = 'HISTORY OF PRESENT ILLNESS: She was told the following: rest. THE PLAN: STAY. Patient states: better.';
    expect(codes(t)).toEqual(['10164-2']);
  });

  it('exam sub-headings nest in the exam; an unknown capitalized header starts its own section', () => {
    const t = 'PHYSICAL EXAMINATION:, GENERAL: Alert. HEENT: Normal. LYMPHATICS: No nodes. ABDOMEN: Soft.,LABORATORY DATA:, WBC 12.,MISCELLANEOUS/EATING HISTORY:, Eats late.';
    expect(codes(t)).toEqual(['29545-1', '30954-2', 'unknown']);
    expect(segment(t)[2]!.title).toBe('MISCELLANEOUS/EATING HISTORY');
  });

  it('an exam sub-heading outside any exam starts a physical-exam section', () => {
    expect(codes('HPI: Cough.\nLUNGS: Clear.')).toEqual(['10164-2', '29545-1']);
  });
});

describe('classifier', () => {
  it.each([
    ['HISTORY OF PRESENT ILLNESS', '10164-2'],
    ['Past Medical History', '11348-0'],
    ['SOCIAL HX', '29762-2'],
    ['FAMILY HISTORY', '10157-6'],
    ['ROS', '10187-3'],
    ['PHYSICAL EXAM', '29545-1'],
    ['IMPRESSION', '51848-0'],
    ['Plan', '18776-5'],
    ['ASSESSMENT & PLAN', '51847-2'],
    ['CURRENT MEDICATIONS', '10160-0'],
    ['ALLERGIES, ADVERSE REACTIONS, ALERTS', '48765-2'],
    ['LABORATORY DATA', '30954-2'],
    ['PROCEDURES', '47519-4'],
    ['BRIEF HOSPITAL COURSE', '8648-8'],
    ['DISCHARGE DIAGNOSES', '11535-2'],
    ['PREOPERATIVE DIAGNOSIS (ES)', '10219-4'],
    ['POST-OP DIAGNOSIS', '10218-6'],
    ['DESCRIPTION OF PROCEDURE', '29554-3'],
    ['CC', '10154-3'],
    ['REASON FOR VISIT', '29299-5'],
    ['IMMUNIZATIONS', '11369-6'],
    ['Vital Signs (Last Filed)', '8716-3'],
    ['ESTIMATED BLOOD LOSS', '59770-8'],
    ['Frobnication', 'unknown'],
  ])('%s → %s', (title, code) => {
    expect(classifyHeader(title)).toBe(code);
  });
});

describe('section lexicon validation', () => {
  const base = { version: 1, modifiers: [], fields: ['bp'], sections: [{ code: '10164-2', name: 'HPI', headers: ['hpi'] }] };
  it('accepts a minimal lexicon and rejects bad ones', () => {
    expect(compileSectionLexicon(base).headers.get('hpi')?.entry.code).toBe('10164-2');
    expect(() => compileSectionLexicon({ ...base, sections: [{ code: 'HPI', name: 'x', headers: ['hpi'] }] })).toThrow();
    expect(() => compileSectionLexicon({ ...base, fields: ['hpi'] })).toThrow(/both a field and a header/);
    expect(() =>
      compileSectionLexicon({ ...base, sections: [...base.sections, { code: '11348-0', name: 'PMH', headers: ['HPI'] }] }),
    ).toThrow(/listed under/);
  });
});
