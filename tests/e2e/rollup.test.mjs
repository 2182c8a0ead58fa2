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

test('the 2020 and 2021 files of one department dropped together pair up as prior and current year; the pairing can be changed', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);
  await waitForWorker(page);
  await dropFiles(page, [await fixture('prior-2020.xlsx', '科委2020.xlsx'), await fixture('seed.xlsx', '科委2021.xlsx')]);
  assert.equal(await waitForDone(page), 'done');
  assert.match(await page.locator('[data-testid="rollup-paired"]').innerText(), /已自动配对为本年与上年/);
  const row2021 = page.locator('[data-testid="rollup-row"][data-year="2021"]');
  const row2020 = page.locator('[data-testid="rollup-row"][data-year="2020"]');
  assert.match(await row2021.locator('td').first().innerText(), /科委2021\.xlsx/);
  const index2020 = await row2020.getAttribute('data-unit-index');
  assert.equal(await row2021.locator('[data-testid="rollup-prior"]').inputValue(), index2020, '2020 is 2021’s prior year');
  assert.equal(await row2020.locator('[data-testid="rollup-prior"]').inputValue(), '', '2019 was not given');
  assert.match(await row2021.locator('[data-testid="rollup-change"]').innerText(), /^[+-]?\d+(\.\d)?%$/);
  // The unit list tells the two apart by year and file.
  const details = await page.locator('[data-testid="unit-option-detail"]').allInnerTexts();
  assert.deepEqual(details.map((d) => d.trim()).sort(), ['2020 · 科委2020.xlsx', '2021 · 科委2021.xlsx']);
  // The 2021 unit shows its changes against 2020.
  await row2021.locator('.rollup__open').click();
  await page.waitForFunction((i) => document.querySelector('[data-testid="results"]')?.dataset.unitIndex !== i, index2020);
  await page.locator('[data-testid="tab-changes"]').click();
  assert.ok(Number(await page.locator('[data-testid="tab-changes"] .tab__count').innerText()) > 0, 'changes against 2020');
  await screenshot(page, 'rollup-paired', { fullPage: false });
  // Unpaired by the person: no changes any more, and the roll-up says so.
  await row2021.locator('[data-testid="rollup-prior"]').selectOption('');
  await page.waitForFunction(() => !document.querySelector('[data-testid="tab-changes"] .tab__count'));
  assert.equal(await row2021.locator('[data-testid="rollup-change"]').innerText(), '');
  // And paired again.
  await row2021.locator('[data-testid="rollup-prior"]').selectOption(index2020);
  await page.locator('[data-testid="tab-changes"] .tab__count').waitFor();
  assertClean(assert, s);
});
