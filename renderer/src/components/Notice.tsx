/** A polite status line (saved, exported, ...) read out by screen readers; nothing when empty. */
export function Notice({ text }: { text?: string | null }) {
  if (!text) return null;
  return (
    <p role="status" className="notice">
      {text}
    </p>
  );
}
