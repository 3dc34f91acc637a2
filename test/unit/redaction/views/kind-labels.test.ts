/** A document kind's labels: from its type and title alone, tagged in one pass without joining kinds. */
import { describe, expect, it } from 'vitest';
import { kindLabelsOf } from '../../../../electron/core/redaction/views/chart-reader';

describe('document kind labels', () => {
  // A title alone says mental health (PSY, withheld from coding like PSYTHPN); the type says psychotherapy note.
  it('labels a psychotherapy note by its type or title, and nothing plain', () => {
    expect(
      kindLabelsOf([
        { docType: 'psychotherapy-note', title: null },
        { docType: 'progress-note', title: 'Psychotherapy session' },
        { docType: 'consult', title: 'HIV clinic follow-up' },
        { docType: 'discharge-summary', title: 'Discharge summary' },
        { docType: null, title: null },
      ]),
    ).toEqual([['PSYTHPN'], ['PSY'], ['HIV'], [], []]);
  });

  it('tags each kind on its own: words of two kinds never make a term together', () => {
    expect(kindLabelsOf([{ docType: null, title: 'Intake process' }, { docType: null, title: 'notes' }])).toEqual([[], []]);
    expect(kindLabelsOf([{ docType: null, title: 'process notes' }])).toEqual([['PSYTHPN']]);
  });

  it('gives the same labels however many kinds are asked at once and in what order', () => {
    const kinds = [
      { docType: 'progress-note', title: 'Detox progress note' },
      { docType: 'result', title: 'Laboratory results' },
    ];
    expect(kindLabelsOf([...kinds].reverse()).reverse()).toEqual(kindLabelsOf(kinds));
    expect(kindLabelsOf(kinds)).toEqual([['ETH'], []]);
  });
});
