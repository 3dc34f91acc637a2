import type { ReactNode } from 'react';

/** A table's header row: one column header per entry. */
export function GridHead({ cols }: { cols: ReactNode[] }) {
  return (
    <thead>
      <tr>
        {cols.map((c, i) => (
          <th key={i} scope="col">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}
