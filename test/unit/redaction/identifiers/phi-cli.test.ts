import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../electron/cli';
import { EXIT_CODES } from '../../../../electron/cli/exit-codes';
import { tmpDir } from '../../../support/tmp';

async function ntk(args: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {}, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => stdin });
  return { code, out, err: err.join('\n') };
}

describe('ntk phi scan', () => {
  it('scans a file and prints {"spans":[...]}', async () => {
    const file = path.join(tmpDir(), 'note.txt');
    const text = 'Seen by Dr. Hope Garcia on 01/02/2020. Call 555-123-4567.';
    fs.writeFileSync(file, text);
    const r = await ntk(['phi', 'scan', file]);
    expect(r.code).toBe(0);
    const { spans } = JSON.parse(r.out.join('\n'));
    expect(spans.map((s: { type: string }) => s.type)).toEqual(['PROVIDER_NAME', 'DATE', 'PHONE']);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(Object.keys(spans[0]).sort()).toEqual(['confidence', 'end', 'start', 'text', 'type']);
  });

  it('reads standard input with -', async () => {
    const r = await ntk(['phi', 'scan', '-'], 'SSN 123-45-6789');
    expect(JSON.parse(r.out[0]!).spans[0]).toMatchObject({ type: 'SSN', text: '123-45-6789', start: 4, end: 15 });
  });

  it('--jsonl: {"id","text"} lines in, {"id","spans"} lines out', async () => {
    const r = await ntk(['phi', 'scan', '--jsonl', '-'], '{"id":"a","text":"fax 555-222-3333"}\n\n{"id":7,"text":"no identifiers here"}\n');
    expect(r.out.map((l) => JSON.parse(l))).toEqual([
      { id: 'a', spans: [{ start: 4, end: 16, type: 'FAX', text: '555-222-3333', confidence: 0.95 }] },
      { id: 7, spans: [] },
    ]);
  });

  it('--jsonl scans at the disclosure operating point: weak candidates (a year alone) are kept', async () => {
    const r = await ntk(['phi', 'scan', '--jsonl', '-'], '{"id":"n1","text":"PMH: CABG 1962."}\n');
    expect(JSON.parse(r.out[0]!).spans).toEqual([{ start: 10, end: 14, type: 'DATE', text: '1962', confidence: 0.5 }]);
  });

  it('usage errors exit 64', async () => {
    expect((await ntk(['phi'])).code).toBe(EXIT_CODES.USAGE);
    expect((await ntk(['phi', 'scan'])).code).toBe(EXIT_CODES.USAGE);
    expect((await ntk(['phi', 'scan', '--jsonl', '-'], 'not json')).code).toBe(EXIT_CODES.USAGE);
  });
});
