// Two years and the narrative text: the changes view, the charts of the largest movers and of the
// 三公 items year against year, and the text's claims with their verdicts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import {
  launch, openApp, waitForWorker, dropFiles, setFiles, pasteText, fixture, waitForDone, readOverview, screenshot, assertClean, PHONE, DATA,
} from './harness.mjs';

const readClaims = (page) =>
  page.$$eval('[data-testid="claim"]', (els) =>
    els.map((e) => ({ rule: e.dataset.rule, verdict: e.dataset.verdict, sentence: e.querySelector('[data-testid="claim-sentence"]').textContent })),
  );

test('prior-2020.xlsx in the prior slot + seed.xlsx: the changes view and the 三公 year-over-year chart', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);
  await waitForWorker(page);

  const prior = await fixture('prior-2020.xlsx');
  await dropFiles(page, [prior], '[data-testid="prior-drop"]');
  assert.match(await page.locator('[data-testid="prior-files"]').innerText(), /prior-2020\.xlsx/);
  assert.equal(await page.getAttribute('[data-testid="app"]', 'data-state'), 'idle', 'a prior year alone is not checked');
  await dropFiles(page, [await fixture('seed.xlsx')]);
  assert.equal(await waitForDone(page), 'done');
  assert.equal((await readOverview(page)).errors, 0);

  await page.locator('[data-testid="tab-changes"]').click();
  assert.equal(await page.locator('[data-testid="changes-title"]').innerText(), '2021 年预算与 2020 年预算对比');
  assert.match(await page.locator('[data-testid="changes-count"]').innerText(), /\d+ 处变动（共比较 \d+ 项金额）/);
  // Sorted by the size of the change, largest first; then in table order.
  const sizes = await page.$$eval('[data-testid="change-row"]', (rows) => rows.map((r) => Number(r.dataset.size)));
  assert.ok(sizes.length > 20);
  assert.ok(sizes.every((v, i) => i === 0 || sizes[i - 1] >= v), 'largest change first');
  await page.locator('[data-testid="changes-sort"]').selectOption('table');
  const tables = await page.$$eval('[data-testid="change-row"]', (rows) => rows.map((r) => r.dataset.table));
  assert.equal(tables[0], 'summary');
  await page.locator('[data-testid="totals-only"]').uncheck();
  assert.ok((await page.locator('[data-testid="change-row"]').count()) > sizes.length, 'every column when unchecked');
  await page.locator('[data-testid="totals-only"]').check();
  await page.locator('[data-testid="changes-sort"]').selectOption('size');
  // New, removed and renamed rows are marked.
  const statuses = new Set(await page.$$eval('[data-testid="change-row"]', (rows) => rows.map((r) => r.dataset.status)));
  for (const st of ['new', 'removed', 'renamed']) assert.ok(statuses.has(st), st);

  const movers = await page.locator('[data-testid="movers-chart"]:visible').evaluate((svg) =>
    [...svg.querySelectorAll('[data-testid="bar"]')].map((g) => ({ key: g.dataset.key, value: g.dataset.value })),
  );
  assert.ok(movers.length >= 3 && movers.length <= 10);
  assert.ok(movers.every((m) => /^\d{3}(\d{2})?$/.test(m.key)), 'classes and items');
  const pairs = await page.locator('[data-testid="tp-yoy-chart"]:visible').evaluate((svg) =>
    [...svg.querySelectorAll('[data-testid="pair"]')].map((g) => ({
      key: g.dataset.key,
      old: g.querySelector('[data-year="old"]')?.dataset.value ?? null,
      new: g.querySelector('[data-year="new"]')?.dataset.value ?? null,
    })),
  );
  assert.deepEqual(pairs.map((p) => p.key), ['total', 'abroad', 'reception', 'vehicle_purchase', 'vehicle_operation', 'office_operation']);
  assert.equal(pairs[0].new, '995.20');
  assert.equal(pairs[1].old, '455.00', '因公出国（境）费 与2020年预算持平');
  await screenshot(page, 'changes-desktop');
  await page.setViewportSize(PHONE);
  await screenshot(page, 'changes-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone screen`);
  assertClean(assert, s);
});

test('pasted seed text: the claims with their sentences and verdicts; a prior year settles the 比2020年 ones', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);
  await waitForWorker(page);
  const text = await readFile(path.join(DATA, 'shanghai-stcsm-2021-budget.txt'), 'utf8');
  await pasteText(page, text);
  assert.equal(await waitForDone(page), 'done');
  await page.locator('[data-testid="tab-claims"]').click();
  let claims = await readClaims(page);
  assert.ok(claims.length > 20, `${claims.length} claims`);
  const byVerdict = (v) => claims.filter((c) => c.verdict === v);
  assert.ok(byVerdict('agrees').length > 10);
  const wrong = byVerdict('disagrees');
  assert.deepEqual(wrong.map((c) => c.rule), ['GJ704']);
  assert.match(wrong[0].sentence, /535180239/);
  assert.ok(byVerdict('cannot_check').every((c) => c.rule === 'GJ702'), 'only the year-over-year claims wait for a prior year');
  assert.ok(byVerdict('cannot_check').length > 0);
  assert.match(await page.locator('[data-testid="claims-summary"]').innerText(), /处一致/);
  const toTop = () => page.locator('[data-testid="tab-claims"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await toTop();
  await screenshot(page, 'claims-desktop', { fullPage: false });
  await page.setViewportSize(PHONE);
  await toTop();
  await screenshot(page, 'claims-phone', { fullPage: false });
  await page.setViewportSize({ width: 1366, height: 768 });

  // With the prior year, the year-over-year claims are checked too.
  await setFiles(page, [await fixture('prior-2020.xlsx')], '[data-testid="prior-input"]');
  assert.equal(await waitForDone(page), 'done');
  await page.locator('[data-testid="tab-claims"]').click();
  claims = await readClaims(page);
  assert.deepEqual(byVerdict('cannot_check'), []);
  assert.ok(claims.filter((c) => c.rule === 'GJ702').every((c) => c.verdict === 'agrees'));
  await page.locator('[data-testid="filter-verdict"]').selectOption('disagrees');
  assert.equal(await page.locator('[data-testid="claim"]').count(), 1);
  assertClean(assert, s);
});
