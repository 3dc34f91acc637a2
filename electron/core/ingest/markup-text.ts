/**
 * Plain text from (X)HTML markup, for document attachments and FHIR narratives: block elements
 * become line breaks, tags are dropped and the common entities decoded. A linear scan, no DOM.
 */
const BLOCK = /^(br|p|div|li|tr|h[1-6]|table|ul|ol|section|title|pre|blockquote)$/i;
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
  const noCode = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<!--[\s\S]*?-->/g, ' ');
  const text = noCode.replace(/<\/?([A-Za-z][A-Za-z0-9:-]*)\b[^>]*>/g, (_m, tag: string) => (BLOCK.test(tag.replace(/^.*:/, '')) ? '\n' : ' '));
  return normalizeText(decodeEntities(text.replace(/<[^>]*>/g, ' ')));
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
