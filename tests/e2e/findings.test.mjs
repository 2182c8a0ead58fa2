// Findings: each is listed with its amounts; clicking one opens its table with the checked cell
// and the compared cells highlighted; exports download without the network.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  launch, openApp, waitForWorker, dropFiles, fixture, waitForDone, readOverview, screenshot, assertClean, PHONE,
} from './harness.mjs';

async function readFindings(page) {
  return page.$$eval('[data-testid="finding"]', (els) =>
    els.map((el) => ({
      rule: el.dataset.rule,
      severity: el.dataset.severity,
      table: el.dataset.table,
      cell: { sheet: el.dataset.cellSheet, row: Number(el.dataset.cellRow), col: Number(el.dataset.cellCol), a1: el.dataset.cellA1 },
      message: el.querySelector('[data-testid="finding-message"]').textContent.trim(),
      expected: el.querySelector('[data-testid="amount-expected"]')?.textContent.trim() ?? null,
      actual: el.querySelector('[data-testid="amount-actual"]')?.textContent.trim() ?? null,
      difference: el.querySelector('[data-testid="amount-difference"]')?.textContent.trim() ?? null,
    })),
  );
}

const highlighted = (page) =>
  page.$$eval('[data-testid="table-view"] [data-highlight]', (els) =>
    els.map((el) => ({ how: el.dataset.highlight, sheet: el.dataset.sheet ?? null, row: Number(el.dataset.row), col: Number(el.dataset.col), a1: el.dataset.a1 })),
  );

test('seed-errors.xlsx: each finding shown; clicking one highlights its cells in its table', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);
  await waitForWorker(page);
  await dropFiles(page, [await fixture('seed-errors.xlsx')]);
  assert.equal(await waitForDone(page), 'done');

  const o = await readOverview(page);
  assert.equal(o.errors, 3);
  assert.equal(o.noErrors, false);
  const findings = await readFindings(page);
  assert.deepEqual(findings.map((f) => f.rule).sort(), ['GJ101', 'GJ201', 'GJ202']);
  const row = findings.find((f) => f.rule === 'GJ201');
  assert.deepEqual(row.cell, { sheet: '表3 支出总表', row: 11, col: 4, a1: 'E12' });
  assert.deepEqual([row.expected, row.actual, row.difference], ['51,700,927', '51,700,926', '-1']);
  assert.match(row.message, /2060101 行政运行/);
  const hier = findings.find((f) => f.rule === 'GJ101');
  assert.match(hier.message, /20601 科学技术管理事务/);
  assert.equal(hier.cell.a1, 'F11');
  const tp = findings.find((f) => f.rule === 'GJ202');
  assert.equal(tp.table, 'three_public');
  assert.deepEqual([tp.expected, tp.actual, tp.difference], ['995.30', '995.20', '-0.10'], '万元 with 2 decimals');

  // Filter by severity and table.
  await page.locator('[data-testid="filter-table"]').selectOption('three_public');
  assert.equal(await page.locator('[data-testid="finding"]').count(), 1);
  await page.locator('[data-testid="filter-table"]').selectOption('');
  await page.locator('[data-testid="filter-severity"]').selectOption('warning');
  assert.equal(await page.locator('[data-testid="finding"]').count(), 0);
  await page.locator('[data-testid="filter-severity"]').selectOption('');
  assert.equal(await page.locator('[data-testid="finding"]').count(), 3);

  // The 2060101 row: the checked cell is its 合计 (E12); 基本支出 and 项目支出 are compared.
  await page.locator('[data-testid="finding"][data-rule="GJ201"] [data-testid="finding-open"]').click();
  await page.locator('[data-testid="table-view"][data-table-id="expenditure"]').waitFor();
  const marks = await highlighted(page);
  const checked = marks.filter((m) => m.how === 'checked');
  assert.deepEqual(checked, [{ how: 'checked', sheet: row.cell.sheet, row: row.cell.row, col: row.cell.col, a1: row.cell.a1 }]);
  assert.deepEqual(marks.filter((m) => m.how === 'compared').map((m) => m.a1).sort(), ['F12', 'G12']);
  const cell = page.locator('[data-testid="cell"][data-highlight="checked"]');
  assert.equal(await cell.getAttribute('title'), '表3 支出总表!E12');
  assert.match(await cell.innerText(), /51,700,926/);
  assert.equal(await cell.evaluate((el) => el.closest('tr').dataset.code), '2060101');
  assert.ok(await cell.isVisible(), 'scrolled into view');
  const inView = await cell.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  assert.ok(inView, 'the checked cell is on screen');
  // Distinct looks for the checked and the compared cells.
  const [a, b] = await Promise.all([
    cell.evaluate((el) => getComputedStyle(el).backgroundColor),
    page.locator('[data-highlight="compared"]').first().evaluate((el) => getComputedStyle(el).backgroundColor),
  ]);
  assert.notEqual(a, b);
  await screenshot(page, 'finding-desktop', { fullPage: false });
  await page.setViewportSize(PHONE);
  await page.locator('[data-testid="tab-findings"]').click();
  await page.locator('[data-testid="finding"][data-rule="GJ201"] [data-testid="finding-open"]').click();
  const onPhone = await page.locator('[data-highlight="checked"]').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.left >= 0 && r.right <= window.innerWidth && r.top >= 0 && r.bottom <= window.innerHeight;
  });
  assert.ok(onPhone, 'the checked cell is on a phone screen too');
  await screenshot(page, 'finding-phone', { fullPage: false });
  await page.setViewportSize({ width: 1366, height: 768 });

  // The hierarchy finding: the 20601 基本支出 cell, its 项 rows compared.
  await page.locator('[data-testid="tab-findings"]').click();
  await page.locator('[data-testid="finding"][data-rule="GJ101"] [data-testid="finding-open"]').click();
  const h = await highlighted(page);
  assert.deepEqual(h.filter((m) => m.how === 'checked').map((m) => m.a1), ['F11']);
  assert.deepEqual(h.filter((m) => m.how === 'compared').map((m) => m.a1).sort(), ['F12', 'F13', 'F14', 'F15']);

  // The 三公 finding switches to the 三公 table.
  await page.locator('[data-testid="tab-findings"]').click();
  await page.locator('[data-testid="finding"][data-rule="GJ202"] [data-testid="finding-open"]').click();
  await page.locator('[data-testid="table-view"][data-table-id="three_public"]').waitFor();
  assert.deepEqual((await highlighted(page)).filter((m) => m.how === 'checked').map((m) => m.a1), ['A7']);

  // Printed: the overview and the findings, none of the controls.
  await page.locator('[data-testid="tab-findings"]').click();
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('[data-testid="overview"]').isVisible());
  assert.equal(await page.locator('[data-testid="finding"]:visible').count(), 3);
  for (const hidden of ['drop-zone', 'paste-form', 'export-bar', 'privacy-note']) {
    assert.equal(await page.locator(`[data-testid="${hidden}"]`).isVisible(), false, `${hidden} is not printed`);
  }
  await screenshot(page, 'print-desktop');
  await page.emulateMedia({ media: 'screen' });
  await page.locator('[data-testid="finding"][data-rule="GJ202"] [data-testid="finding-open"]').click();

  // Cell addresses show on focus.
  const focusRow = page.locator('[data-testid="budget-table"] tbody tr').first();
  await focusRow.focus();
  assert.ok(await focusRow.locator('.addr').first().isVisible(), 'the address shows when a row is focused');
  assertClean(assert, s);
});

