import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import raw from '../../../../resources/policy/default.json';
import { defaultPolicy, loadPolicy, loadPolicyFile, PolicyError, purposesFor, roleMayUse } from '../../../../electron/core/redaction/policy';
import { defaultSectionLexicon } from '../../../../electron/core/redaction/sections/lexicon';
import { PURPOSES } from '../../../../shared/purposes';
import { tmpDir } from '../../../support/tmp';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a policy document edited freely to break it
type Loose = any;
const clone = (): Loose => JSON.parse(JSON.stringify(raw));

describe('policy', () => {
  it('the shipped policy validates and covers every purpose with rule ids and rationales', () => {
    const p = defaultPolicy();
    expect(Object.keys(p.purposes).sort()).toEqual([...PURPOSES].sort());
    for (const pp of Object.values(p.purposes)) {
      for (const r of [pp.roles, pp.sections, pp.structured, pp.identifiers, pp.labels, pp.masked]) expect(r.rationale.length).toBeGreaterThan(8);
      // A placeholder's words never name a label.
      expect(pp.masked.rationale).not.toMatch(/ETH|PSY|HIV|STD|SEX|GDIS|SDV|substance|mental|psych|genetic|violence/i);
    }
    expect(p.access.breakGlass.defaultMinutes).toBeLessThanOrEqual(p.access.breakGlass.maxMinutes);
    expect(p.access.privacyOfficerLabels.labels).toEqual(expect.arrayContaining(['PSYTHPN', 'ETH']));
  });

  it('says which roles may use which purposes', () => {
    const p = defaultPolicy();
    expect(roleMayUse(p, 'coder', 'inpatient_coding')).toBe(true);
    expect(roleMayUse(p, 'coder', 'patient_request')).toBe(false);
    expect(roleMayUse(p, 'biller', 'inpatient_coding')).toBe(false);
    expect(purposesFor(p, 'admin')).toEqual([]);
    expect(purposesFor(p, 'privacy_officer')).toContain('authorization');
  });

  it('a bad policy is a clear error naming the field', () => {
    const bad = clone();
    bad.purposes.inpatient_coding.identifiers.types.NAME = 'blur';
    expect(() => loadPolicy(bad)).toThrow(PolicyError);
    expect(() => loadPolicy(bad)).toThrow(/purposes\.inpatient_coding\.identifiers\.types\.NAME/);
    const dup = clone();
    dup.purposes.profee_coding.sections.id = 'IC-SEC';
    expect(() => loadPolicy(dup)).toThrow(/IC-SEC is used twice/);
    const missing = clone();
    delete missing.purposes.hhs;
    expect(() => loadPolicy(missing)).toThrow(/purposes\.hhs/);
    const bg = clone();
    bg.access.breakGlass.defaultMinutes = 600;
    expect(() => loadPolicy(bg)).toThrow(/breakGlass/);
  });

  it('reads a policy file, and refuses one that is not JSON', () => {
    const dir = tmpDir();
    const good = path.join(dir, 'good.json');
    fs.writeFileSync(good, JSON.stringify(raw));
    expect(loadPolicyFile(good).version).toBe(1);
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{"version": 1,');
    expect(() => loadPolicyFile(broken)).toThrow(PolicyError);
  });
});

describe('policy and the section lexicon', () => {
  it('allows or denies a C-CDA section code and its required translation alike, for every purpose', () => {
    // A stored C-CDA section keeps the document's own code: newer documents put the section code
    // first (46241-6), older ones its translation (42347-5). Either must get the same answer.
    const lex = defaultSectionLexicon();
    expect(lex.translations.size).toBeGreaterThan(0);
    for (const [purpose, pp] of Object.entries(defaultPolicy().purposes)) {
      for (const list of ['allow', 'deny'] as const) {
        const codes = new Set<string>(pp.sections[list]);
        for (const [translation, code] of lex.translations) {
          expect({ purpose, list, translation, listed: codes.has(translation) }).toEqual({ purpose, list, translation, listed: codes.has(code) });
        }
      }
    }
  });
});
