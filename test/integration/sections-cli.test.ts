import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli';
import { sectionsCommand } from '../../electron/cli/sections-command';
import { EXIT_CODES } from '../../electron/cli/exit-codes';
import { tmpDir } from '../support/tmp';

async function ntk(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {}, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, out, err: err.join('\n') };
}

describe('ntk sections', () => {
  it('reads a file and prints {"sections":[...]}', async () => {
    const file = path.join(tmpDir(), 'note.txt');
    fs.writeFileSync(file, 'CHIEF COMPLAINT:, Cough.,SOCIAL HISTORY:, Denies alcohol use. Uses heroin.');
    const r = await ntk(['sections', file]);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    expect(JSON.parse(r.out[0]!)).toEqual({
      sections: [
        { start: 0, end: 25, loinc: '10154-3', title: 'CHIEF COMPLAINT', labels: [] },
        { start: 25, end: 74, loinc: '29762-2', title: 'SOCIAL HISTORY', labels: ['ETH'] },
      ],
    });
  });

  it('--jsonl: one {"id","sections"} per input line; --spans adds spans', () => {
    const input = [JSON.stringify({ id: 'a', text: 'PMH: HIV.' }), '', JSON.stringify({ id: 7, text: 'Plan: rest.' })].join('\n');
    const lines = sectionsCommand(input, { jsonl: true, spans: false }).map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { id: 'a', sections: [{ start: 0, end: 9, loinc: '11348-0', title: 'PMH', labels: ['HIV'] }] },
      { id: 7, sections: [{ start: 0, end: 11, loinc: '18776-5', title: 'Plan', labels: [] }] },
    ]);
    const withSpans = JSON.parse(sectionsCommand('PMH: HIV.', { jsonl: false, spans: true })[0]!);
    expect(withSpans.sections[0].spans[0]).toMatchObject({ start: 5, end: 8, labels: ['HIV'], negated: false, experiencer: 'patient' });
  });

  it('usage errors', async () => {
    expect((await ntk(['sections'])).code).toBe(EXIT_CODES.USAGE);
    const file = path.join(tmpDir(), 'bad.jsonl');
    fs.writeFileSync(file, '{"id":1}\n');
    const r = await ntk(['sections', '--jsonl', file]);
    expect(r.code).toBe(EXIT_CODES.USAGE);
    expect(r.err).toContain('no "text" string');
  });
});
