import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { DocumentView, SectionView } from '../../../shared/chart-contract';
import type { SelectedFact } from './coder-store';
import { sentences, type Span } from './text-spans';

type Visible = Extract<SectionView, { visibility: 'visible' }>;
type Masked = Extract<SectionView, { visibility: 'masked' }>;

interface Mark extends Span {
  cls: string;
  title?: string;
}

/** Cuts text at every mark boundary and wraps each piece in the classes of the marks over it. */
function renderMarked(text: string, marks: Mark[]): ReactNode[] {
  const cuts = new Set([0, text.length]);
  for (const m of marks) {
    cuts.add(Math.max(0, Math.min(text.length, m.start)));
    cuts.add(Math.max(0, Math.min(text.length, m.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: ReactNode[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i]!, points[i + 1]!];
    const over = marks.filter((m) => m.start <= a && m.end >= b);
    const piece = text.slice(a, b);
    if (!over.length) out.push(piece);
    else
      out.push(
        <span key={a} className={over.map((m) => m.cls).join(' ')} title={over.find((m) => m.title)?.title}>
          {piece}
        </span>,
      );
  }
  return out;
}

function occurrences(text: string, query: string): Span[] {
  if (query.length < 2) return [];
  const hay = text.toLowerCase();
  const needle = query.toLowerCase();
  const out: Span[] = [];
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) out.push({ start: i, end: i + needle.length });
  return out;
}

/** Offsets of the current selection inside a section's text element, or null when it is not wholly inside one. */
export function selectionIn(container: HTMLElement): Span | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
  const before = document.createRange();
  before.selectNodeContents(container);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  const end = start + range.toString().length;
  return end > start ? { start, end } : null;
}

export function DocumentPane({
  doc,
  facts,
  findQuery,
  onAddFact,
  onRequestAccess,
}: {
  doc: DocumentView;
  facts: SelectedFact[];
  findQuery: string;
  onAddFact(section: Visible, span: Span): void;
  onRequestAccess(m: Masked): void;
}) {
  const [cursor, setCursor] = useState<{ section: string; index: number } | null>(null);
  const paneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setCursor(null);
    paneRef.current?.scrollTo({ top: 0 });
    performance.mark('ntk:document-shown');
  }, [doc.id]);

  const addSelection = () => {
    for (const el of paneRef.current?.querySelectorAll<HTMLElement>('[data-section-text]') ?? []) {
      const span = selectionIn(el);
      const s = doc.sections.find((x) => x.visibility === 'visible' && x.id === el.dataset.sectionText) as Visible | undefined;
      if (span && s) {
        onAddFact(s, trim(s.text, span));
        window.getSelection()?.removeAllRanges();
        return true;
      }
    }
    return false;
  };

  const onSectionKey = (s: Visible, e: KeyboardEvent) => {
    const list = sentences(s.text);
    const index = cursor?.section === s.id ? cursor.index : -1;
    if (e.key === 'ArrowDown' || e.key === 'j') setCursor({ section: s.id, index: Math.min(list.length - 1, index + 1) });
    else if (e.key === 'ArrowUp' || e.key === 'k') setCursor({ section: s.id, index: Math.max(0, index - 1) });
    else if (e.key === 'Enter' || e.key === 'a') {
      if (addSelection()) return e.preventDefault();
      const sentence = list[index];
      if (sentence) onAddFact(s, sentence);
    } else return;
    e.preventDefault();
  };

  return (
    <article className="doc-pane" aria-labelledby="doc-title" ref={paneRef} data-testid="doc-pane">
      <header className="doc-head">
        <h2 id="doc-title">{doc.title}</h2>
        <span className="muted mono">{doc.date?.slice(0, 10) ?? ''}</span>
        {doc.needsReview && <span className="badge neutral">OCR: needs review</span>}
        <span className="spacer" />
        <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => addSelection()} aria-keyshortcuts="A" title="Add the selected text as a fact (A)">
          Add selection as fact
        </button>
      </header>
      {doc.sections.map((s) =>
        s.visibility === 'masked' ? (
          <div key={s.requestHandle} className="masked-bar" role="group" aria-label="Restricted section">
            <span className="lock" aria-hidden="true">
              ■
            </span>
            <div className="masked-text">
              <strong>Restricted section</strong>
              <span>{s.rationale}</span>
              <span className="muted small">Rule {s.ruleId}</span>
            </div>
            <button type="button" onClick={() => onRequestAccess(s)}>
              Request access
            </button>
          </div>
        ) : (
          <section key={s.id} className="doc-section" aria-label={s.title || 'Section'}>
            <h3>
              {s.title || 'Untitled section'}
              {s.labels.map((l) => (
                <span key={l} className="badge label-badge" title="Sensitivity label">
                  {l}
                </span>
              ))}
            </h3>
            <div
              className="section-text"
              data-section-text={s.id}
              tabIndex={0}
              role="document"
              aria-label={`${s.title || 'Section'} text: arrows pick a sentence, Enter adds it as a fact`}
              onKeyDown={(e) => onSectionKey(s, e)}
            >
              {renderMarked(s.text, marksFor(s, facts, findQuery, cursor?.section === s.id ? sentences(s.text)[cursor.index] : undefined))}
            </div>
          </section>
        ),
      )}
    </article>
  );
}

function marksFor(s: Visible, facts: SelectedFact[], findQuery: string, sentence: Span | undefined): Mark[] {
  const marks: Mark[] = s.tokens.map((t) => ({ start: t.start, end: t.end, cls: t.mode === 'mask' ? 'idtok' : 'idtok gen', title: t.mode === 'mask' ? `${t.type} hidden` : `${t.type} generalized` }));
  for (const f of facts) if (f.sectionId === s.id) marks.push({ start: f.start, end: f.end, cls: 'fact-mark' });
  for (const o of occurrences(s.text, findQuery)) marks.push({ ...o, cls: 'find-hit' });
  if (sentence) marks.push({ ...sentence, cls: 'sentence-cursor' });
  return marks;
}

/** Drops whitespace at either end of a selection. */
function trim(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}
