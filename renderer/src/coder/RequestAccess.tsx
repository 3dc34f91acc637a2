import { useEffect, useRef } from 'react';

/**
 * "Request access" for a masked section. The access request flow (RequestAccessDialog) is built
 * with the access service; until it is part of this build, this says so instead of pretending.
 */
export function RequestAccess({ onClose }: { requestHandle: string; encounterId: number; onClose(): void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <section className="panel modal" role="dialog" aria-modal="true" aria-labelledby="ra-heading">
        <h2 id="ra-heading">Request access</h2>
        <p>Access requests are not available in this build yet. Ask your privacy officer if you need this section for your work.</p>
        <div className="row end">
          <button type="button" ref={ref} onClick={onClose}>
            Close
          </button>
        </div>
      </section>
    </div>
  );
}
