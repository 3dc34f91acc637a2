import { useState, type FormEvent } from 'react';
import type { AppError } from '../../../shared/result';
import { errorOf } from '../../api';

/** A form's submit: prevents the page reload, shows busy while it runs, keeps the error to show. */
export function useSubmit(action: () => Promise<void>): { busy: boolean; error: AppError | undefined; onSubmit: (e: FormEvent) => void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError>();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    void action()
      .catch((err: unknown) => setError(errorOf(err)))
      .finally(() => setBusy(false));
  };
  return { busy, error, onSubmit };
}
