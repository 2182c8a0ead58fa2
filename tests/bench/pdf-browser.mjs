// Browser PDF benchmark: gouji's worker against pdf.js, in the same headless Debian chromium.
//
//   node tests/bench/pdf-browser.mjs RUNS FILE.pdf...   (scripts/bench-pdf.sh builds and runs this)
//
// For each PDF, against the release build in dist/ (./x build) served locally:
//   (a) gouji end to end: file chosen (by path, as a person picks it) → the worker reads the PDF,
//       finds its tables, checks them → findings rendered (the app's `done` state);
//   (b) pdf.js (pdfjs-dist, modern build) in the same page, same origin (the page's CSP holds):
//       `getDocument({ data })` with pdf.js's own worker, `getTextContent()` on every page,
//       `destroy()`; the bytes are fetched before the clock starts. It does less than gouji: text
//       runs and positions only, no tables, no checks.
// Prints a line per file and a tab-separated RESULT line: file, gouji median ms, min, max,
// pdf.js median ms, min, max, runs.

import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '../..');
const BENCH_DIST = path.join(REPO, 'target', 'bench-pdf-dist');
process.env.GOUJI_DIST = BENCH_DIST;
const { launch, openApp, waitForWorker, waitForDone } = await import('../e2e/harness.mjs');

const RUNS = Number(process.argv[2] ?? 5);
const FILES = process.argv.slice(3).map((f) => path.resolve(f));
const TIMEOUT = Number(process.env.GOUJI_BENCH_TIMEOUT_MS ?? 600_000);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;

// A copy of dist with pdf.js and the PDFs beside it, all same-origin.
await rm(BENCH_DIST, { recursive: true, force: true });
await cp(path.join(REPO, 'dist'), BENCH_DIST, { recursive: true });
const PDFJS = path.join(here, 'node_modules', 'pdfjs-dist');
for (const d of ['build', 'cmaps', 'standard_fonts']) await cp(path.join(PDFJS, d), path.join(BENCH_DIST, 'pdfjs', d), { recursive: true });
await mkdir(path.join(BENCH_DIST, 'w'), { recursive: true });
const served = [];
for (const [i, f] of FILES.entries()) {
  served.push(`w${i}.pdf`);
  await cp(f, path.join(BENCH_DIST, 'w', `w${i}.pdf`));
}

const session = await launch();
const { page } = session;
console.log(`chromium ${session.context.browser()?.version() ?? '(version unknown)'}; median of ${RUNS}`);

async function runGouji(file) {
  const times = [];
  const stages = [];
  for (let i = 0; i < RUNS; i++) {
    await openApp(session);
    await waitForWorker(page);
    await page.evaluate(() => {
      performance.clearMarks();
      const input = document.querySelector('[data-testid="file-input"]');
      input.addEventListener('change', () => { window.__t0 = performance.now(); }, { once: true, capture: true });
    });
    await page.locator('[data-testid="file-input"]').setInputFiles(file);
    const state = await waitForDone(page, { timeout: TIMEOUT });
    if (state !== 'done') {
      const why = await page.locator('[data-testid="app"]').innerText().catch(() => '');
      throw new Error(`${file}: gouji ended in state ${state}: ${why.slice(0, 400)}`);
    }
    const [t, marks] = await page.evaluate(() => [
      performance.now() - window.__t0,
      performance.getEntriesByType('mark').map((m) => [m.name, m.startTime - window.__t0]),
    ]);
    times.push(t);
    stages.push(marks);
  }
  // Where the time went in the median run: the first time each of the app's marks was set
  // after the file was chosen (progress marks are set when the worker's message reaches the page).
  const seen = new Map();
  for (const [name, at] of stages[times.indexOf(median(times))]) if (at >= 0 && !seen.has(name)) seen.set(name, at);
  console.log(`  gouji stages (ms after the file was chosen): ${[...seen].map(([n, at]) => `${n.replace('gouji:', '')} ${at.toFixed(0)}`).join(' · ')}`);
  return times;
}

async function runPdfjs(name) {
  await page.goto(session.url, { waitUntil: 'load' });
  const times = [];
  let info;
  for (let i = 0; i < RUNS; i++) {
    info = await page.evaluate(async (name) => {
      const pdfjs = await import('./pdfjs/build/pdf.min.mjs');
      pdfjs.GlobalWorkerOptions.workerSrc = './pdfjs/build/pdf.worker.min.mjs';
      const data = new Uint8Array(await (await fetch('./w/' + name)).arrayBuffer());
      const t0 = performance.now();
      const doc = await pdfjs.getDocument({
        data,
        cMapUrl: './pdfjs/cmaps/',
        cMapPacked: true,
        standardFontDataUrl: './pdfjs/standard_fonts/',
        isEvalSupported: false,
        verbosity: 0,
      }).promise;
      let items = 0;
      for (let p = 1; p <= doc.numPages; p++) {
        const page = await doc.getPage(p);
        items += (await page.getTextContent()).items.length;
        page.cleanup();
      }
      const pages = doc.numPages;
      await doc.destroy();
      return { t: performance.now() - t0, pages, items, version: pdfjs.version };
    }, name);
    times.push(info.t);
  }
  return { times, ...info };
}

for (const [i, file] of FILES.entries()) {
  const gouji = await runGouji(file);
  const pdfjs = await runPdfjs(served[i]);
  console.log(
    `${path.basename(file).padEnd(40)} ${String(pdfjs.pages).padStart(5)} pages | gouji file chosen → findings ${median(gouji).toFixed(0)} ms (${spread(gouji)}) | ` +
      `pdf.js ${pdfjs.version} getTextContent ${median(pdfjs.times).toFixed(0)} ms (${spread(pdfjs.times)}, ${pdfjs.items} items)`,
  );
  console.log(
    ['RESULT', file, median(gouji).toFixed(3), Math.min(...gouji).toFixed(3), Math.max(...gouji).toFixed(3),
      median(pdfjs.times).toFixed(3), Math.min(...pdfjs.times).toFixed(3), Math.max(...pdfjs.times).toFixed(3), RUNS].join('\t'),
  );
}
if (session.pageErrors.length) console.log(`page errors: ${session.pageErrors.join('\n')}`);
await session.close();
