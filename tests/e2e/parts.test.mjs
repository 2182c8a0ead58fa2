// A large workbook is read in parts by helper workers (one per spare core) and gives the answer
// of one worker; a helper that fails is replaced and its part read by the worker the page talks to.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, waitForWorker, setFiles, fixture, waitForDone, readOverview, assertClean, markChecks } from './harness.mjs';

/**
 * Checks units-200.xlsx until the helpers were ready to take part (they start when the worker
 * says it is ready and warm up for a few hundred ms; until then a file is read in one go).
 * Returns how many parts it was read in the last time.
 */
async function checkInParts(page) {
  const file = await fixture('units-200.xlsx');
  let parts = 0;
  for (let attempt = 0; attempt < 8 && parts < 2; attempt++) {
    if (attempt > 0) await page.waitForTimeout(750);
    await markChecks(page);
    await setFiles(page, [file]);
    assert.equal(await waitForDone(page, { timeout: 120_000 }), 'done');
    parts = Number(await page.getAttribute('[data-testid="app"]', 'data-read-parts'));
  }
  return parts;
}

/** Opens the app and waits for its worker; returns the cores (a test is skipped on one core). */
async function openWithCores(s, t) {
  await openApp(s);
  await waitForWorker(s.page);
  const cores = await s.page.evaluate(() => navigator.hardwareConcurrency);
  if (cores < 2) t.skip(`one core: no helper workers (hardwareConcurrency ${cores})`);
  return cores;
}

async function assertUnits200(page) {
  assert.match(await page.locator('[data-testid="unit-count"]').innerText(), /200/);
  const o = await readOverview(page);
  assert.equal(o.unit, '第1预算单位');
  assert.equal(o.errors, 0);
  assert.equal(o.tables.filter((x) => x.status !== 'missing').length, 8);
  // The last unit, read by the last part.
  await page.locator('[data-testid="unit-search"]').fill('第200');
  await page.locator('[data-testid="unit-option"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="unit-name"]')?.textContent.trim() === '第200预算单位');
  const last = await readOverview(page);
  assert.equal(last.errors, 0);
  assert.equal(last.tables.filter((x) => x.status !== 'missing').length, 8);
}

test('units-200.xlsx is read in parts by helper workers: every unit, as from one worker', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  const cores = await openWithCores(s, t);
  if (cores < 2) return;
  const parts = await checkInParts(page);
  assert.equal(parts, Math.min(cores - 1, 3) + 1, `one part per helper and one for the worker (${cores} cores)`);
  await assertUnits200(page);
  // A small file is read in one go.
  await markChecks(page);
  await setFiles(page, [await fixture('seed.xlsx')]);
  assert.equal(await waitForDone(page), 'done');
  assert.equal(await page.getAttribute('[data-testid="app"]', 'data-read-parts'), '1');
  // `?helpers=0` in the address: every file in one worker.
  await openApp(s, { path: '?helpers=0' });
  await waitForWorker(page);
  await page.waitForTimeout(1_000);
  await markChecks(page);
  await setFiles(page, [await fixture('units-200.xlsx')]);
  assert.equal(await waitForDone(page, { timeout: 120_000 }), 'done');
  assert.equal(await page.getAttribute('[data-testid="app"]', 'data-read-parts'), '1');
  await assertUnits200(page);
  assertClean(assert, s);
});

test('a helper that fails mid-check is replaced; its part is read by the worker and nothing is lost', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  // Helpers (and only helpers) fail on every part they are given, as a panicking wasm would:
  // the panic hook's "fatal", then the worker ends. Only the served script is changed.
  let served = 0;
  await page.context().route('**/gouji-worker.js', async (route) => {
    served += 1;
    const response = await route.fetch();
    const prelude = `
      if (self.name === 'gouji-helper') {
        self.addEventListener('message', (event) => {
          if (!event.data || !event.data.part) return;
          event.stopImmediatePropagation();
          self.postMessage({ json: JSON.stringify({ type: 'fatal', message: 'panicked: simulated' }) });
          self.close();
        });
      }
    `;
    await route.fulfill({ response, body: prelude + (await response.text()) });
  });
  const cores = await openWithCores(s, t);
  if (cores < 2) return;
  const parts = await checkInParts(page);
  // The worker's script, each helper's, and a new helper's after the first failed.
  const helpers = Math.min(cores - 1, 3);
  assert.ok(served >= 1 + helpers + 1, `a failed helper was replaced (the script served ${served} times)`);
  assert.ok(parts >= 2, `read in ${parts} parts`);
  await assertUnits200(page);
  assertClean(assert, s);
});
