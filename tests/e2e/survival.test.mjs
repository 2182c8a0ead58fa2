// Nothing the person did is lost on an error: a bad file, a worker that panics or runs out of
// memory, a refused file, a new file dropped while another is checked. The last results stay on
// screen under the message (and still export), the prior-year file and the pasted text stay in
// the check, and a new check supersedes a running one without any answer from the old one.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  launch, openApp, waitForWorker, dropFiles, setFiles, pasteText, fixture, waitForDone, readOverview, readError,
  screenshot, assertClean, markChecks, FIXTURES, DATA,
} from './harness.mjs';

const seedText = () => readFile(path.join(DATA, 'shanghai-stcsm-2021-budget.txt'), 'utf8');

/** What shows a result on screen: its overview, its findings and the files it came from. */
async function readShown(page) {
  return {
    overview: await readOverview(page),
    files: await page.locator('[data-testid="checked-files"]').innerText(),
    findings: await page.locator('[data-testid="tab-findings"]').innerText(),
    claims: await page.locator('[data-testid="tab-claims"]').innerText(),
    changes: await page.locator('[data-testid="tab-changes"]').innerText(),
  };
}

/** Downloads an export and returns its text. */
async function exportCsv(page) {
  const [d] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.locator('[data-testid="export-csv"]').click(),
  ]);
  return (await readFile(await d.path())).toString('utf8');
}

/** Counts the workers the page starts and ends (wraps the Worker constructor; the app is unchanged). */
async function countWorkers(page) {
  await page.addInitScript(() => {
    const Native = window.Worker;
    window.__workers = { started: 0, terminated: 0 };
    window.Worker = class extends Native {
      constructor(...args) {
        super(...args);
        window.__workers.started += 1;
      }
      terminate() {
        window.__workers.terminated += 1;
        return super.terminate();
      }
    };
  });
  return () => page.evaluate(() => ({ ...window.__workers }));
}

/**
 * Serves the real worker with a prelude that fails it, as the wasm build fails, on a file whose
 * name starts with `panic` (the panic hook posts `fatal`, then the aborting wasm traps) or `oom`
 * (an allocation that fails aborts without a panic: the trap alone). Only the served script is
 * changed, in this test; every other file is checked by the real code.
 */
async function failingWorker(page) {
  await page.route('**/gouji-worker.js', async (route) => {
    const response = await route.fetch();
    const prelude = `
      self.addEventListener('message', (event) => {
        const name = (event.data && event.data.files && event.data.files[0] && event.data.files[0].name) || '';
        if (!name.startsWith('panic') && !name.startsWith('oom')) return;
        event.stopImmediatePropagation();
        // www/worker.js keeps a message that comes before the wasm listens, and the wasm takes it
        // when it starts: this one is to fail here, not to be checked there as well (else the
        // check may finish before the simulated crash).
        const early = self.__goujiEarly;
        if (Array.isArray(early) && early.includes(event)) early.splice(early.indexOf(event), 1);
        const job = JSON.parse(event.data.json).job;
        self.postMessage({ json: JSON.stringify({ type: 'progress', job, stage: 'reading', done: 0, total: 1, detail: name }) });
        setTimeout(() => {
          if (name.startsWith('panic')) {
            console.error('gouji-worker: panicked at src/engine.rs: simulated');
            self.postMessage({ json: JSON.stringify({ type: 'fatal', message: 'panicked at src/engine.rs: simulated' }) });
          }
          throw new WebAssembly.RuntimeError('unreachable');
        }, 300);
      });
    `;
    await route.fulfill({ response, body: prelude + (await response.text()) });
  });
}

