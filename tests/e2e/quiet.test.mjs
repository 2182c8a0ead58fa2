// Quiet by default, marks that stay, keys that keep your place, print from any tab:
// - rounding notes collapse under "舍入差异 (n)", worded 计算值 / 表中数 / 差, and the findings tab
//   counts errors and warnings only;
// - a finding marked 已复核 / 可接受 with a comment keeps its mark when the same file is checked
//   again (kept in the browser), and the mark goes into the CSV, JSON and .xlsx exports;
// - J / K walk the findings and show each one's cell; printing from the table tab prints the findings.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import {
  launch, openApp, waitForWorker, dropFiles, fixture, waitForDone, readOverview, screenshot, assertClean, markChecks, SHOTS, PHONE,
} from './harness.mjs';

test('a clean 万元 file: rounding notes collapsed under 舍入差异 with neutral wording; the tab counts no finding', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);
  await waitForWorker(page);
  await dropFiles(page, [await fixture('seed-wanyuan.xlsx')]);
  assert.equal(await waitForDone(page), 'done');
  const o = await readOverview(page);
  assert.equal(o.errors, 0);
  assert.equal(o.warnings, 0);
  assert.ok(o.infos > 10, `rounding notes: ${o.infos}`);
  assert.equal((await page.locator('[data-testid="tab-findings"] .tab__count').textContent()).trim(), '0', 'the tab counts errors and warnings');

  const group = page.locator('[data-testid="rounding-group"]');
  assert.equal(await group.getAttribute('open'), null, 'collapsed');
  assert.equal((await page.locator('[data-testid="rounding-summary"]').textContent()).trim(), `舍入差异 (${o.infos})`);
  assert.equal(await page.locator('[data-testid="finding"]:visible').count(), 0, 'nothing open on a clean file');
  await page.locator('[data-testid="rounding-summary"]').click();
  const first = group.locator('[data-testid="finding"]').first();
  await first.waitFor();
  const labels = await first.locator('.amounts dt').allTextContents();
  assert.deepEqual(labels, ['计算值', '表中数', '差'], 'neutral words, not 应为 / 实际');
  const colour = await first.locator('.difference dd').evaluate((el) => getComputedStyle(el).color);
  assert.notEqual(colour, 'rgb(162, 56, 42)', 'the gap is not in the error red');
  assert.equal(await first.locator('[data-testid="mark-reviewed"]').count(), 0, 'a rounding note is not for marking');
  // Walking the findings skips the rounding notes.
  await page.keyboard.press('j');
  assert.equal(await page.locator('[data-testid="tab-findings"]').getAttribute('aria-selected'), 'true', 'no finding to go to');
  // Filtered to notes, they are listed open.
  await page.locator('[data-testid="filter-severity"]').selectOption('info');
  assert.equal(await page.locator('[data-testid="rounding-group"]').count(), 0);
  assert.equal(await page.locator('[data-testid="finding"]:visible').count(), o.infos);
  await page.locator('[data-testid="filter-severity"]').selectOption('');
  await page.locator('[data-testid="rounding-summary"]').click();
  await screenshot(page, 'quiet-rounding');
  assertClean(assert, s);
});

