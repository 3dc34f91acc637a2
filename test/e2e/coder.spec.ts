/**
 * The coder workstation in Chromium on generated charts: worklist, purpose, a chart whose unrelated
 * behavioral-health section is a masked bar (its text in neither the DOM nor any IPC reply), two
 * facts picked by mouse and by keyboard, a compliant query, a PDF export after re-authentication,
 * parsed back. And the 1,000-document chart: first useful paint and long tasks while scrolling,
 * measured and reported (not asserted).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ChartWriter } from '../../electron/core/db/chart-writer';
import { seedDemo } from '../support/demo';
import { pdfText } from '../support/pdf-text';
import { ADMIN, expect, screenshotPath, test, type AppHarness } from './harness';

const TEMP = 'temporary harbor lantern 55';
const CODER_PASSWORD = 'seven quiet lanterns over the bay';

async function seedUsers(app: AppHarness): Promise<void> {
  const auth = app.backend.auth;
  await auth.setupFirstAdmin('seed-admin', ADMIN.username, ADMIN.displayName, ADMIN.password);
  await auth.addUser(auth.requireActive('seed-admin'), 'cora', 'Cora Coder', 'coder', TEMP);
  await auth.login('seed-cora', 'cora', TEMP);
  await auth.changePassword('seed-cora', TEMP, CODER_PASSWORD);
  auth.logout('seed-cora');
  auth.logout('seed-admin');
  app.secrets.push(ADMIN.password, TEMP, CODER_PASSWORD);
}

async function signInAsCoder(page: Page, app: AppHarness): Promise<void> {
  await app.open(page);
  await page.getByLabel('User name').fill('cora');
  await page.getByLabel('Password', { exact: true }).fill(CODER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('who')).toContainText('Cora Coder');
  await page.getByRole('tab', { name: 'Coding' }).click();
}

async function openEncounter(page: Page, encounterId: number): Promise<void> {
  await page.getByRole('search', { name: 'Filter the worklist' }).getByLabel('Search', { exact: true }).fill(`#${encounterId}`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('worklist-count')).toHaveText(/^1 of 1 /);
  await page.getByRole('button', { name: `Open encounter ${encounterId}` }).click();
  await expect(page.getByRole('dialog', { name: /Purpose of use/ })).toBeVisible();
}

test('a coder opens an encounter for inpatient coding, sees the unrelated behavioral-health section only as a masked bar, and exports a two-fact query', async ({ app, page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await seedUsers(app);
  const demo = seedDemo(app.backend, { patients: 8, seed: 7 });
  app.secrets.push(...demo.secrets.filter((s) => s.length > 3), ...demo.canaries.map((c) => c.phrase));
  const canary = demo.canaries.find((c) => c.unrelatedToEncounter && c.labels.some((l) => l === 'PSY' || l === 'ETH'))!;
  expect(canary).toBeDefined();
  const hiddenHere = demo.canaries.filter((c) => c.encounterId === canary.encounterId && c.unrelatedToEncounter).map((c) => c.phrase);

  await signInAsCoder(page, app);
  await expect(page.getByRole('table', { name: 'Encounters to code' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('coder-worklist') });

  await openEncounter(page, canary.encounterId);
  await page.getByRole('button', { name: 'Open chart' }).click();
  await expect(page.getByTestId('purpose-badge')).toHaveText('Inpatient coding');
  await expect(page.getByTestId('doc-pane')).toBeVisible();

  // Walk the documents until the masked bar shows (document ids are opaque handles).
  const docs = page.getByRole('treeitem', { level: 2 });
  const n = await docs.count();
  let found = false;
  for (let i = 0; i < n && !found; i++) {
    await docs.nth(i).click();
    found = (await page.getByRole('group', { name: 'Restricted section' }).count()) > 0;
  }
  expect(found).toBe(true);
  const bar = page.getByRole('group', { name: 'Restricted section' }).first();
  await expect(bar).toContainText('Restricted');
  await expect(bar.getByRole('button', { name: 'Request access' })).toBeVisible();
  const html = await page.content();
  for (const phrase of hiddenHere) expect(html).not.toContain(phrase);
  await bar.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('coder-chart') });
  // "Request access" opens the request flow (the reason is required); cancelling leaves the section masked.
  await bar.getByRole('button', { name: 'Request access' }).click();
  const ask = page.getByRole('dialog', { name: 'Request access to a restricted section' });
  await expect(ask.getByRole('button', { name: 'Send request' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Restricted section' }).first()).toBeVisible();

  // Fact 1 by mouse-style selection (the second line of the diagnoses), fact 2 by keyboard (arrows to a sentence, Enter).
  const texts = page.locator('[data-section-text]');
  const pick = async (title: RegExp, fallback: number) => {
    const named = page.getByRole('region', { name: title }).locator('[data-section-text]');
    return (await named.count()) ? named.first() : texts.nth(Math.min(fallback, (await texts.count()) - 1));
  };
  const diagnoses = await pick(/diagnos/i, 1);
  await diagnoses.evaluate((el) => {
    const full = el.textContent!;
    const from = full.indexOf('\n') + 1;
    const to = full.indexOf('\n', from) > 0 ? full.indexOf('\n', from) : full.length;
    // Map text offsets to DOM positions (tokens are their own spans).
    const at = (offset: number): [Node, number] => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const len = n.textContent!.length;
        if (seen + len >= offset) return [n, offset - seen];
        seen += len;
      }
      throw new Error('offset outside the section');
    };
    const range = document.createRange();
    range.setStart(...at(from));
    range.setEnd(...at(to));
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
  });
  await page.getByRole('button', { name: 'Add selection as fact' }).click();
  const course = await pick(/hospital course/i, 2);
  await course.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const facts = page.getByTestId('fact');
  await expect(facts).toHaveCount(2);
  const factTexts = (await facts.locator('blockquote').allInnerTexts()).map((t) => t.replace(/^“|”$/g, ''));

  await page.getByRole('button', { name: 'Build query from 2 facts' }).click();
  await page.getByLabel('Question to the provider').fill('Based on the clinical indicators above, can the diagnosis be further specified?');
  await page.getByLabel('Option 1', { exact: true }).fill('Lobar pneumonia of the right lower lobe');
  await page.getByLabel('Option 2', { exact: true }).fill('Pneumonia, organism not determined');
  await page.screenshot({ path: screenshotPath('coder-query-builder') });
  await page.getByRole('button', { name: 'Check and preview' }).click();
  const preview = page.getByRole('dialog', { name: /Preview: physician query/ });
  await expect(preview.getByTestId('query-preview-text')).toContainText('Clinically undetermined');
  for (const t of factTexts) await expect(preview.getByTestId('query-preview-text')).toContainText(t.slice(0, 20));
  const reasons = preview.getByRole('list', { name: 'Identifiers and sensitive labels in the query' }).getByRole('textbox');
  for (let i = 0; i < (await reasons.count()); i++) await reasons.nth(i).fill('The provider needs it to answer.');
  await page.screenshot({ path: screenshotPath('coder-query-preview') });

  // Every export asks for the password again (signing in moments ago does not count).
  await preview.getByRole('button', { name: 'Export PDF' }).click();
  const reauth = page.getByRole('dialog', { name: 'Confirm it is you' });
  await reauth.getByLabel('Password', { exact: true }).fill(CODER_PASSWORD);
  await reauth.getByRole('button', { name: 'Confirm' }).click();
  await expect(preview.getByTestId('export-done')).toContainText('Exported PDF');

  expect(app.exports).toHaveLength(1);
  const pdf = await pdfText(fs.readFileSync(app.exports[0]!));
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  for (const t of factTexts) expect(pdf).toContain(norm(t));
  const replies = app.replies.join('\n');
  for (const phrase of hiddenHere) {
    expect(pdf).not.toContain(phrase);
    expect(replies).not.toContain(phrase);
  }
  // Identifiers planted in the chart that never crossed IPC (masked ones) are not in the PDF either.
  const masked = demo.secrets.filter((s) => s.length > 3 && !replies.includes(s));
  expect(masked.length).toBeGreaterThan(0);
  expect(masked.filter((s) => pdf.includes(s))).toEqual([]);
  expect(path.basename(app.exports[0]!)).toMatch(/^1-physician-query-\d+\.pdf$/);
});

/** A single inpatient encounter with `count` documents, written through the ChartWriter. */
function writeBigEncounter(app: AppHarness, count: number): number {
  const db = app.backend.store.db;
  const sample = db.prepare("SELECT text FROM document WHERE text IS NOT NULL AND length(text) > 400 ORDER BY id LIMIT 12").all() as Array<{ text: string }>;
  const w = new ChartWriter(db);
  const types = ['progress-note', 'progress-note', 'progress-note', 'result', 'consult', 'history-and-physical', 'operative-note', 'discharge-summary', 'scanned'];
  let encounterId = 0;
  db.transaction(() => {
    const p = w.patient({ sourceSystem: 'perf', sourceId: 'p', familyName: 'Longstay', givenName: 'Pat' });
    encounterId = w.encounter({ sourceSystem: 'perf', sourceId: 'e', patientId: p, classCode: 'IMP', typeDisplay: 'Prolonged stay', periodStart: '2024-01-01', periodEnd: '2025-06-30' });
    for (let i = 0; i < count; i++) {
      const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 2) * 86_400_000).toISOString().slice(0, 10);
      w.document({ sourceSystem: 'perf', sourceId: `d${i}`, patientId: p, encounterId, docType: types[i % types.length]!, title: `Note ${i + 1}`, authoredAt: `${day}T08:00:00Z`, text: sample[i % sample.length]!.text, format: 'demo' });
    }
  })();
  return encounterId;
}

