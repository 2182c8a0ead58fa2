// Browser benchmark (issue: measure speed against SheetJS and native).
//
//   node tests/bench/browser.mjs [RUNS [WORKLOAD...]]   (./x bench-browser builds, makes workloads, runs this)
//
// For each workload, in headless Debian chromium against the release build served locally:
//   (a) gouji end to end: file chosen → worker reads, recognises, checks → findings rendered;
//   (b) SheetJS `XLSX.read(arrayBuffer)` alone, in the same page (same origin, so the CSP holds);
//   (c) native: the `gouji` CLI on the same bytes (process start included).
// Medians and spreads over RUNS, main-thread long tasks during gouji's processing, wasm sizes
// (raw, gzip) and the time to first render of the empty page. The ratios come last.
// IDLE_MS=N waits N ms after the worker says it is ready before choosing the file (a person's
// pace: the worker keeps warming up, and its helpers start, meanwhile); by default it is chosen at once.

import { cp, mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '../..');
const BENCH_DIST = path.join(REPO, 'target', 'bench-dist');
process.env.GOUJI_DIST = BENCH_DIST;
const { launch, openApp, waitForWorker, waitForDone, FIXTURES } = await import('../e2e/harness.mjs');

const RUNS = Number(process.argv[2] ?? 5);
const ALL = ['seed.xlsx', 'units-200.xlsx', 'big-20mb.xlsx', 'big-5mb.csv'];
const WORKLOADS = process.argv.length > 3 ? process.argv.slice(3) : ALL;
const CLI = path.join(process.env.CARGO_TARGET_DIR ?? path.join(REPO, 'target'), 'release', 'gouji');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
const ms = (x) => `${x.toFixed(0)} ms`;

// A copy of dist with SheetJS and the workloads beside it, all same-origin.
await rm(BENCH_DIST, { recursive: true, force: true });
await cp(path.join(REPO, 'dist'), BENCH_DIST, { recursive: true });
await cp(path.join(here, 'node_modules', 'xlsx', 'dist', 'xlsx.full.min.js'), path.join(BENCH_DIST, 'xlsx.full.min.js'));
await mkdir(path.join(BENCH_DIST, 'w'), { recursive: true });
for (const w of WORKLOADS) await cp(path.join(FIXTURES, w), path.join(BENCH_DIST, 'w', w));

const wasm = (await readdir(path.join(REPO, 'dist'))).filter((f) => f.endsWith('.wasm'));
console.log('wasm files (raw / gzip -9):');
for (const f of wasm) {
  const bytes = await readFile(path.join(REPO, 'dist', f));
  console.log(`  ${f}: ${(bytes.length / 1024).toFixed(0)} KiB / ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(0)} KiB`);
}

const IDLE_MS = Number(process.env.IDLE_MS ?? 0);
const session = await launch();
const { page } = session;

// First render of the empty page (navigation start → the drop zone is on screen).
// Then the worker's "ready": its wasm loaded and warmed up (the sample run through the pipeline a
// few times, so that the first file meets optimised code; a file chosen earlier waits for it).
const firstRender = [];
const workerReady = [];
for (let i = 0; i < RUNS; i++) {
  await page.goto(session.url, { waitUntil: 'commit' });
  await page.locator('[data-testid="drop-zone"]').waitFor();
  firstRender.push(await page.evaluate(() => performance.now()));
  await waitForWorker(page);
  workerReady.push(await page.evaluate(() => performance.getEntriesByName('gouji:ready')[0]?.startTime ?? NaN));
}
console.log(`empty page rendered: median ${ms(median(firstRender))} (${spread(firstRender)}) from a local server`);
console.log(`worker ready (loaded and warmed up): median ${ms(median(workerReady))} (${spread(workerReady)}) after navigation`);