test('a bad file after a good one: its message, with the good results, prior year and pasted text kept under it', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);
  await waitForWorker(page);

  // A good file, the prior year, and the published text about it.
  await dropFiles(page, [await fixture('seed-errors.xlsx')]);
  assert.equal(await waitForDone(page), 'done');
  await setFiles(page, [await fixture('prior-2020.xlsx')], '[data-testid="prior-input"]');
  assert.equal(await waitForDone(page), 'done');
  const text = await seedText();
  await pasteText(page, text);
  assert.equal(await waitForDone(page), 'done');
  const before = await readShown(page);
  assert.ok(before.overview.errors >= 3, 'the three wrong cells, and what the text says of them');
  assert.match(before.claims, /\d+/, 'the text was checked');
  assert.match(before.changes, /\d+/, 'the prior year was compared');

  // A damaged file: its message, and the results of the good one under it, as they were.
  const seed = await fixture('seed.xlsx');
  await dropFiles(page, [{ name: '截断.xlsx', bytes: seed.bytes.subarray(0, seed.bytes.length >> 1) }]);
  assert.equal(await waitForDone(page), 'failed');
  const error = await readError(page);
  assert.equal(error.kind, 'corrupt');
  assert.match(error.text, /截断\.xlsx/);
  assert.deepEqual(await readShown(page), before, 'the previous results are shown again');
  assert.match(await page.locator('[data-testid="previous-note"]').innerText(), /上一次检查的结果/);
  const [errorBox, resultsBox] = await Promise.all([
    page.locator('[data-testid="error"]').boundingBox(),
    page.locator('[data-testid="results"]').boundingBox(),
  ]);
  assert.ok(errorBox.y + errorBox.height <= resultsBox.y, 'the message above the results');
  // The prior year and the text are still part of the check; the text is still in the box.
  assert.match(await page.locator('[data-testid="prior-files"]').innerText(), /prior-2020\.xlsx/);
  assert.match(await page.locator('[data-testid="source-text"]').innerText(), /58,590 字/);
  assert.equal(await page.locator('[data-testid="paste-input"]').inputValue(), text);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'previous-after-bad-file-desktop', { fullPage: false });

  // The results kept still export (the worker forgot them when it began the failed check).
  const csv = await exportCsv(page);
  assert.match(csv, /表3 支出总表!E12/);
  assert.match(csv, /上海市科学技术委员会/);

  // The next good file is checked with the same prior year and text.
  await dropFiles(page, [seed]);
  assert.equal(await waitForDone(page), 'done');
  const after = await readShown(page);
  assert.equal(after.overview.errors, 0);
  assert.match(after.claims, /\d+/, 'the pasted text survived the error');
  assert.match(after.changes, /\d+/, 'the prior year survived the error');
  assert.equal(await page.locator('[data-testid="previous-note"]').count(), 0);
  assert.equal(await page.locator('[data-testid="error"]').count(), 0);
  assertClean(assert, s);
});

test('a worker that panics or runs out of memory on the second file: reported, replaced, the first results kept', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  const workers = await countWorkers(page);
  await failingWorker(page);
  await openApp(s);
  await waitForWorker(page);

  await dropFiles(page, [await fixture('seed-errors.xlsx')]);
  assert.equal(await waitForDone(page), 'done');
  await setFiles(page, [await fixture('prior-2020.xlsx')], '[data-testid="prior-input"]');
  assert.equal(await waitForDone(page), 'done');
  // The person opens a finding, and starts writing in the paste box.
  await page.locator('[data-testid="finding"][data-rule="GJ201"] [data-testid="finding-open"]').click();
  await page.locator('[data-testid="cell"][data-highlight="checked"]').waitFor();
  const draft = '2021年部门预算说明（草稿）';
  await page.locator('[data-testid="paste-input"]').fill(draft);
  const before = await readShown(page);

  const seed = await fixture('seed.xlsx');
  for (const [name, how] of [['panic-第二个文件.xlsx', 'panic'], ['oom-第二个文件.xlsx', 'out of memory']]) {
    await dropFiles(page, [{ ...seed, name }]);
    assert.equal(await waitForDone(page), 'failed', how);
    const error = await readError(page);
    assert.equal(error.kind, 'worker_failed', how);
    assert.match(error.text, /处理组件意外停止/);
    assert.deepEqual(await readShown(page), before, `${how}: the first results are shown again`);
    assert.equal(await page.locator('[data-testid="previous-note"]').count(), 1);
    // As the person left them: the finding's table with its cell highlighted.
    assert.equal(await page.locator('[data-testid="cell"][data-highlight="checked"]').getAttribute('title'), '表3 支出总表!E12');
    assert.equal(await page.locator('[data-testid="paste-input"]').inputValue(), draft, `${how}: the draft text is kept`);
    assert.match(await page.locator('[data-testid="prior-files"]').innerText(), /prior-2020\.xlsx/);
    assert.equal(await page.locator('[data-testid="retry"]').count(), 1, 'the failed check can be run again');
    if (how === 'panic') {
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'worker-failed-previous-desktop', { fullPage: false });
      await screenshot(page, 'worker-failed-previous-desktop-full');
    } else {
      // "Check again" runs the failing file again: it fails again, the results still there.
      await markChecks(page);
      await page.locator('[data-testid="retry"]').click();
      assert.equal(await waitForDone(page), 'failed');
      assert.equal((await readError(page)).kind, 'worker_failed');
      assert.deepEqual(await readShown(page), before);
    }
    // The export starts a fresh worker and gives it the first file again.
    const csv = await exportCsv(page);
    assert.match(csv, /表3 支出总表!E12/, `${how}: the kept results export`);
  }
  const count = await workers();
  assert.deepEqual(count, { started: 4, terminated: 3 }, 'each failed worker (panic, out of memory, its retry) was ended and replaced');

  // A good file in the fresh worker, still with the prior year.
  await dropFiles(page, [seed]);
  assert.equal(await waitForDone(page), 'done');
  const after = await readShown(page);
  assert.equal(after.overview.errors, 0);
  assert.match(after.changes, /\d+/, 'the prior year survived the crashes');
  assert.equal(await page.locator('[data-testid="error"]').count(), 0);
  assert.deepEqual(s.pageErrors, [], 'no uncaught error on the page');
  // The one console error is the worker's own panic report (its panic hook logs it, as the
  // real one does); the page's failures, handled, log none.
  assert.deepEqual(s.consoleErrors, ['gouji-worker: panicked at src/engine.rs: simulated']);
  assert.deepEqual(s.foreignRequests(), []);
});

