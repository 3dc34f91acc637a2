import { describe, expect, it } from 'vitest';
import { closeOcrPool, OcrPool, ocrPool } from '../../../../electron/core/ingest/ocr/pool';
import { testBackend } from '../../../support/backend';

describe('OCR pool lifecycle', () => {
  it('is sized to the cores, starts no worker until the first page, and is closed with the backend', async () => {
    const p = new OcrPool();
    expect(p.size).toBeGreaterThanOrEqual(1);
    expect(p.workers).toBe(0);
    await p.terminate();
    await expect(p.recognize(Buffer.from('x'))).rejects.toMatchObject({ code: 'INTERNAL' });

    const t = testBackend();
    const shared = ocrPool();
    expect(ocrPool()).toBe(shared);
    t.backend.close();
    await expect(shared.recognize(Buffer.from('x'))).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(ocrPool()).not.toBe(shared);
    await closeOcrPool();
  });
});
