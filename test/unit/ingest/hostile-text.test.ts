/**
 * Imports run synchronously in the main process, so a regex that backtracks super-linearly on untrusted
 * text freezes the app. Each input here is small as files go (a few hundred KB) but took the previous
 * regexes from tens of seconds to minutes; the linear replacements take milliseconds. No timing is
 * asserted: a regression shows up as the test timeout. The properties pin the replacements to exactly
 * what the previous regexes did, on short inputs where those are fast.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { attachmentText } from '../../../electron/core/ingest/fhir/attachment';
import { parseFhirText, type FhirEntry } from '../../../electron/core/ingest/fhir/fhir-parse';
import { writeFhir } from '../../../electron/core/ingest/fhir/fhir-write';
import { decodeEntities, markupToText, normalizeText } from '../../../electron/core/ingest/markup-text';
import { assemble } from '../../../electron/core/ingest/ocr';
import { textOf } from '../../../electron/core/ingest/ocr/pdf';
import { parse835, tokenize } from '../../../electron/core/ingest/x12';
import { badInput } from '../../support/bad-input';
import { testBackend } from '../../support/backend';
import { fhirBundle, PATIENT_UUID } from '../../support/ingest-fixtures';

const N = 300_000;
/** Larger, for the script/style and comment scans, where the previous regexes were quadratic with a small constant. */
const M = 1_200_000;

// The previous expressions, as reference implementations.
const OLD_MONEY = /^-?(?:\d+\.?\d*|\.\d+)$/;
const OLD_BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;
const OLD_BLOCK = /^(br|p|paragraph|div|table|list|caption|h[1-6]|section|title|pre|blockquote|ul|ol)$/i;
function oldMarkupToText(html: string): string {
  const noCode = html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/\s+/g, ' ');
  const text = noCode.replace(/<(\/?)([A-Za-z][A-Za-z0-9:-]*)\b[^>]*>/g, (_m, close: string, tag: string) => {
    const t = tag.replace(/^.*:/, '');
    if (/^(td|th)$/i.test(t)) return close ? ' | ' : ' ';
    if (/^(tr|li|item)$/i.test(t)) return close ? ' ' : '\n';
    return OLD_BLOCK.test(t) ? '\n' : ' ';
  });
  return normalizeText(decodeEntities(text.replace(/<[^>]*>/g, ' ')))
    .replace(/( \| ?)+$/gm, '')
    .replace(/^\| /gm, '');
}

const remit = (amount: string) => `ST*835*0001~BPR*I*${amount}*C*ACH~TRN*1*EFT1*1512345678~N1*PR*ACME~N1*PE*CLINIC*XX*1234567893~SE*6*0001~`;

function fhirStore() {
  const db = testBackend().backend.store.db;
  const write = (data: string, contentType: string) => {
    const patient = (fhirBundle() as { entry: Array<{ resource: unknown }> }).entry[2]!.resource;
    const doc = { resourceType: 'DocumentReference', id: 'd', subject: { reference: `Patient/${PATIENT_UUID}` }, content: [{ attachment: { contentType, data } }] };
    const w = new ChartWriter(db);
    db.transaction(() => writeFhir(parseFhirText('x.json', JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: patient }, { resource: doc }] })), w))();
  };
  const text = () => (db.prepare("SELECT text FROM document WHERE source_id = 'DocumentReference/d'").get() as { text: string }).text;
  return { write, text };
}

const entry = { key: 'DocumentReference/d', type: 'DocumentReference', resource: {}, index: 1 } as unknown as FhirEntry;
/** Whether attachmentText takes `data` as base64 (it may still refuse it for another reason). */
function takesBase64(data: string): boolean {
  try {
    attachmentText({ contentType: 'text/plain', data }, entry);
    return true;
  } catch (e) {
    return !/not base64/.test((e as Error).message);
  }
}

describe('X12 835 amounts and segments', () => {
  it('refuses a payment amount of a long run of digits ending in a letter', () => {
    expect(badInput(() => parse835(remit(`${'1'.repeat(N)}x`)))).toMatch(/BPR segment 2: the payment amount is not a number/);
    expect(badInput(() => parse835(remit(`${'1'.repeat(N / 2)}.${'1'.repeat(N / 2)}.`)))).toMatch(/payment amount is not a number/);
    expect(parse835(remit('-12.50'))[0]!.paymentAmount).toBe(-12.5);
  });

  it('reads an amount exactly as the previous pattern did', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.-x '), maxLength: 8 }), (v) => {
        const trimmed = v.trim();
        let message = '';
        try {
          parse835(remit(v));
        } catch (e) {
          message = (e as Error).message;
        }
        if (trimmed === '') expect(message).toMatch(/payment amount is missing/);
        else expect(/payment amount is not a number/.test(message)).toBe(!OLD_MONEY.test(trimmed));
      }),
      { numRuns: 500 },
    );
  });

  it('trims a long run of line breaks around and inside a segment', () => {
    const run = '\r\n'.repeat(N / 2);
    const { segments } = tokenize(`ST*835*0001~${run}NTE*A${'\n'.repeat(N)}B${run}~SE*3*0001~${run}`);
    expect(segments.map((s) => s.id)).toEqual(['ST', 'NTE', 'SE']);
    expect(segments[1]!.elements).toEqual(['NTE', `A${'\n'.repeat(N)}B`]);
  });
});

