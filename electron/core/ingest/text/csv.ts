/**
 * RFC 4180 CSV, record by record: quoted fields may hold commas, doubled quotes and line breaks
 * (MTSamples transcriptions do). A generator over the text, so a large file is never split into
 * an array of lines. Lenient where common readers are (a stray quote inside an unquoted field is
 * kept); an unclosed quoted field is an error naming its line only.
 */
import { NtkError } from '../../errors';

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export function* csvRecords(text: string): Generator<{ line: number; fields: string[] }> {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let fieldStarted = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === QUOTE && !fieldStarted) {
        // A quoted field: copy up to each quote; "" is a literal quote.
        fieldStarted = true;
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new NtkError('BAD_INPUT', `CSV record starting on line ${startLine}: a quoted field is never closed.`);
          const chunk = text.slice(i, q);
          for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) line++;
          field += chunk;
          if (text.charCodeAt(q + 1) === QUOTE) {
            field += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        continue;
      }
      if (c === COMMA) {
        fields.push(field);
        field = '';
        fieldStarted = false;
        i++;
        continue;
      }
      if (c === LF || c === CR) {
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        break;
      }
      fieldStarted = true;
      field += text[i];
      i++;
    }
    fields.push(field);
    if (fields.length === 1 && fields[0] === '') continue; // blank line
    yield { line: startLine, fields };
  }
}