test('1,000-document chart: first useful paint and long tasks while scrolling the document tree (reported, not asserted)', async ({ app, page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await seedUsers(app);
  seedDemo(app.backend, { patients: 2, seed: 3 });
  const encounterId = writeBigEncounter(app, 1000);
  await signInAsCoder(page, app);
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  await openEncounter(page, encounterId);
  await page.getByRole('button', { name: 'Open chart' }).click();
  await expect(page.getByTestId('doc-pane')).toBeVisible();
  const firstPaint = await page.evaluate(() => {
    const start = performance.getEntriesByName('ntk:chart-open').at(-1)!.startTime;
    const ready = performance.getEntriesByName('ntk:chart-ready').at(-1)!.startTime;
    const shown = performance.getEntriesByName('ntk:document-shown').at(-1)!.startTime;
    return { chartReadyMs: ready - start, documentShownMs: shown - start, docTreeRows: document.querySelectorAll('[role=treeitem]').length };
  });
  // A chart's document count must show without revealing anything masked.
  await expect(page.getByText('1000 documents')).toBeVisible();
  await page.screenshot({ path: screenshotPath('coder-chart-1000-docs') });
  const openLongTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.splice(0));

  // Scroll the tree by keyboard and wheel from top to bottom.
  const tree = page.getByTestId('doc-tree');
  await tree.focus();
  for (let i = 0; i < 40; i++) await page.keyboard.press('PageDown');
  await tree.hover();
  for (let i = 0; i < 40; i++) await page.mouse.wheel(0, -800);
  await page.waitForTimeout(300);
  const scrollLongTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.splice(0));
  const report = {
    documents: 1000,
    viewport: '1920x1080',
    // From the click on "Open chart" (purpose declared, chart opened) to the document tree on screen,
    // and to the first document's text on screen.
    click_to_tree_ms: Math.round(firstPaint.chartReadyMs),
    click_to_first_document_ms: Math.round(firstPaint.documentShownMs),
    rendered_tree_rows: firstPaint.docTreeRows,
    long_tasks_during_open_ms: openLongTasks.map(Math.round),
    long_tasks_while_scrolling_ms: scrollLongTasks.map(Math.round),
    max_long_task_while_scrolling_ms: Math.round(Math.max(0, ...scrollLongTasks)),
  };
  fs.mkdirSync(path.resolve('test-results'), { recursive: true });
  fs.writeFileSync(path.resolve('test-results/coder-perf.json'), JSON.stringify(report, null, 2) + '\n');
  test.info().annotations.push({ type: 'perf', description: JSON.stringify(report) });
  // Virtualized: far fewer rows in the DOM than documents.
  expect(firstPaint.docTreeRows).toBeLessThan(200);
});

