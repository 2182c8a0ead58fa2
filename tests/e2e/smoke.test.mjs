// Smoke test: the whole path a person takes with the seed budget, using the harness helpers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openApp, waitForWorker, dropFiles, fixture, waitForDone, readOverview, assertSeedClean, screenshot, assertClean, PHONE,
} from './harness.mjs';
import { sampleWorkbook } from './fixtures.mjs';

test('smoke: drop seed.xlsx, see no errors and every table with its place; nothing leaves the page', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);
  await waitForWorker(page);

  await dropFiles(page, [await fixture('seed.xlsx')]);
  assert.equal(await waitForDone(page), 'done');
  const o = await readOverview(page);
  assertSeedClean(assert, o);
  assert.equal(o.year, '2021 年');
  assert.equal(o.moneyUnits, '元、万元');
  assert.deepEqual(o.tables.find((x) => x.id === 'expenditure'), { id: 'expenditure', status: 'found', where: '表3 支出总表!A1' });
  assert.equal(o.tables.find((x) => x.id === 'gf_function').status, 'empty');
  assert.match(await page.locator('[data-testid="source-bar"]').innerText(), /seed\.xlsx/);
  assert.match(await page.locator('[data-testid="findings-none"]').innerText(), /没有发现问题/);

  await screenshot(page, 'results-desktop', { fullPage: false });
  await screenshot(page, 'results-desktop-full');
  await page.setViewportSize(PHONE);
  await screenshot(page, 'results-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than a 390px phone screen`);

  assert.ok(s.requests.length > 0, 'requests were recorded');
  assertClean(assert, s);
});

test('a partial budget: the tables found, the ones missing, and the relations that could not be checked', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);
  await waitForWorker(page);
  await dropFiles(page, [{ name: '两张表.xlsx', bytes: sampleWorkbook() }]);
  assert.equal(await waitForDone(page), 'done');
  const o = await readOverview(page);
  const found = o.tables.filter((x) => x.status !== 'missing').map((x) => x.id);
  assert.deepEqual(found.sort(), ['expenditure', 'revenue']);
  assert.equal(o.tables.filter((x) => x.status === 'missing').length, 6);
  const notChecked = await page.$$eval('[data-testid="not-checked"] li', (els) => els.map((e) => e.dataset.rule));
  assert.ok(notChecked.length > 0, 'relations needing the missing tables are listed');
  assert.match(await page.locator('[data-testid="not-checked"]').innerText(), /缺少|没有|未找到|missing/);
  assertClean(assert, s);
});
