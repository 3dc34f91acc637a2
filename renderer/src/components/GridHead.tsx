import type { ReactNode } from 'react';

/** A numeric column: its header is right-aligned like its cells. */
interface NumCol {
  num: ReactNode;
}

/** Marks a column as numeric (`className="num"`). */
export const num = (label: ReactNode): NumCol => ({ num: label });

const isNum = (c: ReactNode | NumCol): c is NumCol => typeof c === 'object' && c !== null && 'num' in c;

/** A table's header row: one column header per entry. */
export function GridHead({ cols }: { cols: Array<ReactNode | NumCol> }) {
  return (
    <thead>
      <tr>
        {cols.map((c, i) =>
          isNum(c) ? (
            <th key={i} scope="col" className="num">
              {c.num}
            </th>
          ) : (
            <th key={i} scope="col">
              {c}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