test('keyboard only: worklist to chart to a fact; find-in-chart counts visible text only; locking clears the chart', async ({ app, page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await seedUsers(app);
  const demo = seedDemo(app.backend, { patients: 8, seed: 7 });
  app.secrets.push(...demo.secrets.filter((s) => s.length > 3), ...demo.canaries.map((c) => c.phrase));
  const canary = demo.canaries.find((c) => c.unrelatedToEncounter)!;
  await signInAsCoder(page, app);
  await page.getByRole('search', { name: 'Filter the worklist' }).getByLabel('Search', { exact: true }).fill(`#${canary.encounterId}`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('worklist-count')).toHaveText(/^1 of 1 /);

  // From here on, keys only.
  await page.getByRole('rowgroup', { name: /Encounters; arrows move/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: /Purpose of use/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('doc-tree')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.locator('[data-section-text]:focus')).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('fact')).toHaveCount(1);
  const focusRing = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(focusRing).not.toBe('none');

  // No text on the chart screen is smaller than 12px.
  const tiny = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => el.childNodes.length && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()) && parseFloat(getComputedStyle(el).fontSize) < 12).map((el) => el.tagName),
  );
  expect(tiny).toEqual([]);

  // Find in chart: a word only the masked section holds finds nothing; a visible word is counted.
  await page.keyboard.press('Control+f');
  await expect(page.getByLabel('Find in chart')).toBeFocused();
  await page.keyboard.type(canary.phrase);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('find-count')).toHaveText('0 hits in 0 documents');
  await page.getByLabel('Find in chart').fill('the');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('find-count')).toHaveText(/^[1-9]\d* hits? in [1-9]\d* documents?$/);
  await expect(page.locator('.find-hit').first()).toBeVisible();
  expect(app.replies.join('\n')).not.toContain(canary.phrase.slice(7));

  // Locking drops the chart from the page; after unlocking the coder starts from the worklist.
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('heading', { name: 'Session locked' })).toBeVisible();
  await expect(page.getByTestId('doc-pane')).toHaveCount(0);
  await page.getByLabel('Password', { exact: true }).fill(CODER_PASSWORD);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('tab', { name: 'Coding' }).click();
  await expect(page.getByRole('table', { name: 'Encounters to code' })).toBeVisible();
  await expect(page.getByTestId('fact')).toHaveCount(0);
});