describe('FHIR attachment data', () => {
  it('refuses data that is not base64 after a long run of whitespace', () => {
    const s = fhirStore();
    for (const data of [`QQ${' '.repeat(N)}!`, `QQ==${'\n'.repeat(N)}!`, `${'QUJD\n'.repeat(N / 5)}===`]) {
      expect(badInput(() => s.write(data, 'text/plain'))).toMatch(/Entry 2 \(DocumentReference\): attachment data is not base64/);
    }
    s.write(`${Buffer.from('Chest pain.').toString('base64')}${' '.repeat(N)}`, 'text/plain');
    expect(s.text()).toBe('Chest pain.');
  });

  it('takes as base64 exactly what the previous pattern did', () => {
    // Every UTF-16 code unit, in the body and after the padding (pins down the whitespace set).
    const differ: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const data of [`QQ${ch}`, `QQ=${ch}`, `${ch}QQ==`]) if (takesBase64(data) !== OLD_BASE64.test(data)) differ.push(JSON.stringify(data));
    }
    expect(differ).toEqual([]);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'QA9+/= \n\t\u00a0\u2028!-'), minLength: 1, maxLength: 12 }), (data) => {
        expect(takesBase64(data)).toBe(OLD_BASE64.test(data));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads an HTML attachment full of unclosed markup', () => {
    const s = fhirStore();
    const html = `<p>Chest pain.</p>${'<'.repeat(N / 2)}<!--${'<script'.repeat(N / 70)}${'<a:b'.repeat(N / 40)}`;
    s.write(Buffer.from(html).toString('base64'), 'text/html');
    expect(s.text()).toBe(`Chest pain.\n${html.slice('<p>Chest pain.</p>'.length)}`);
  });
});

describe('markupToText', () => {
  it('is linear on unclosed tags, comments, script and style elements', () => {
    expect(markupToText(`a${'<'.repeat(2 * N)}`)).toBe(`a${'<'.repeat(2 * N)}`);
    expect(markupToText(`a${'<'.repeat(2 * N)}>b`)).toBe('a b');
    expect(markupToText(`a<${'b:'.repeat(N)}`)).toBe(`a<${'b:'.repeat(N)}`);
    expect(markupToText(`a<!--${'<!--'.repeat(M / 4)}`)).toBe(`a<!--${'<!--'.repeat(M / 4)}`);
    expect(markupToText(`a${'<style'.repeat(M / 6)}`)).toBe(`a${'<style'.repeat(M / 6)}`);
    expect(markupToText(`a${'<script>'.repeat(M / 8)}</style>b`)).toBe('a b');
    expect(markupToText(`<p>a</p><script>${'</script '.repeat(N / 10)}`)).toBe(`a\n${'</script '.repeat(N / 10).trim()}`);
  });

  it('is linear on long rows of empty cells', () => {
    expect(markupToText(`${' |'.repeat(N)}x`)).toBe(`|${' |'.repeat(N - 2)}x`);
    expect(markupToText(`x${' |'.repeat(N)}`)).toBe('x');
    expect(markupToText(`<table><tr><td>a</td>${'<td></td>'.repeat(N / 2)}</tr></table>`)).toBe('a');
    expect(markupToText(`<table><tr>${'<td></td>'.repeat(N / 2)}<td>a</td></tr></table>`)).toBe(`${'| '.repeat(N / 2 - 1)}a`);
  });

  it('gives exactly what the previous regexes gave', () => {
    const token = fc.constantFrom(
      ...['<', '>', '/', '</', '!', 'script', 'SCRIPT', 'Style', '<script>', '</script>', '</SCRIPT >', '<style x>', '</style\n>', '<!--', '-->', '--', '-', ':', '_'],
      ...['td', 'th', 'TR', 'li', 'item', 'a', 'b1', 'x:td', 'p', 'br', 'h1', '<td>', '</td>', '<tr>', '</tr>', '<br/>', '<p>'],
      ...[' ', '  ', '|', ' |', '| ', '\n', '\r', '\r\n', '\t', '\u2028', '\u00a0', '\u3000', '\ufeff', 'x', '&amp;', '&#124;', '&#x20;', '&lt;', '&gt;', '&nbsp;', '='],
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), (parts) => {
        const html = parts.join('');
        expect(markupToText(html)).toBe(oldMarkupToText(html));
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'<>/!-_:| \n\u2028tdrscipySTa&;#1'), maxLength: 30 }), (html) => {
        expect(markupToText(html)).toBe(oldMarkupToText(html));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('PDF and scan page text', () => {
  it('strips trailing blanks of PDF text lines next to a long run of blanks', () => {
    // Real pdfjs collapses runs of blank glyphs before this step, so the page's items are given directly.
    const blanks = ' \t'.repeat(N / 2);
    const items = [
      { str: `x${blanks}y`, hasEOL: false },
      { str: blanks, hasEOL: true },
      { str: `end of the page${blanks}`, hasEOL: false },
    ];
    expect(textOf({ items })).toBe(`x${blanks}y\nend of the page`);
  });

  it('strips trailing blanks of scanned page lines next to a long run of blanks', () => {
    const blanks = '\t '.repeat(N / 2);
    const r = assemble([{ text: `x${blanks}y\r\nz${blanks}\n${blanks}w${blanks}`, ocrConfidence: null }]);
    expect(r.text).toBe(`x${blanks}y\nz\n${blanks}w`);
  });
});
