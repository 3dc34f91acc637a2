/**
 * The demo charts against the chart views: what the canaries promise (unrelated sensitive history
 * masked for coding, related history shown, patient identifiers masked) holds for a coder.
 */
import { describe, expect, it } from 'vitest';
import { USER_PASSWORD, withUsers } from '../../support/backend';
import { seedDemo } from '../../support/demo';

describe('demo charts through the coder view', () => {
  it('a coder sees related sensitive history, never the unrelated canaries, and no patient identifiers', async () => {
    const t = await withUsers([['cora', 'coder']]);
    try {
      const r = seedDemo(t.backend, { patients: 4, seed: 5 });
      const coder = t.as('cw');
      await coder('login', { username: 'cora', password: USER_PASSWORD });
      await coder('changePassword', { current: USER_PASSWORD, next: 'a brand new long passphrase' });
      const classOf = t.backend.store.db.prepare('SELECT class_code AS c FROM encounter WHERE id = ?');
      let related = 0;
      let unrelated = 0;
      for (const p of r.patients) {
        for (const encounterId of p.encounterIds) {
          const inpatient = (classOf.get(encounterId) as { c: string }).c === 'IMP';
          await coder('declarePurpose', { purpose: inpatient ? 'inpatient_coding' : 'profee_coding', encounterId });
          const view = await coder('openChart', { encounterId });
          let seen = JSON.stringify(view);
          for (const d of view.documents) seen += JSON.stringify(await coder('openDocument', { documentId: d.id }));
          for (const c of r.canaries.filter((x) => x.encounterId === encounterId)) {
            if (c.unrelatedToEncounter) {
              unrelated++;
              expect(seen, `${c.labels} unrelated in encounter ${encounterId}`).not.toContain(c.phrase);
            } else {
              related++;
              expect(seen, `${c.labels} related in encounter ${encounterId}`).toContain(c.phrase);
            }
          }
          for (const s of [p.mrn, `${p.familyName}, ${p.givenName}`]) expect(seen).not.toContain(s);
        }
      }
      expect(related).toBeGreaterThan(2);
      expect(unrelated).toBeGreaterThan(2);
    } finally {
      t.backend.close();
    }
  });
});
