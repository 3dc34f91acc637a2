import { useState } from 'react';
import { call } from '../../api';
import { Field } from '../components/Field';
import { ModalForm } from '../components/ModalForm';
import { useSubmit } from '../components/use-submit';

/** Files one imported scan (by its place in the results) under the patient with the MRN typed here. */
export function FileScanDialog({ result, file, onDone, onCancel }: { result: number; file: string; onDone(): void; onCancel(): void }) {
  const [mrn, setMrn] = useState('');
  const { busy, error, onSubmit } = useSubmit(async () => {
    await call('fileScan', { result, mrn: mrn.trim() });
    onDone();
  });
  return (
    <ModalForm title={`File ${file} under a patient`} onSubmit={onSubmit} onCancel={onCancel} error={error} submitLabel="File scan" submitDisabled={busy || !mrn.trim()}>
      <p className="hint">The scan came without a sidecar naming its patient. Enter the MRN of the patient it belongs to; the filing is audited.</p>
      <Field label="Patient MRN" value={mrn} onChange={(e) => setMrn(e.target.value)} autoFocus autoComplete="off" spellCheck={false} maxLength={64} />
    </ModalForm>
  );
}
