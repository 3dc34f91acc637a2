import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { Store } from '../../../electron/core/db/store';
import type { ImportFile } from '../../../electron/core/ingest/importer';
import { createImageImporter, createPdfImporter, OcrPool, ocrWorkerOptions, pdfjsDataPaths, readPdf } from '../../../electron/core/ingest/ocr';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { bilevelScanPdf, blankPng, blankPngOfSize, encryptedPdf, makePdf, multiPageTiff, textPng } from '../../support/ocr-images';
import { corporaDir } from '../../support/corpora';
import { newKey, tmpDir } from '../../support/tmp';

// Real OCR on a machine shared with other jobs: generous limits (speed is measured by the bench, not here).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

// One worker, spawned through an entry that disables fetch/sockets in the worker thread.
const pool = new OcrPool({ size: 1, workerPath: path.resolve('test/support/ocr-offline-worker.cjs') });
afterAll(() => pool.terminate());

const images = createImageImporter({ pool: () => pool });
const pdfs = createPdfImporter({ pool: () => pool });
const asFile = (bytes: Buffer, name: string): ImportFile => ({ name, bytes, sha256: createHash('sha256').update(bytes).digest('hex') });

function openStore(): Store {
  const dir = tmpDir();
  return Store.open({ path: path.join(dir, 's.ntk'), keys: newKey(dir).keys, create: true });
}

const NOTE = ['DISCHARGE SUMMARY', 'Diagnosis: I21.4 acute myocardial infarction', 'Glucose 121.4 mg/dL on admission', 'Follow up with cardiology in two weeks'];

