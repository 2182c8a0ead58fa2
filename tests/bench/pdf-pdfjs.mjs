// pdf.js text extraction in Node, for comparison with gouji's PDF reader (scripts/bench-pdf.sh).
//
//   node tests/bench/pdf-pdfjs.mjs RUNS FILE.pdf...
//
// Per run: `getDocument({ data })`, then `getTextContent()` on every page in order, then
// `destroy()`: the glyph runs and their positions only. It does less than gouji (no rows and
// cells, no tables, no checks). The pdfjs-dist legacy build (the one meant for Node), no worker
// thread (Node's "fake worker": the parsing runs on this thread), its CMaps and standard fonts.
// Prints a line per file and a tab-separated RESULT line: file, pages, median ms, min, max, text
// items, runs.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const DIST = path.join(here, 'node_modules', 'pdfjs-dist');

const RUNS = Number(process.argv[2] ?? 5);
const FILES = process.argv.slice(3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function extract(bytes) {
  const doc = await pdfjs.getDocument({
    data: bytes,
    cMapUrl: path.join(DIST, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: path.join(DIST, 'standard_fonts') + '/',
    verbosity: 0,
  }).promise;
  let items = 0;
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const text = await page.getTextContent();
    items += text.items.length;
    page.cleanup();
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, items };
}

console.log(`pdf.js ${pdfjs.version} getTextContent in Node ${process.version} (median of ${RUNS})`);
for (const file of FILES) {
  const bytes = await readFile(file);
  const times = [];
  let got;
  for (let r = 0; r < RUNS; r++) {
    // pdf.js takes the buffer over (it is detached): a fresh copy for every run, outside the timing.
    const data = new Uint8Array(bytes);
    const t0 = process.hrtime.bigint();
    got = await extract(data);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  console.log(
    `${path.basename(file).padEnd(40)} ${String(got.pages).padStart(5)} pages ${(bytes.length / 1e6).toFixed(2).padStart(7)} MB ` +
      `${String(got.items).padStart(8)} items | getTextContent, all pages: median ${median(times).toFixed(1)} ms ` +
      `(${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)})`,
  );
  console.log(['RESULT', file, got.pages, median(times).toFixed(3), Math.min(...times).toFixed(3), Math.max(...times).toFixed(3), got.items, RUNS].join('\t'));
}