test('exports: CSV, JSON and an .xlsx report download from the page, without the network', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);
  await waitForWorker(page);
  await dropFiles(page, [await fixture('seed-errors.xlsx')]);
  assert.equal(await waitForDone(page), 'done');
  const before = s.requests.filter((u) => u.startsWith('http')).length;

  const download = async (id) => {
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.locator(`[data-testid="${id}"]`).click()]);
    const file = await d.path();
    return { name: d.suggestedFilename(), url: d.url(), bytes: await readFile(file) };
  };
  const xlsx = await download('export-xlsx');
  assert.match(xlsx.name, /\.xlsx$/);
  assert.match(xlsx.url, /^blob:/);
  assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK', 'an xlsx (zip) file');
  assert.ok(xlsx.bytes.length > 5_000);
  assert.ok(xlsx.bytes.includes(Buffer.from('xl/comments')), 'with cell notes');

  const csv = await download('export-csv');
  assert.match(csv.name, /\.csv$/);
  const text = csv.bytes.toString('utf8');
  assert.equal(text.charCodeAt(0), 0xfeff, 'UTF-8 with a BOM for Excel');
  assert.equal(text.trim().split('\r\n').length, 4, 'a header and three findings');
  assert.match(text, /表3 支出总表!E12/);

  const json = JSON.parse((await download('export-json')).bytes.toString('utf8'));
  assert.equal(json.units[0].findings.length, 3);
  assert.equal(json.units[0].unit_name, '上海市科学技术委员会');

  assert.equal(s.requests.filter((u) => u.startsWith('http')).length, before, 'no request for the exports');
  assertClean(assert, s);
});
