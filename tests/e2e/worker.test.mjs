// The processing worker: the page stays responsive while it works, and a worker that fails is
// reported while the page keeps working.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openApp, waitForWorker, dropFiles, fixture, waitForDone, readOverview, readError, screenshot, assertClean, markChecks,
} from './harness.mjs';

test('units-200.xlsx: processed in the worker while the page answers clicks; units listed and switchable', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);
  await waitForWorker(page);
  // Record long main-thread tasks while the workbook is processed.
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: false });
  });

  const file = await fixture('units-200.xlsx');
  const t0 = Date.now();
  await dropFiles(page, [file]);
  await page.locator('[data-testid="app"][data-state="working"]').waitFor();
  // A click during processing is handled at once: the language switches while the worker works.
  const clicked = Date.now();
  await page.locator('[data-testid="lang-toggle"]').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: 2_000 });
  const answered = Date.now() - clicked;
  assert.equal(await page.getAttribute('[data-testid="app"]', 'data-state'), 'working', 'still processing when the click was handled');
  assert.match(await page.locator('[data-testid="progress-stage"]').innerText(), /Reading|Recognising|Checking|Preparing|Starting/);
  await screenshot(page, 'progress-desktop', { fullPage: false });

  assert.equal(await waitForDone(page, { timeout: 120_000 }), 'done');
  const took = Date.now() - t0;
  const longest = await page.evaluate(() => Math.max(0, ...window.__long));
  console.log(`  units-200.xlsx: ${took} ms in the worker; click answered in ${answered} ms; longest main-thread task ${Math.round(longest)} ms`);
  assert.ok(answered < 1_500, `the click took ${answered} ms`);

  // The list shows 100 units at first (laying out thousands of buttons would hold the page up),
  // then 100 more per click.
  assert.equal(await page.locator('[data-testid="unit-option"]').count(), 100);
  assert.match(await page.locator('[data-testid="unit-count"]').innerText(), /200 units/);
  assert.equal(await page.locator('[data-testid="units-more"]').innerText(), 'Show 100 more (100 not shown)');
  await page.locator('[data-testid="units-more"]').click();
  assert.equal(await page.locator('[data-testid="unit-option"]').count(), 200);
  assert.equal(await page.locator('[data-testid="units-more"]').count(), 0);
  assert.equal((await readOverview(page)).unit, '第1预算单位');
  // Search, then switch.
  await page.locator('[data-testid="unit-search"]').fill('第137');
  assert.equal(await page.locator('[data-testid="unit-option"]').count(), 1);
  await page.locator('[data-testid="unit-option"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="unit-name"]')?.textContent.trim() === '第137预算单位');
  const o = await readOverview(page);
  assert.equal(o.errors, 0);
  assert.equal(o.tables.filter((x) => x.status !== 'missing').length, 8);
  assert.equal(await page.getAttribute('[data-testid="results"]', 'data-unit-index'), '136');
  await page.locator('[data-testid="unit-search"]').fill('');
  // Back to the first 100, with the open unit still listed (and selected) beyond them.
  assert.equal(await page.locator('[data-testid="unit-option"]').count(), 101);
  assert.equal(await page.locator('.unit-option--selected').getAttribute('data-unit-index'), '136');
  await screenshot(page, 'units-desktop', { fullPage: false });
  assertClean(assert, s);
});

