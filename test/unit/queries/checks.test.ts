import { describe, expect, it } from 'vitest';
import { OTHER_OPTION, UNDETERMINED_OPTION } from '../../../shared/coder-contract';
import { checkQuery, minimumNecessary, withStandardOptions } from '../../../electron/core/queries/checks';

const facts = [
  { text: 'Hemoglobin 6.8 g/dL on day 2, down from 11.2 on admission.', labels: [] },
  { text: 'Transfused 2 units packed red blood cells for acute blood loss after surgery.', labels: [] },
];
const good = { question: 'Based on the clinical indicators, can the hemoglobin drop be further specified?', options: ['Acute blood loss anemia', 'Expected postoperative blood loss, not anemia'], facts, hasProvider: true };

describe('compliant query checks', () => {
  it('passes a query with indicators, a neutral question and supported options', () => {
    expect(checkQuery(good)).toEqual([]);
  });

  it.each([
    ['Documenting acute blood loss anemia would improve reimbursement.', 'reimbursement'],
    ['This diagnosis affects the DRG; please clarify.', 'DRG'],
    ['Clarify for payment purposes.', 'payment'],
    ['Would an MCC be appropriate?', 'weight'],
    ['Please document acute blood loss anemia.', 'particular answer'],
  ])('flags leading language in the question: %s', (question, why) => {
    const issues = checkQuery({ ...good, question });
    expect(issues.filter((i) => i.kind === 'leading-language' && i.severity === 'error').map((i) => i.message).join(' ')).toContain(why);
  });

  it('flags leading language inside an option', () => {
    const issues = checkQuery({ ...good, options: ['Acute blood loss anemia (higher DRG)', 'Expected blood loss'] });
    expect(issues).toContainEqual(expect.objectContaining({ kind: 'leading-language', where: 'option:0' }));
  });

  it('warns on an option that introduces a diagnosis no indicator mentions', () => {
    const issues = checkQuery({ ...good, options: ['Acute blood loss anemia', 'Sepsis due to pneumonia'] });
    expect(issues).toEqual([expect.objectContaining({ kind: 'unsupported-option', severity: 'warning', where: 'option:1' })]);
  });

  it('needs a question, an indicator, two options, and refuses facts no longer visible', () => {
    const kinds = checkQuery({ question: ' ', options: ['Anemia'], facts: [], hasProvider: false }).map((i) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(['missing-question', 'missing-facts', 'too-few-options', 'no-provider']));
    expect(checkQuery({ ...good, facts: [{ text: null, labels: [] }] }).map((i) => i.kind)).toContain('fact-unavailable');
  });

  it('warns on yes/no-only options', () => {
    expect(checkQuery({ ...good, options: ['Yes', 'No'] }).map((i) => i.kind)).toContain('yes-no');
  });

  it('always ends with Other and Clinically undetermined, once each', () => {
    expect(withStandardOptions(['A', 'Other', 'clinically undetermined', 'B'])).toEqual(['A', 'B', OTHER_OPTION, UNDETERMINED_OPTION]);
  });
});

describe('minimum-necessary check', () => {
  it('lists identifiers and sensitive labels found in the query, with stable ids', () => {
    const input = {
      ...good,
      facts: [
        { text: 'Seen by Dr. Alan Whitfield on 03/14/2026, MRN 4471920.', labels: [] },
        { text: 'Hemoglobin 6.8 g/dL.', labels: ['PSY'] },
      ],
      question: 'Can you clarify the anemia for John Smith?',
    };
    const found = minimumNecessary(input);
    const types = found.map((f) => `${f.kind}:${f.type}@${f.where}`);
    expect(types).toEqual(expect.arrayContaining(['identifier:MRN@fact:0', 'label:PSY@fact:1']));
    expect(found.some((f) => f.where === 'question' && f.type.includes('NAME'))).toBe(true);
    expect(minimumNecessary(input).map((f) => f.id)).toEqual(found.map((f) => f.id));
    expect(new Set(found.map((f) => f.id)).size).toBe(found.length);
  });

  it('does not list the placeholders a view put in place of identifiers', () => {
    expect(minimumNecessary({ ...good, facts: [{ text: 'Patient [NAME] admitted with [MRN] noted.', labels: [] }] })).toEqual([]);
  });

  it('finds sensitive topics the coder typed into the question', () => {
    const found = minimumNecessary({ ...good, question: 'Is the anemia related to his alcohol use disorder?' });
    expect(found).toContainEqual(expect.objectContaining({ kind: 'label', type: 'ETH', where: 'question' }));
  });
});
