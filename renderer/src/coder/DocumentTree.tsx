import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { DocumentSummary } from '../../../shared/chart-contract';

export const DOC_TYPE_LABEL: Record<string, string> = {
  'discharge-summary': 'Discharge summaries',
  'history-and-physical': 'History and physicals',
  'progress-note': 'Progress notes',
  'operative-note': 'Operative notes',
  consult: 'Consults',
  result: 'Results',
  scanned: 'Scanned pages',
};
const ORDER = Object.keys(DOC_TYPE_LABEL);

type Row = { kind: 'group'; type: string; count: number; open: boolean } | { kind: 'doc'; doc: DocumentSummary };

/**
 * The chart's documents grouped by type, newest first within a type; virtualized so a chart of
 * thousands of documents scrolls without rendering them all. Arrow keys move, Enter opens,
 * Left/Right close/open a group.
 */
export function DocumentTree({
  documents,
  active,
  hits,
  onOpen,
}: {
  documents: DocumentSummary[];
  active: string | null;
  hits: Record<string, number> | null;
  onOpen(id: string): void;
}) {
  const [closed, setClosed] = useState<Set<string>>(new Set());
  const [cursor, setCursor] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);

  const rows = useMemo<Row[]>(() => {
    const byType = new Map<string, DocumentSummary[]>();
    for (const d of documents) {
      if (hits && !hits[d.id]) continue;
      const list = byType.get(d.docType) ?? [];
      list.push(d);
      byType.set(d.docType, list);
    }
    const types = [...byType.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const out: Row[] = [];
    for (const type of types) {
      const docs = byType.get(type)!.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
      const open = !closed.has(type);
      out.push({ kind: 'group', type, count: docs.length, open });
      if (open) for (const doc of docs) out.push({ kind: 'doc', doc });
    }
    return out;
  }, [documents, closed, hits]);

  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => 30, overscan: 12 });

  const toggle = (type: string, open?: boolean) =>
    setClosed((c) => {
      const next = new Set(c);
      if (open ?? next.has(type)) next.delete(type);
      else next.add(type);
      return next;
    });

  const move = (to: number) => {
    const i = Math.max(0, Math.min(rows.length - 1, to));
    setCursor(i);
    virtual.scrollToIndex(i, { align: 'auto' });
  };

  const onKey = (e: KeyboardEvent) => {
    const row = rows[cursor];
    switch (e.key) {
      case 'ArrowDown':
        move(cursor + 1);
        break;
      case 'ArrowUp':
        move(cursor - 1);
        break;
      case 'PageDown':
        move(cursor + 15);
        break;
      case 'PageUp':
        move(cursor - 15);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(rows.length - 1);
        break;
      case 'ArrowLeft':
        if (row?.kind === 'group') toggle(row.type, false);
        break;
      case 'ArrowRight':
        if (row?.kind === 'group') toggle(row.type, true);
        break;
      case 'Enter':
      case ' ':
        if (row?.kind === 'doc') onOpen(row.doc.id);
        else if (row) toggle(row.type);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const rowId = (i: number) => `doc-row-${i}`;
  return (
    <div
      ref={scrollRef}
      className="doc-tree"
      role="tree"
      aria-label="Documents by type and date"
      tabIndex={0}
      onKeyDown={onKey}
      aria-activedescendant={rows.length ? rowId(cursor) : undefined}
      data-testid="doc-tree"
    >
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtual.getVirtualItems().map((v) => {
          const row = rows[v.index]!;
          const style = { position: 'absolute' as const, top: 0, left: 0, right: 0, height: v.size, transform: `translateY(${v.start}px)` };
          const isCursor = v.index === cursor;
          if (row.kind === 'group') {
            return (
              <div
                key={`g-${row.type}`}
                id={rowId(v.index)}
                role="treeitem"
                aria-expanded={row.open}
                aria-level={1}
                className={`tree-group${isCursor ? ' cursor' : ''}`}
                style={style}
                onClick={() => (setCursor(v.index), toggle(row.type))}
              >
                <span aria-hidden="true">{row.open ? '▾' : '▸'}</span> {DOC_TYPE_LABEL[row.type] ?? (row.type === 'note' ? 'Other notes' : row.type)} <span className="muted">({row.count})</span>
              </div>
            );
          }
          const d = row.doc;
          return (
            <div
              key={d.id}
              id={rowId(v.index)}
              role="treeitem"
              aria-level={2}
              aria-selected={d.id === active}
              className={`tree-doc${isCursor ? ' cursor' : ''}${d.id === active ? ' active' : ''}`}
              style={style}
              onClick={() => (setCursor(v.index), onOpen(d.id))}
              title={d.title}
            >
              <span className="mono date">{d.date?.slice(0, 10) ?? '—'}</span> <span className="title">{d.title}</span>
              {d.needsReview && <span className="badge neutral small">review</span>}
              {hits?.[d.id] ? <span className="hit-count">{hits[d.id]}</span> : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function rank(type: string): number {
  const i = ORDER.indexOf(type);
  return i < 0 ? ORDER.length : i;
}