test('a file dropped while a large batch is checked cancels that check and is checked at once; nothing of the old check shows', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  const workers = await countWorkers(page);
  await openApp(s);
  await waitForWorker(page);
  // Every unit name and every settled count the page ever shows, from here on.
  await page.evaluate(() => {
    window.__seen = { units: [], settled: [] };
    const app = document.querySelector('[data-testid="app"]');
    const note = () => {
      const unit = document.querySelector('[data-testid="unit-name"]')?.textContent.trim();
      if (unit && window.__seen.units.at(-1) !== unit) window.__seen.units.push(unit);
      const settled = app.dataset.settled;
      if (window.__seen.settled.at(-1) !== settled) window.__seen.settled.push(settled);
    };
    new MutationObserver(note).observe(app, { subtree: true, childList: true, characterData: true, attributes: true });
    note();
  });

  // Two 200-unit workbooks (2 × 55,000 rows), chosen through the file input.
  const big = path.join(FIXTURES, 'units-200.xlsx');
  await markChecks(page);
  const bytes = await readFile(big);
  await page.locator('[data-testid="file-input"]').setInputFiles([
    { name: 'units-200.xlsx', mimeType: 'application/octet-stream', buffer: bytes },
    { name: 'units-200-副本.xlsx', mimeType: 'application/octet-stream', buffer: bytes },
  ]);
  await page.locator('[data-testid="progress"][data-stage="reading"]').waitFor({ timeout: 30_000 });
  assert.deepEqual(await workers(), { started: 1, terminated: 0 });

  // The person changes their mind and drops the seed budget.
  await dropFiles(page, [await fixture('seed.xlsx')]);
  assert.equal(await waitForDone(page), 'done');
  assert.deepEqual(await workers(), { started: 2, terminated: 1 }, 'the running check was stopped with its worker');
  const shown = await readOverview(page);
  assert.equal(shown.unit, '上海市科学技术委员会');
  assert.equal(shown.errors, 0);
  assert.equal(await page.locator('[data-testid="unit-option"]').count(), 0, 'one unit, not 200');
  assert.equal(await page.locator('[data-testid="checked-files"]').innerText(), 'seed.xlsx');
  assert.equal(await page.locator('[data-testid="source-file"]').count(), 1);

  // Longer than the batch takes: no answer of the old check ever arrives.
  await page.waitForTimeout(8_000);
  assert.equal((await readOverview(page)).unit, '上海市科学技术委员会');
  const seen = await page.evaluate(() => window.__seen);
  assert.deepEqual(seen.units, ['上海市科学技术委员会'], 'no unit of the old check was ever shown');
  assert.deepEqual(seen.settled, ['0', '1'], 'one check ended: the new one');
  assertClean(assert, s);
});

test('a file too large, dropped while a check runs, ends that check: the message, and the last results under it', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  const workers = await countWorkers(page);
  await openApp(s);
  await waitForWorker(page);
  await dropFiles(page, [await fixture('seed-errors.xlsx')]);
  assert.equal(await waitForDone(page), 'done');
  const before = await readShown(page);

  await dropFiles(page, [await fixture('units-200.xlsx')]);
  await page.locator('[data-testid="progress"]').waitFor();
  // 65 MiB made inside the page: over the 64 MiB limit, refused before it is read.
  await markChecks(page);
  await page.locator('[data-testid="drop-zone"]').evaluate((el) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(65 * 1024 * 1024)], '巨大的文件.xlsx', { type: 'application/octet-stream' }));
    for (const type of ['dragenter', 'dragover', 'drop']) el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
  });
  assert.equal(await waitForDone(page), 'failed');
  assert.equal((await readError(page)).kind, 'too_large');
  assert.deepEqual(await readShown(page), before);
  assert.deepEqual(await workers(), { started: 2, terminated: 1 }, 'the interrupted check was stopped');
  await page.waitForTimeout(3_000);
  assert.deepEqual(await readShown(page), before, 'and never answers');
  assertClean(assert, s);
});
