/**
 * Golden test on generated charts: for every encounter of a seeded demo, a coder's inpatient-coding
 * view never shows a canary planted in a section whose sensitivity is unrelated to the encounter's
 * codes, and does show the related ones (except psychotherapy notes, which need a grant).
 */
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../../electron/core/redaction/views';
import { testBackend } from '../../support/backend';
import { seedDemo } from '../../support/demo';

describe('views over the demo charts', () => {
  it('masks unrelated canaries and shows related ones, encounter by encounter', () => {
    const t = testBackend();
    const demo = seedDemo(t.backend);
    const encounters = [...new Set(demo.canaries.map((c) => c.encounterId))];
    expect(demo.canaries.some((c) => c.unrelatedToEncounter)).toBe(true);
    let shown = 0;
    for (const encounterId of encounters) {
      const viewer: Viewer = { userId: 0, username: 'golden', role: 'coder', purpose: null };
      t.backend.views.declarePurpose(viewer, 'inpatient_coding', encounterId);
      const serialized = JSON.stringify(t.backend.views.expandedView(viewer, encounterId));
      for (const c of demo.canaries.filter((x) => x.encounterId === encounterId)) {
        const hidden = c.unrelatedToEncounter || c.labels.includes('PSYTHPN');
        if (hidden) expect(serialized, `${c.labels.join('+')} canary in ${c.loinc}`).not.toContain(c.phrase);
        else {
          expect(serialized, `${c.labels.join('+')} canary in ${c.loinc}`).toContain(c.phrase);
          shown++;
        }
      }
      // Masked placeholders never name a label.
      expect(serialized).not.toMatch(/"rationale":"[^"]*(ETH|PSY|HIV|STD|SEX|GDIS|SDV|psych|substance)/i);
    }
    expect(shown).toBeGreaterThan(0);
    t.backend.close();
  });
});
