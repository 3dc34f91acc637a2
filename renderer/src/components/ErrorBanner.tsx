import type { AppError } from '../../../shared/result';

export function ErrorBanner({ error }: { error?: AppError }) {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {error.message}
    </p>
  );
}