describe('OCR runs offline', () => {
  it('points tesseract.js at local files only, with the model cache off', () => {
    const o = ocrWorkerOptions();
    for (const p of [o.langPath, o.workerPath, o.corePath]) {
      expect(path.isAbsolute(p)).toBe(true);
      expect(p).not.toMatch(/^[a-z]+:\/\//i);
      expect(fs.existsSync(p)).toBe(true);
    }
    expect(fs.existsSync(path.join(o.langPath, 'eng.traineddata.gz'))).toBe(true);
    expect(o.cacheMethod).toBe('none');
    // pdfjs reads its fonts, CMaps and WASM decoders from the package folder too.
    for (const p of Object.values(pdfjsDataPaths())) {
      expect(path.isAbsolute(p) && fs.existsSync(p)).toBe(true);
    }
  });
});

describe('scanned images and PDFs into an encrypted store', () => {
  it('OCRs a PNG (network disabled in the worker) into a scanned document with page confidence', async () => {
    const before = new Set(fs.readdirSync(process.cwd()));
    const store = openStore();
    const file = asFile(textPng(NOTE), 'scan.png');
    expect(images.detect(file)).toBe(true);
    const parsed = await images.parse(file, {});
    const w = new ChartWriter(store.db);
    store.db.transaction(() => images.write(parsed, w, file))();

    const doc = store.db.prepare('SELECT d.source_system, d.source_id, d.doc_type, d.format, d.text, d.ocr_confidence, d.needs_review, p.source_system AS psys, p.source_id AS pid FROM document d JOIN patient p ON p.id = d.patient_id').get() as Record<string, string | number>;
    expect(doc).toMatchObject({ source_system: 'import-file', source_id: file.sha256, doc_type: 'scanned', format: 'ocr', needs_review: 0, psys: 'import-file', pid: file.sha256 });
    expect(doc.text).toMatch(/DISCHARGE SUMMARY/);
    expect(doc.text).toMatch(/I21\.4/);
    expect(doc.text).toMatch(/121\.4 mg\/dL/); // the lab value is not "repaired" into a code
    expect(doc.text).toMatch(/cardiology/);
    expect(doc.ocr_confidence).toBeGreaterThan(60);
    const pages = store.db.prepare('SELECT page_no, start, end, ocr_confidence, low_confidence FROM document_page').all() as Array<Record<string, number>>;
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ page_no: 1, start: 0, end: (doc.text as string).length, low_confidence: 0 });
    // No model cache or temp image written beside us.
    expect(fs.readdirSync(process.cwd()).filter((f) => !before.has(f))).toEqual([]);
    store.close();
  });

  it('reads multi-page TIFF and JPEG scans; a code OCR misreads next to "Dx" is repaired', async () => {
    const tiff = asFile(multiPageTiff([['TIFF SCAN', 'Dx: I10'], ['SECOND PAGE', 'Signed by the attending']]), 'a.tif');
    expect(images.detect(tiff)).toBe(true);
    const t = await images.parse(tiff, {});
    expect(t.pages).toHaveLength(2);
    expect(t.text.slice(t.pages[0]!.start, t.pages[0]!.end)).toMatch(/TIFF SCAN\nDx: I10/);
    expect(t.text.slice(t.pages[1]!.start, t.pages[1]!.end)).toMatch(/SECOND PAGE\nSigned by the attending/);
    const png = await loadImage(textPng(['JPEG SCAN', 'Follow up in clinic']));
    const c = createCanvas(png.width, png.height);
    c.getContext('2d').drawImage(png, 0, 0);
    const jpeg = asFile(c.toBuffer('image/jpeg', 90), 'b.jpg');
    expect(images.detect(jpeg)).toBe(true);
    expect((await images.parse(jpeg, {})).text).toMatch(/JPEG SCAN\nFollow up in clinic/);
  });

  it('reads a PDF page by page: text layer where there is one, OCR for the scanned page; a blank scan needs review', async () => {
    const store = openStore();
    const w = new ChartWriter(store.db);
    const patient = w.patient({ sourceSystem: 'ehr', sourceId: 'P-7' });
    const importer = createPdfImporter({ pool: () => pool, patientSourceSystem: 'ehr', patientSourceId: 'P-7' });
    const file = asFile(await makePdf([['Referral letter', 'Please see the attached scanned progress note.'], textPng(['PROGRESS NOTE', 'Assessment: stable angina'])]), 'x.pdf');
    expect(importer.detect(file)).toBe(true);
    const parsed = await importer.parse(file, {});
    store.db.transaction(() => importer.write(parsed, w, file))();
    const doc = store.db.prepare('SELECT id, patient_id, format, text, needs_review FROM document').get() as { id: number; patient_id: number; format: string; text: string; needs_review: number };
    expect(doc).toMatchObject({ patient_id: patient, format: 'ocr', needs_review: 0 });
    const pages = store.db.prepare('SELECT start, end, ocr_confidence, low_confidence FROM document_page ORDER BY page_no').all() as Array<{ start: number; end: number; ocr_confidence: number | null }>;
    expect(pages).toHaveLength(2);
    expect(pages[0]!.ocr_confidence).toBeNull();
    expect(doc.text.slice(pages[0]!.start, pages[0]!.end)).toMatch(/^Referral letter\nPlease see the attached/);
    expect(pages[1]!.ocr_confidence).toBeGreaterThan(60);
    expect(doc.text.slice(pages[1]!.start, pages[1]!.end)).toMatch(/PROGRESS NOTE[\s\S]*stable angina/);

    const blank = asFile(await makePdf([blankPng()]), 'blank.pdf');
    const p2 = await pdfs.parse(blank, {});
    expect(p2).toMatchObject({ format: 'ocr', needsReview: true });
    expect(p2.pages[0]).toMatchObject({ lowConfidence: true });

    const text = asFile(await makePdf([['Operative note', 'Procedure: laparoscopic appendectomy without complication']]), 't.pdf');
    expect(await pdfs.parse(text, {})).toMatchObject({ format: 'pdf-text', ocrConfidence: null, needsReview: false, pages: [{ ocrConfidence: null, lowConfidence: false }] });
    store.close();
  });

  it('reads a 1-bit fax-style scan both by rendering the page and, without a canvas, from its embedded image', async () => {
    const pdf = bilevelScanPdf(['BILEVEL FAX PAGE', 'Dx: I21.4 NSTEMI']);
    const parsed = await pdfs.parse(asFile(pdf, 'fax.pdf'), {});
    expect(parsed.text).toMatch(/BILEVEL FAX PAGE\nDx: I21\.4 NSTEMI/); // OCR tends to read 'I21.4' as '121.4': repaired
    const extracted = await readPdf(pdf, { ocr: (b) => pool.recognize(b), scanMode: 'extract' });
    expect(extracted[0]!.text).toMatch(/BILEVEL FAX PAGE/);
    expect(extracted[0]!.ocrConfidence).toBeGreaterThan(60);
    // Someone else's invisible OCR layer over the scan is not trusted: the page is OCR'd here.
    const layered = bilevelScanPdf(['LAYERED SCAN'], { invisibleText: 'Iie Selim Dot ihm wees garbage from another engine' });
    const pages = await readPdf(layered, { ocr: (b) => pool.recognize(b) });
    expect(pages[0]!.text).toMatch(/LAYERED SCAN/);
    expect(pages[0]!.ocrConfidence).not.toBeNull();
  });

  it('refuses truncated or encrypted PDFs and non-images with BAD_INPUT', async () => {
    const good = await makePdf([['Hello there, this is a text page']]);
    await expect(pdfs.parse(asFile(good.subarray(0, Math.floor(good.length / 2)), 'a.pdf'), {})).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/truncated/) });
    await expect(pdfs.parse(asFile(encryptedPdf(), 'b.pdf'), {})).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/encrypted/) });
    await expect(pdfs.parse(asFile(Buffer.from('%PDF-1.7\ngarbage\n%%EOF\n'), 'c.pdf'), {})).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(images.parse(asFile(Buffer.from('this is not really a picture'), 'd.png'), {})).rejects.toMatchObject({ code: 'BAD_INPUT' });
    const png = textPng(['truncated']);
    await expect(images.parse(asFile(png.subarray(0, 200), 'e.png'), {})).rejects.toMatchObject({ code: 'BAD_INPUT' });
    // The pool survives a bad image and keeps serving.
    expect((await pool.recognize(textPng(['STILL WORKING']))).text).toMatch(/STILL WORKING/);
    expect(pool.workers).toBe(1);
  });

  it('refuses a page image declared over the size limit, and stops a cancelled TIFF, without handing them to a worker', async () => {
    // 100 MB of pixels deflated to ~100 KB: a valid PNG the engine would otherwise decode whole.
    const bomb = blankPngOfSize(10_001, 10_000);
    expect(bomb.length).toBeLessThan(1 << 20);
    const fresh = new OcrPool({ size: 1, workerPath: path.resolve('test/support/ocr-offline-worker.cjs') });
    try {
      const parse = createImageImporter({ pool: () => fresh }).parse(asFile(bomb, 'huge.png'), {});
      await expect(parse).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/10,001 × 10,000 pixels \(101 megapixels\); OCR reads pages up to 100 megapixels/) });
      expect(fresh.workers).toBe(0);
      // A cancelled import stops a multi-page TIFF between pages, before OCR'ing another.
      const tiff = multiPageTiff([['ONE'], ['TWO'], ['THREE']], { width: 200, size: 20 });
      const cancelled = createImageImporter({ pool: () => fresh }).parse(asFile(tiff, 'pages.tif'), { signal: AbortSignal.abort() });
      await expect(cancelled).rejects.toMatchObject({ code: 'CONFLICT', message: /cancelled/ });
      expect(fresh.workers).toBe(0);
    } finally {
      await fresh.terminate();
    }
  });
});

const FORMS = path.join(corporaDir(), 'scanned-forms');
describe.skipIf(!fs.existsSync(FORMS))('scanned-forms corpus (eval)', () => {
  it('OCRs a real scanned discharge summary', async () => {
    const bytes = fs.readFileSync(path.join(FORMS, 'industry__insurance__dataset__document_samples__discharge-summary.png'));
    const parsed = await images.parse(asFile(bytes, 'x.png'), {});
    for (const w of ['Discharge Summary', 'Hospital', 'Patient', 'Admitted', 'Discharged', 'Assessment']) expect(parsed.text).toContain(w);
    expect(parsed.ocrConfidence).toBeGreaterThan(70);
  });

  it('flags a handwritten note (a photo under a junk OCR layer) for review instead of trusting its text', async () => {
    const bytes = fs.readFileSync(path.join(FORMS, 'gen-ai__samples__hand_written_note.pdf'));
    const parsed = await pdfs.parse(asFile(bytes, 'x.pdf'), {});
    expect(parsed).toMatchObject({ format: 'ocr', needsReview: true, pages: [{ lowConfidence: true }] });
  });
});
