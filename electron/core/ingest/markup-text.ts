/**
 * Plain text from (X)HTML markup, for document attachments and FHIR narratives: block elements
 * become line breaks, tags are dropped and the common entities decoded. Linear time, no DOM.
 */
const BLOCK = /^(br|p|paragraph|div|table|list|caption|h[1-6]|section|title|pre|blockquote|ul|ol)$/i;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '';
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

export function markupToText(html: string): string {
  // Markup whitespace collapses (as in HTML); line breaks come from block elements, cells are joined by ' | '.
  // Every step is linear in the input: the file is untrusted and this runs in the main process, so an
  // unclosed '<', '<!--' or '<script' must not make a regex rescan the rest of the text from every position.
  const noCode = dropComments(dropCode(html)).replace(/\s+/g, ' ');
  const text = replaceClosedTags(noCode, /<(\/?)([A-Za-z][A-Za-z0-9:-]*)\b[^>]*>/g, (_m, close: string, tag: string) => {
    const t = tag.replace(/^.*:/, '');
    if (/^(td|th)$/i.test(t)) return close ? ' | ' : ' ';
    if (/^(tr|li|item)$/i.test(t)) return close ? ' ' : '\n';
    return BLOCK.test(t) ? '\n' : ' ';
  });
  return dropTrailingCellBars(normalizeText(decodeEntities(replaceClosedTags(text, /<[^>]*>/g, () => ' ')))).replace(/^\| /gm, '');
}

/**
 * `s.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')`, in linear time. When an element has no
 * closing tag, no later element of the same name can have one either (its search starts further on),
 * so that name is not searched for again.
 */
function dropCode(s: string): string {
  let out = '';
  let last = 0;
  const unclosed = new Set<string>();
  const open = /<(script|style)\b/gi;
  const closers: Record<string, RegExp> = { script: /<\/script\s*>/gi, style: /<\/style\s*>/gi };
  let m: RegExpExecArray | null;
  while (unclosed.size < 2 && (m = open.exec(s)) !== null) {
    const name = m[1]!.toLowerCase();
    if (unclosed.has(name)) continue;
    const gt = s.indexOf('>', open.lastIndex);
    if (gt < 0) break; // no tag can be complete from here on
    const close = closers[name]!;
    close.lastIndex = gt + 1;
    if (close.exec(s) === null) {
      unclosed.add(name);
      continue;
    }
    out += s.slice(last, m.index) + ' ';
    last = close.lastIndex;
    open.lastIndex = last;
  }
  return out + s.slice(last);
}

/** `s.replace(/<!--[\s\S]*?-->/g, ' ')`, in linear time (an unclosed comment ends the search). */
function dropComments(s: string): string {
  let out = '';
  let last = 0;
  for (let at = s.indexOf('<!--'); at >= 0; at = s.indexOf('<!--', last)) {
    const end = s.indexOf('-->', at + 4);
    if (end < 0) break;
    out += s.slice(last, at) + ' ';
    last = end + 3;
  }
  return out + s.slice(last);
}

/**
 * `s.replace(re, fn)` for a global `re` whose every match ends at the first '>' after its '<'. No match
 * can succeed past the last '>', and with that tail cut off every '<' the regex reaches finds its '>':
 * without the cut, each '<' of a run of unclosed ones would rescan the rest of the text (quadratic).
 */
function replaceClosedTags(s: string, re: RegExp, fn: (m: string, ...groups: string[]) => string): string {
  const end = s.lastIndexOf('>') + 1;
  return s.slice(0, end).replace(re, fn) + s.slice(end);
}

const isLineTerminator = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;

/**
 * `s.replace(/( \| ?)+$/gm, '')` (the empty cells a row ends with), in linear time: each line loses its
 * longest suffix of bars each preceded by one space, or by two after an earlier bar, with at most one
 * space after the last.
 */
function dropTrailingCellBars(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i < s.length && !isLineTerminator(s.charCodeAt(i))) continue;
    let cut = i;
    let j = i > from && s[i - 1] === ' ' ? i - 1 : i;
    while (j > from && s[j - 1] === '|') {
      const bar = j - 1;
      let k = bar;
      while (k > from && bar - k < 2 && s[k - 1] === ' ') k--;
      if (k === bar) break;
      cut = bar - 1;
      j = k;
    }
    out += s.slice(from, cut);
    if (i < s.length) out += s[i];
    from = i + 1;
  }
  return out;
}

/** Collapses runs of spaces, trims each line and keeps at most one blank line in a row. */
export function normalizeText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