/** gouji end to end on workload `w`, RUNS times; `query` is added to the page's address. */
async function runGouji(w, query = '') {
  const gouji = [];
  const longTasks = [];
  const stages = [];
  const parts = [];
  for (let i = 0; i < RUNS; i++) {
    await openApp(session, { path: query });
    await waitForWorker(page);
    if (IDLE_MS) await page.waitForTimeout(IDLE_MS);
    await page.evaluate(() => {
      window.__long = [];
      performance.clearMarks();
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__long.push(e.duration);
      }).observe({ type: 'longtask' });
      const input = document.querySelector('[data-testid="file-input"]');
      input.addEventListener('change', () => { window.__t0 = performance.now(); }, { once: true, capture: true });
    });
    // Chosen by path, as a person picks a file: Playwright hands Chromium the path, and no
    // script of the test's own runs in the page (bytes passed in would be decoded in the page,
    // a long task of the harness, not of gouji).
    await page.locator('[data-testid="file-input"]').setInputFiles(path.join(FIXTURES, w));
    const state = await waitForDone(page, { timeout: 300_000 });
    if (state !== 'done') throw new Error(`${w}: gouji ended in state ${state}`);
    const [t, long, marks] = await page.evaluate(() => [
      performance.now() - window.__t0,
      window.__long,
      performance.getEntriesByType('mark').map((m) => [m.name, m.startTime - window.__t0]),
    ]);
    gouji.push(t);
    parts.push(Number(await page.getAttribute('[data-testid="app"]', 'data-read-parts')));
    longTasks.push(...long);
    stages.push(marks);
  }
  return { gouji, longTasks, stages, parts };
}

const rows = [];
for (const w of WORKLOADS) {
  const { gouji, longTasks, stages, parts } = await runGouji(w);
  // The same with every file read in one worker (no helpers), where a file would be read in parts.
  const single = parts.some((p) => p > 1) ? (await runGouji(w, '?helpers=0')).gouji : [];
  const sheetjs = [];
  if (w.endsWith('.xlsx') || w.endsWith('.csv')) {
    await page.goto(session.url, { waitUntil: 'load' });
    await page.addScriptTag({ url: './xlsx.full.min.js' });
    for (let i = 0; i < RUNS; i++) {
      sheetjs.push(
        await page.evaluate(async (name) => {
          const buf = await (await fetch('./w/' + name)).arrayBuffer();
          const t0 = performance.now();
          const wb = XLSX.read(buf, { type: 'array' });
          const t = performance.now() - t0;
          if (!wb.SheetNames.length) throw new Error('no sheets');
          return t;
        }, w),
      );
    }
  }
  const native = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    try {
      execFileSync(CLI, ['check', '--format', 'json', path.join(FIXTURES, w)], { stdio: 'ignore', maxBuffer: 1 << 30 });
    } catch (e) {
      if (e.status !== 1) throw e; // 1 = error findings, still a full run
    }
    native.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const maxLong = longTasks.length ? Math.max(...longTasks) : 0;
  // Where the time went, in the median run: the first time each mark was set after the file
  // was chosen (progress marks are set when the worker's message arrives on the page).
  const mid = stages[gouji.indexOf(median(gouji))];
  const seen = new Map();
  for (const [name, at] of mid) if (at >= 0 && !seen.has(name)) seen.set(name, at);
  console.log(`  read in ${[...new Set(parts)].join(' or ')} part(s) (helper workers: one per spare core, at most 3)`);
  console.log(`  stages: ${[...seen].map(([n, at]) => `${n.replace('gouji:', '')} ${at.toFixed(0)}`).join(' · ')}`);
  rows.push({ w, size: (await stat(path.join(FIXTURES, w))).size, gouji, single, sheetjs, native, maxLong });
  console.log(
    `${w.padEnd(16)} ${(rows.at(-1).size / 1e6).toFixed(2).padStart(6)} MB | gouji e2e ${ms(median(gouji))} (${spread(gouji)}) | ` +
      (single.length ? `one worker ${ms(median(single))} (${spread(single)}) | ` : '') +
      `SheetJS read ${sheetjs.length ? ms(median(sheetjs)) + ` (${spread(sheetjs)})` : '—'} | native CLI ${ms(median(native))} (${spread(native)}) | ` +
      `longest main-thread task ${ms(maxLong)}`,
  );
}
await session.close();

console.log('\nratios (median):');
for (const r of rows) {
  const vsSheet = r.sheetjs.length ? (median(r.sheetjs) / median(r.gouji)).toFixed(2) + '× faster than SheetJS read' : '';
  const vsNative = (median(r.gouji) / median(r.native)).toFixed(2) + '× native';
  const vsSingle = r.single.length ? `; in parts ${(median(r.single) / median(r.gouji)).toFixed(2)}× faster than one worker (${(median(r.sheetjs) / median(r.single)).toFixed(2)}× SheetJS)` : '';
  console.log(`  ${r.w.padEnd(16)} gouji is ${vsSheet}${vsSheet ? '; ' : ''}browser = ${vsNative}${vsSingle}`);
}
