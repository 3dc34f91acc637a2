/**
 * `ntk phi scan [--jsonl] FILE|-`: identifier spans for plain text.
 *   plain:  the whole input is one text; prints {"spans":[{start,end,type,text,confidence}]}
 *   --jsonl: each input line is {"id","text"}; prints one {"id","spans"} line per input line
 * Offsets are UTF-16 code units of the text, as JavaScript strings index it.
 */
import fs from 'node:fs';
import { detectIdentifiers } from '../core/redaction/identifiers/index';
import { readAllStdin } from './stdin';
import { UsageError } from './options';

export interface PhiIo {
  stdout(text: string): void;
  /** Reads standard input to the end (injected for tests). */
  readStdin?: () => Promise<string>;
}

export async function phiCommand(args: string[], jsonl: boolean, io: PhiIo): Promise<number> {
  const [sub, file, ...extra] = args;
  if (sub !== 'scan') throw new UsageError(sub ? `Unknown phi command: ${sub}` : 'phi needs a command: scan');
  if (!file) throw new UsageError('phi scan needs FILE, or - for standard input.');
  if (extra.length) throw new UsageError(`Unexpected argument: ${extra[0]}`);
  const input = file === '-' ? await (io.readStdin ?? readAllStdin)() : fs.readFileSync(file, 'utf8');
  if (!jsonl) {
    io.stdout(JSON.stringify({ spans: detectIdentifiers(input) }));
    return 0;
  }
  const lines = input.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let doc: { id?: unknown; text?: unknown };
    try {
      doc = JSON.parse(line);
    } catch {
      throw new UsageError(`line ${i + 1}: not JSON`);
    }
    if (typeof doc.text !== 'string') throw new UsageError(`line ${i + 1}: "text" must be a string`);
    io.stdout(JSON.stringify({ id: doc.id ?? null, spans: detectIdentifiers(doc.text) }));
  }
  return 0;
}
