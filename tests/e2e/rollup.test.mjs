// Several units checked at once: a roll-up first — one row per unit with its file, year, kind,
// errors, warnings, 三公 total and 检查表 否 — sortable, filterable to the units with errors, and the
// page opens on the worst unit.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, waitForWorker, dropFiles, fixture, waitForDone, readOverview, screenshot, assertClean } from './harness.mjs';

const rows = (page) =>
  page.$$eval('[data-testid="rollup-row"]', (els) =>
    els.map((el) => ({ index: el.dataset.unitIndex, errors: Number(el.dataset.errors), text: el.textContent })),
  );

for (const [label, viewport] of [['1366', { width: 1366, height: 768 }], ['390', { width: 390, height: 844 }]]) {
  test(`two files of one department at ${label} px: the roll-up lists both by file, opens the one with errors, sorts and filters`, async (t) => {
    const s = await launch({ viewport });
    t.after(() => s.close());
    const { page } = s;
    await openApp(s);
    await waitForWorker(page);
    await dropFiles(page, [await fixture('seed.xlsx', '科委2021.xlsx'), await fixture('seed-errors.xlsx', '科委2021-有错.xlsx')]);
    assert.equal(await waitForDone(page), 'done');
    assert.ok(await page.locator('[data-testid="rollup"]').isVisible(), 'the roll-up shows');
    assert.match(await page.locator('[data-testid="rollup-count"]').innerText(), /2 个单位，1 个有错误/);
    let r = await rows(page);
    assert.equal(r.length, 2);
    assert.equal(r[0].errors, 3, 'worst first');
    assert.match(r[0].text, /科委2021-有错\.xlsx/, 'each row names its file');
    assert.match(r[1].text, /科委2021\.xlsx/);
    assert.match(r[1].text, /995\.20 万元/, 'the 三公 total');
    // The page opened on the unit with errors.
    assert.equal(await page.getAttribute('[data-testid="results"]', 'data-unit-index'), r[0].index);
    assert.equal((await readOverview(page)).errors, 3);
    await screenshot(page, `rollup-${label}`, { fullPage: false });

    // Sorted by errors the other way; then only units with errors.
    await page.locator('[data-testid="rollup-sort-errors"]').click();
    r = await rows(page);
    assert.equal(r[0].errors, 0);
    assert.equal(await page.locator('th[aria-sort="ascending"]').count(), 1);
    await page.locator('[data-testid="rollup-errors-only"]').check();
    r = await rows(page);
    assert.equal(r.length, 1);
    // A row opens its unit.
    await page.locator('[data-testid="rollup-errors-only"]').uncheck();
    const clean = (await rows(page)).find((x) => x.errors === 0);
    await page.locator(`[data-testid="rollup-row"][data-unit-index="${clean.index}"] button`).click();
    await page.waitForFunction((i) => document.querySelector('[data-testid="results"]')?.dataset.unitIndex === i, clean.index);
    assert.equal((await readOverview(page)).errors, 0);
    assertClean(assert, s);
  });
}
