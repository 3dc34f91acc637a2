import { describe, expect, it } from 'vitest';
import { analyzeSections } from '../../../electron/core/redaction/analyze-sections';
import { icdLabels, labelsForCodes } from '../../../electron/core/redaction/sensitivity/codes';
import { tagText } from '../../../electron/core/redaction/sensitivity/tagger';

const byTitle = (text: string) => Object.fromEntries(analyzeSections(text).sections.map((s) => [s.title, s]));
const spanOf = (text: string, term: string) => {
  const { spans } = tagText(text);
  const s = spans.find((x) => text.slice(x.start, x.end).toLowerCase() === term.toLowerCase());
  if (!s) throw new Error(`no span for ${term} in ${JSON.stringify(spans)}`);
  return s;
};

describe('DS4P from codes', () => {
  it.each([
    ['F10.20', ['ETH', 'PSY']],
    ['F19.99', ['ETH', 'PSY']],
    ['F32.9', ['PSY']],
    ['B20', ['HIV']],
    ['Z21', ['HIV']],
    ['A54.00', ['STD']],
    ['A64', ['STD']],
    ['O9A.11', ['SEX']],
    ['O00.1', ['SEX']],
    ['Z3A.20', ['SEX']],
    ['Z30.011', ['SEX']],
    ['Z15.01', ['GDIS']],
    ['T74.11XA', ['SDV']],
    ['T76.21XA', ['SDV']],
    ['Y07.01', ['SDV']],
    ['I10', []],
    ['A65', []],
    ['T75.1', []],
  ])('%s → %j', (code, labels) => {
    expect(icdLabels(code).sort()).toEqual([...labels].sort());
  });

  it('SNOMED and LOINC from the lexicon', () => {
    expect(labelsForCodes([{ system: 'SNOMED', code: '86406008' }, { system: 'LOINC', code: '20447-9' }, { system: 'SNOMED', code: '66590003' }])).toEqual(['ETH', 'HIV']);
    expect(labelsForCodes([{ system: 'SNOMED', code: '38341003' }])).toEqual([]);
  });

  it('codes written in the text', () => {
    expect(byTitle('ASSESSMENT: Opioid dependence (F11.20). Z21. T12 compression fracture.').ASSESSMENT!.labels).toEqual(['ETH', 'PSY', 'HIV']);
  });
});

describe('DS4P from text', () => {
  it('drugs and tests', () => {
    for (const [text, label] of [
      ['Started buprenorphine.', 'ETH'],
      ['On methadone maintenance.', 'ETH'],
      ['Naltrexone monthly.', 'ETH'],
      ['Suboxone 8 mg.', 'ETH'],
      ['HIV viral load 40 copies, CD4 count 650.', 'HIV'],
      ['BRCA2 testing ordered.', 'GDIS'],
      ['RPR reactive.', 'STD'],
      ['Reports intimate partner violence.', 'SDV'],
      ['Positive pregnancy test.', 'SEX'],
    ] as const) {
      expect(tagText(text).labels, text).toContain(label);
    }
  });

  it('case-sensitive and blocked terms', () => {
    expect(tagText('History of AIDS.').labels).toEqual(['HIV']);
    expect(tagText('Uses hearing aids. Walking aids at home.').labels).toEqual([]);
    expect(tagText('EKG: 1 mm ST depression in V4.').labels).toEqual([]);
    expect(tagText('Respiratory depression after morphine.').labels).toEqual([]);
    expect(tagText('Long history of depression.').labels).toEqual(['PSY']);
  });
});

describe('negation', () => {
  it('negated mentions are recorded but do not label the section', () => {
    const t = 'SOCIAL HISTORY: Denies alcohol use. No tobacco, alcohol, or drug use. No history of IV drug use.';
    const s = byTitle(t)['SOCIAL HISTORY']!;
    expect(s.loinc).toBe('29762-2');
    expect(s.labels).toEqual([]);
    expect(s.spans.length).toBeGreaterThanOrEqual(3);
    expect(s.spans.every((x) => x.negated)).toBe(true);
  });

  it('post-negation and scope ends', () => {
    expect(spanOf('HIV test negative.', 'HIV test').negated).toBe(true);
    expect(spanOf('RPR nonreactive.', 'RPR').negated).toBe(true);
    expect(spanOf('Denies alcohol use but smokes marijuana daily.', 'marijuana').negated).toBe(false);
    expect(spanOf('No fever; uses heroin daily.', 'heroin').negated).toBe(false);
    expect(spanOf('No acute distress, history of cocaine use.', 'cocaine').negated).toBe(false);
    expect(spanOf('HIV positive, hepatitis B negative.', 'HIV positive').negated).toBe(false);
    expect(spanOf('No longer uses heroin.', 'heroin').negated).toBe(false);
  });

  it('a past-history section whose body is a denial gets no header label', () => {
    expect(byTitle('PAST PSYCHIATRIC HISTORY: None.')['PAST PSYCHIATRIC HISTORY']!.labels).toEqual([]);
    expect(byTitle('PAST PSYCHIATRIC HISTORY: Admitted 2019.')['PAST PSYCHIATRIC HISTORY']!.labels).toEqual(['PSY']);
  });
});

describe('family history', () => {
  it('the family-history section never labels the patient', () => {
    const s = byTitle('FAMILY HISTORY: Mother had breast cancer and was BRCA1 positive. Brother with schizophrenia and alcoholism.')['FAMILY HISTORY']!;
    expect(s.loinc).toBe('10157-6');
    expect(s.labels).toEqual([]);
    expect(s.spans.map((x) => x.experiencer)).toEqual(['family', 'family', 'family']);
  });

  it('relatives elsewhere: family when clearly about them, the patient otherwise', () => {
    expect(spanOf('Her mother had bipolar disorder.', 'bipolar disorder').experiencer).toBe('family');
    expect(spanOf('Family history of BRCA mutation.', 'BRCA mutation').experiencer).toBe('family');
    expect(spanOf('Lives with her mother and uses heroin.', 'heroin').experiencer).toBe('patient');
    expect(spanOf('Mother says she uses cocaine.', 'cocaine').experiencer).toBe('patient');
    expect(spanOf('Father visited, patient BRCA2 positive.', 'BRCA2').experiencer).toBe('patient');
    const hpi = byTitle('HPI: Her sister had depression. She takes sertraline.').HPI!;
    expect(hpi.labels).toEqual(['PSY']);
    expect(hpi.spans.map((x) => [x.term, x.experiencer])).toEqual([
      ['depression', 'family'],
      ['sertraline', 'patient'],
    ]);
  });
});
