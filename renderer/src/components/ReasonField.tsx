import { useId } from 'react';

/** A free-text reason with a visible minimum length (justifications, break-glass explanations). */
export function ReasonField({ label, value, onChange, min, autoFocus }: { label: string; value: string; onChange: (v: string) => void; min: number; autoFocus?: boolean }) {
  const id = useId();
  const n = value.trim().length;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-hint`} autoFocus={autoFocus} />
      <small id={`${id}-hint`} className={n < min ? 'warn' : 'muted'}>
        {n} / at least {min} characters
      </small>
    </div>
  );
}
