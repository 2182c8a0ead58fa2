// Soak test (issue 17, the watchdog): many checks of the benchmark workloads in ONE page, and a
// check superseded mid-way every fifth run. Asserts that every run finishes with the expected
// result, and prints after each run the time, the page's JS heap and the worker's wasm memory,
// so that growth without bound shows (wasm memory never shrinks: it must level off).
//
//   ./x soak [RUNS]        (default 30: builds if needed, makes the workloads, runs this)
//
// Exit status 1 if a run did not finish, gave the wrong result, or the memory kept growing
// through the second half of the runs.

const { launch, openApp, waitForWorker, dropFiles, fixture, markChecks, waitForDone } = await import('../e2e/harness.mjs');

const RUNS = Number(process.argv[2] ?? 30);
const MiB = (b) => (b / 1024 / 1024).toFixed(1);
const workloads = [
  { file: await fixture('units-200.xlsx'), units: 200 },
  { file: await fixture('big-20mb.xlsx'), units: null },
];

const session = await launch();
const { page } = session;
const cdp = await page.context().newCDPSession(page);
await openApp(session);
await waitForWorker(page);

const workerMemory = async () => {
  let total = 0;
  for (const w of page.workers()) {
    total += await w.evaluate(() => self.__goujiWasm?.memory?.buffer.byteLength ?? 0).catch(() => 0);
  }
  return total;
};
const heap = async () => {
  await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
};
const unitCount = () => page.locator('[data-testid="unit-option"]').count().then(async (n) => {
  const label = await page.locator('[data-testid="unit-count"]').innerText().catch(() => '');
  const m = label.match(/(\d+)/);
  return m ? Number(m[1]) : n;
});

const rows = [];
let failed = 0;
console.log('run  workload          ms      page heap  worker wasm');
for (let i = 0; i < RUNS; i++) {
  const w = workloads[i % workloads.length];
  const superseded = i % 5 === 4;
  await markChecks(page);
  const t0 = Date.now();
  if (superseded) {
    // Another check first, then this one while it runs: the first must never answer.
    await dropFiles(page, [workloads[(i + 1) % workloads.length].file]);
    await page.locator('[data-testid="app"][data-state="working"]').waitFor();
    await page.waitForTimeout(300);
  }
  await dropFiles(page, [w.file]);
  let state;
  try {
    state = await waitForDone(page, { timeout: 180_000 });
  } catch (e) {
    state = `did not finish (${e.message.split('\n')[0]})`;
  }
  const ms = Date.now() - t0;
  const shown = (await page.locator('[data-testid="checked-files"]').innerText().catch(() => '')).trim();
  const units = w.units ? await unitCount() : null;
  const ok = state === 'done' && shown === w.file.name && (w.units === null || units === w.units);
  if (!ok) failed++;
  const h = await heap();
  const m = await workerMemory();
  rows.push({ h, m });
  console.log(
    `${String(i + 1).padStart(3)}  ${w.file.name.padEnd(16)}${superseded ? '*' : ' '} ${String(ms).padStart(6)}  ${MiB(h).padStart(8)} MiB  ${MiB(m).padStart(8)} MiB` +
      (ok ? '' : `  FAILED: ${state}${units !== null ? `, ${units} units` : ''}, showing ${shown}`),
  );
}
await session.close();

// Growth without bound: the worker's memory at the end against the middle of the run.
const half = rows.slice(Math.floor(rows.length / 2));
const grew = half.length > 2 && half[half.length - 1].m > half[0].m * 1.5;
console.log(`\n${RUNS - failed} of ${RUNS} runs finished as expected (* = superseded a check mid-way).`);
console.log(`worker wasm memory: ${MiB(half[0]?.m ?? 0)} MiB at run ${rows.length - half.length + 1}, ${MiB(rows.at(-1)?.m ?? 0)} MiB at the end; page heap ${MiB(rows.at(-1)?.h ?? 0)} MiB.`);
if (grew) console.log('memory kept growing through the second half of the runs');
process.exit(failed || grew ? 1 : 0);