test('a worker that crashes is reported, and the next check runs in a fresh worker', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  // A stand-in for the worker's code that says it is ready, then throws on the first request.
  await page.route('**/gouji-worker.js', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `self.wasm_bindgen = () => { self.postMessage({ json: '{"type":"ready"}' }); return Promise.resolve(); };
             self.onmessage = () => { throw new Error('simulated crash'); };`,
    }),
  );
  await openApp(s);
  await waitForWorker(page);
  const seed = await fixture('seed.xlsx');
  await dropFiles(page, [seed]);
  assert.equal(await waitForDone(page), 'failed');
  const error = await readError(page);
  assert.equal(error.kind, 'worker_failed');
  assert.match(error.text, /处理组件意外停止/);
  await screenshot(page, 'worker-failed-desktop', { fullPage: false });

  await page.unroute('**/gouji-worker.js');
  // "Check again" runs the same file in a fresh worker.
  await markChecks(page);
  await page.locator('[data-testid="retry"]').click();
  assert.equal(await waitForDone(page), 'done', 'a fresh worker checks the file');
  assert.equal((await readOverview(page)).errors, 0);
  assert.deepEqual(s.pageErrors, [], 'no uncaught error on the page');
  assert.deepEqual(s.foreignRequests(), []);
});

test('a worker whose code cannot load is reported, not waited for forever', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await page.route('**/gouji-worker_bg.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await openApp(s);
  await dropFiles(page, [await fixture('seed.xlsx')]);
  assert.equal(await waitForDone(page), 'failed');
  const error = await readError(page);
  assert.equal(error.kind, 'worker_failed');
  assert.match(error.text, /未能加载/);
  assert.deepEqual(s.pageErrors, []);
});

test('cancelling a check stops it; the page is ready for the next', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);
  await waitForWorker(page);
  await dropFiles(page, [await fixture('units-200.xlsx')]);
  await page.locator('[data-testid="cancel"]').click();
  await page.locator('[data-testid="cancelled"]').waitFor();
  assert.equal(await page.getAttribute('[data-testid="app"]', 'data-state'), 'idle');
  await waitForWorker(page);
  await dropFiles(page, [await fixture('seed.xlsx')]);
  assert.equal(await waitForDone(page), 'done');
  assertClean(assert, s);
});

test('a worker that hangs is noticed by the watchdog: stopped, reported in words, replaced; results and files kept', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  // A short limit for the test, and a way to make the worker hang: the check request is swallowed
  // on its way (the worker waits for ever, saying nothing) while `__goujiSwallow` is set.
  await page.addInitScript(() => {
    window.__goujiWatchdogMs = 2_000;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (msg, ...rest) {
      if (window.__goujiSwallow && typeof msg?.json === 'string' && msg.json.includes('"type":"analyse"')) return undefined;
      return post.call(this, msg, ...rest);
    };
  });
  await openApp(s);
  await waitForWorker(page);
  await dropFiles(page, [await fixture('seed.xlsx')]);
  assert.equal(await waitForDone(page), 'done');

  await page.evaluate(() => { window.__goujiSwallow = true; });
  await markChecks(page);
  const t0 = Date.now();
  await dropFiles(page, [await fixture('seed-errors.xlsx')]);
  assert.equal(await waitForDone(page, { timeout: 15_000 }), 'failed');
  const waited = Date.now() - t0;
  console.log(`  a hung worker was noticed after ${waited} ms (limit 2000 ms)`);
  assert.ok(waited >= 2_000, `not before the limit: ${waited} ms`);
  const error = await readError(page);
  assert.equal(error.kind, 'worker_stalled');
  assert.match(error.text, /超过 2 秒没有任何进展/);
  // The page moved to the message (the last results are under it).
  await page.waitForFunction(() => {
    const r = document.querySelector('[data-testid="error"]').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }, null, { timeout: 5_000 });
  assert.match(await page.locator('[data-testid="previous-note"]').innerText(), /上一次检查的结果/);
  assert.equal((await readOverview(page)).errors, 0, 'the last results stay on screen');
  await screenshot(page, 'watchdog-stalled', { fullPage: false });

  // The fresh worker checks the same file when asked again.
  await page.evaluate(() => { window.__goujiSwallow = false; });
  await markChecks(page);
  await page.locator('[data-testid="retry"]').click();
  assert.equal(await waitForDone(page), 'done');
  assert.equal((await readOverview(page)).errors, 3, 'seed-errors.xlsx checked');
  assert.equal(await readError(page), null);
  assertClean(assert, s);
});
