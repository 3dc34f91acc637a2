/**
 * Section titles → C-CDA R2.1 section codes: every title the spec gives each section template
 * (test/fixtures/ccda-r21-sections.json, assembled from the spec), the title shapes vendors use
 * around them, and the ones that must stay unknown.
 */
import { describe, expect, it } from 'vitest';
import { analyzeSections } from '../../../electron/core/redaction/analyze-sections';
import { classifyHeader } from '../../../electron/core/redaction/sections/classifier';
import spec from '../../fixtures/ccda-r21-sections.json';

const cases = [...spec.sections, ...spec.laterVersions].flatMap((s) => s.titles.map((t) => [s.template, t, s.code] as const));

describe('C-CDA R2.1 section list', () => {
  it('covers every R2.1 section template once per code and title', () => {
    expect(spec.sections.length).toBeGreaterThanOrEqual(60);
    expect(new Set(cases.map(([, t]) => t.toLowerCase())).size).toBe(cases.length);
  });

  it.each(cases)('%s: "%s" → %s', (_template, title, code) => {
    expect(classifyHeader(title)).toBe(code);
    expect(classifyHeader(title.toUpperCase())).toBe(code);
  });
});

describe('vendor title shapes', () => {
  it.each([
    ['Immunization History', '11369-6'],
    ['Immunizations History', '11369-6'],
    ['Results Summary', '30954-2'],
    ['Medications Administered', '29549-3'],
    ['Functional Status', '47420-5'],
    ['Functional Status Section', '47420-5'],
    ['Admission Diagnosis', '46241-6'],
    ['ADMITTING DIAGNOSES', '46241-6'],
    ['Discharge Medications', '10183-2'],
    ['Admission Medications', '42346-7'],
    ['Patient Decision Aids', '69730-0'],
    ['Interventions', '62387-6'],
    ['Goals Narrative', '61146-7'],
    ['Allergy List', '48765-2'],
    ['Most Recent Vital Signs', '8716-3'],
    ['Care Team Members', '85847-2'],
    ['Encounter Diagnosis', '29548-5'],
    ['Results (Last 3 Months)', '30954-2'],
    ['Medications as of 01/02/2020', '10160-0'],
    ['Encounters since 2019', '46240-8'],
  ])('%s → %s', (title, code) => {
    expect(classifyHeader(title)).toBe(code);
  });

  it.each(['Discharge Summary', 'Admission Summary', 'Discharge Date', 'Admission Date', 'Problem 1', 'Frobnication Section', 'Section'])('%s stays unknown', (title) => {
    expect(classifyHeader(title)).toBe('unknown');
  });
});

describe('sections of a note keep their labels under the new codes', () => {
  it('admission diagnosis and discharge medications carry the C-CDA codes and the labels of their content', () => {
    const note = 'ADMISSION DIAGNOSIS:\nOpioid use disorder.\n\nDISCHARGE MEDICATIONS:\nBuprenorphine 8 mg daily.\n\nMEDICATIONS ADMINISTERED:\nNaloxone.';
    const sections = analyzeSections(note).sections.map((s) => ({ loinc: s.loinc, title: s.title, labels: s.labels }));
    expect(sections).toEqual([
      { loinc: '46241-6', title: 'ADMISSION DIAGNOSIS', labels: ['ETH'] },
      { loinc: '10183-2', title: 'DISCHARGE MEDICATIONS', labels: ['ETH'] },
      { loinc: '29549-3', title: 'MEDICATIONS ADMINISTERED', labels: [] },
    ]);
  });
});
