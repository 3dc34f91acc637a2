import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../electron/cli';
import { dateOffset, Deidentifier, shiftDate } from '../../../../electron/core/redaction/deid';
import { detectIdentifiers } from '../../../../electron/core/redaction/identifiers';
import { DISCHARGE } from '../../../support/charts';
import { tmpDir } from '../../../support/tmp';

const NOTE2 = 'Follow-up for Marguerite Okonkwo-Leblanc on 04/01/2024 with Dr. Alan Whitcombe (NPI 1234567893). Phone 617-555-0142. She is 92 years old.';

describe('deid', () => {
  it('removes every detected identifier and keeps the clinical text', () => {
    const r = new Deidentifier({ seed: 'seed-1' }).deidentify(DISCHARGE, 'p1');
    for (const s of detectIdentifiers(DISCHARGE)) expect(r.text).not.toContain(DISCHARGE.slice(s.start, s.end));
    expect(r.text).toContain('acute pancreatitis');
    expect(r.text).toContain('HISTORY OF PRESENT ILLNESS:');
  });

  it('gives the same surrogate for the same name within a document and across a patient, and shifts dates by one offset', () => {
    const d = new Deidentifier({ seed: 'seed-1' });
    const a = d.deidentify(DISCHARGE, 'p1').text;
    const b = d.deidentify(NOTE2, 'p1').text;
    const surname = /Patient: \S+ (\S+)/.exec(a)![1]!;
    expect(a).toContain(`Ms. ${surname} is`);
    expect(b).toContain(surname);
    const offset = dateOffset(d.patientKey('p1'));
    expect(a).toContain(shiftDate('03/14/2024', offset)!);
    expect(b).toContain(shiftDate('04/01/2024', offset)!);
    // Same seed, same surrogates on another run; another patient or seed, different ones.
    expect(new Deidentifier({ seed: 'seed-1' }).deidentify(DISCHARGE, 'p1').text).toBe(a);
    expect(new Deidentifier({ seed: 'seed-2' }).deidentify(DISCHARGE, 'p1').text).not.toBe(a);
    expect(b).toMatch(/\b90\+/);
  });

  it('keeps or replaces providers by option', () => {
    expect(new Deidentifier({ seed: 's', keepProviders: true }).deidentify(NOTE2).text).toContain('Alan Whitcombe');
    const removed = new Deidentifier({ seed: 's' }).deidentify(NOTE2).text;
    expect(removed).not.toContain('Whitcombe');
    expect(removed).not.toContain('1234567893');
  });

  it('shifts dates in their own format', () => {
    expect(shiftDate('03/14/2024', 10)).toBe('03/24/2024');
    expect(shiftDate('2024-12-30', 5)).toBe('2025-01-04');
    expect(shiftDate('March 14, 2024', -14)).toBe('February 29, 2024');
    expect(shiftDate('3/4/19', 1)).toBe('3/5/19');
    expect(shiftDate('next Tuesday', 3)).toBeNull();
  });

  it('ntk deid reads a file or JSONL and prints no original identifiers', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'note.txt');
    fs.writeFileSync(file, DISCHARGE);
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: () => {} };
    expect(await main(['deid', '--patient-key', 'k', file], {}, io)).toBe(0);
    expect(out.join('\n')).not.toContain('Okonkwo');
    const jsonl = [JSON.stringify({ id: 1, patient: 'A', text: DISCHARGE }), JSON.stringify({ id: 2, patient: 'A', text: NOTE2 })].join('\n');
    out.length = 0;
    expect(await main(['deid', '--jsonl', '--keep-providers', '-'], {}, { ...io, readStdin: async () => jsonl })).toBe(0);
    const [r1, r2] = out.join('\n').split('\n').map((l) => JSON.parse(l) as { id: number; text: string });
    const surname = /Patient: \S+ (\S+)/.exec(r1!.text)![1]!;
    expect(r2!.text).toContain(surname);
    expect(r2!.text).toContain('Whitcombe');
  });
});