test('seed-errors.xlsx: a finding marked 可接受 with a comment keeps its mark on the next check and goes into every export', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);
  await waitForWorker(page);
  const file = await fixture('seed-errors.xlsx');
  await dropFiles(page, [file]);
  assert.equal(await waitForDone(page), 'done');

  const card = page.locator('[data-testid="finding"][data-rule="GJ201"]');
  await card.locator('[data-testid="mark-accepted"]').click();
  assert.equal(await card.getAttribute('data-mark'), 'accepted');
  assert.equal(await card.locator('[data-testid="mark-accepted"]').getAttribute('aria-pressed'), 'true');
  await card.locator('[data-testid="mark-comment"]').fill('已与单位核实，系录入错误');
  await card.locator('[data-testid="mark-comment"]').press('Enter');
  await card.locator('[data-testid="mark-comment"]').blur();
  await page.locator('[data-testid="finding"][data-rule="GJ202"] [data-testid="mark-reviewed"]').click();
  assert.match(await page.locator('[data-testid="marked-count"]').textContent(), /已标记 2/);
  await screenshot(page, 'quiet-marks');

  // A new visit, the same file: the marks are back.
  await openApp(s);
  await waitForWorker(page);
  await markChecks(page);
  await dropFiles(page, [file]);
  assert.equal(await waitForDone(page), 'done');
  assert.equal(await card.getAttribute('data-mark'), 'accepted', 'kept in the browser');
  assert.equal(await card.locator('[data-testid="mark-comment"]').inputValue(), '已与单位核实，系录入错误');
  assert.equal(await page.locator('[data-testid="finding"][data-rule="GJ202"]').getAttribute('data-mark'), 'reviewed');
  assert.equal(await page.locator('[data-testid="finding"][data-rule="GJ101"]').getAttribute('data-mark'), null);

  const download = async (id) => {
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.locator(`[data-testid="${id}"]`).click()]);
    return { name: d.suggestedFilename(), bytes: await readFile(await d.path()) };
  };
  const csv = await download('export-csv');
  assert.match(csv.name, /^勾稽-上海市科学技术委员会-2021-\d{8}-\d{4}\.csv$/, 'says what and when');
  const rows = csv.bytes.toString('utf8').trim().split('\r\n');
  assert.ok(rows[0].endsWith(',review,review_comment'));
  assert.equal(rows.filter((r) => r.includes(',GJ201,') && r.endsWith(',accepted,已与单位核实，系录入错误')).length, 1, rows.join('\n'));
  assert.equal(rows.filter((r) => r.includes(',GJ202,') && r.endsWith(',reviewed,')).length, 1);
  const json = JSON.parse((await download('export-json')).bytes.toString('utf8'));
  const reviews = json.units[0].reviews;
  assert.deepEqual(reviews.map((r) => [json.units[0].findings[r.finding].rule, r.status]).sort(), [['GJ201', 'accepted'], ['GJ202', 'reviewed']]);
  const xlsx = await download('export-xlsx');
  assert.ok(xlsx.bytes.includes(Buffer.from('xl/sharedStrings.xml')));
  // Their own workbook, marked up: same sheets plus the findings sheet, notes at the wrong cells
  // with the person's marks in them.
  const own = await download('export-markup');
  assert.equal(own.name, 'seed-errors-勾稽标注.xlsx');
  await writeFile(path.join(SHOTS, 'seed-errors-勾稽标注.xlsx'), own.bytes);
  const parts = unzipSync(new Uint8Array(own.bytes));
  const workbook = strFromU8(parts['xl/workbook.xml']);
  assert.match(workbook, /name="gouji 检查结果"/);
  for (const sheet of ['表3 支出总表', '表8 三公经费']) assert.match(workbook, new RegExp(`name="${sheet}"`));
  const notes = Object.keys(parts).filter((p) => /^xl\/comments_gouji\d+\.xml$/.test(p)).map((p) => strFromU8(parts[p])).join('');
  assert.match(notes, /ref="E12"[^]*\[GJ201\][^]*可接受：已与单位核实，系录入错误/);
  assert.match(notes, /\[GJ202\][^]*已复核/);

  await page.setViewportSize(PHONE);
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'quiet-marks-phone', { fullPage: false });
  await page.setViewportSize({ width: 1366, height: 768 });
  // Clearing a mark: pressed again.
  await card.locator('[data-testid="mark-accepted"]').click();
  assert.equal(await card.getAttribute('data-mark'), null);
  assert.equal(await card.locator('[data-testid="mark-comment"]').count(), 0);
  assertClean(assert, s);
});

test('J / K walk the findings, each shown at its cell; printing from the table tab prints the findings', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);
  await waitForWorker(page);
  await dropFiles(page, [await fixture('seed-errors.xlsx')]);
  assert.equal(await waitForDone(page), 'done');
  const order = await page.$$eval('[data-testid="finding"]', (els) => els.map((e) => e.dataset.cellA1));

  const checked = () => page.locator('[data-testid="table-view"] [data-highlight="checked"]').first().getAttribute('data-a1');
  await page.keyboard.press('j');
  await page.locator('[data-testid="panel-tables"]').waitFor();
  assert.equal(await checked(), order[0]);
  await page.keyboard.press('j');
  assert.equal(await checked(), order[1]);
  await page.keyboard.press('k');
  assert.equal(await checked(), order[0]);
  // The checked cell is on screen.
  const box = await page.locator('[data-testid="table-view"] [data-highlight="checked"]').first().boundingBox();
  const vp = page.viewportSize();
  assert.ok(box && box.y >= 0 && box.y + box.height <= vp.height, `on screen: ${JSON.stringify(box)}`);
  await page.locator('[data-testid="tab-findings"]').click();
  await page.locator('[data-testid="next-finding"]').click();
  assert.equal(await checked(), order[1], 'the button does what J does');
  // Not while typing in a field: J is a letter of the comment.
  await page.locator('[data-testid="tab-findings"]').click();
  const first = page.locator('[data-testid="finding"]').first();
  await first.locator('[data-testid="mark-reviewed"]').click();
  await first.locator('[data-testid="mark-comment"]').focus();
  await page.keyboard.type('jk');
  assert.equal(await first.locator('[data-testid="mark-comment"]').inputValue(), 'jk');
  assert.equal(await page.locator('[data-testid="tab-findings"]').getAttribute('aria-selected'), 'true');
  await page.locator('[data-testid="tab-tables"]').click();

  // On a phone, the wide table says it scrolls sideways; on a desktop it need not.
  assert.ok(!(await page.locator('[data-testid="scroll-hint"]').isVisible()));
  await page.setViewportSize(PHONE);
  assert.ok(await page.locator('[data-testid="scroll-hint"]').isVisible(), 'a cue that the table scrolls sideways');
  await page.keyboard.press('j');
  await screenshot(page, 'quiet-table-phone', { fullPage: false });
  await page.setViewportSize({ width: 1366, height: 768 });

  await page.emulateMedia({ media: 'print' });
  const printed = page.locator('[data-testid="print-findings"]');
  assert.ok(await printed.isVisible(), 'the findings print under the table tab');
  assert.equal(await printed.locator('li').count(), 3);
  assert.ok(!(await page.locator('[data-testid="export-bar"]').isVisible()));
  await screenshot(page, 'quiet-print-tables');
  await page.emulateMedia({ media: 'screen' });
  assert.ok(!(await printed.isVisible()));
  assertClean(assert, s);
});
