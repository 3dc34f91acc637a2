import { useId, type FormEvent, type ReactNode } from 'react';
import type { AppError } from '../../../shared/result';
import { ErrorBanner } from './ErrorBanner';

/** A modal form: title, the caller's fields, its error, a submit and a Cancel button; Escape cancels. */
export function ModalForm({
  title,
  onSubmit,
  onCancel,
  error,
  submitLabel,
  submitClass = 'primary',
  submitDisabled,
  children,
}: {
  title: string;
  onSubmit: (e: FormEvent) => void;
  onCancel: () => void;
  error: AppError | undefined;
  submitLabel: string;
  submitClass?: string;
  submitDisabled: boolean;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <form className="panel modal" role="dialog" aria-modal="true" aria-labelledby={titleId} onSubmit={onSubmit}>
        <h2 id={titleId}>{title}</h2>
        {children}
        <ErrorBanner error={error} />
        <div className="row">
          <button type="submit" className={submitClass} disabled={submitDisabled}>
            {submitLabel}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
