// The published PDF itself, dropped on the page: read in the worker page by page, its tables
// found at their pages, its findings pointing at the page a person turns to, nothing sent
// anywhere. The seed printed to PDF is made by the fixtures binary; the real 司法局 2026 unit
// budget comes from ../shared/realworld/ when it is there.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile, access } from 'node:fs/promises';
import {
  launch, openApp, waitForWorker, dropFiles, fixture, waitForDone, readOverview, readError, screenshot, assertSeedClean, assertClean, markChecks,
  REPO,
} from './harness.mjs';

const REAL = path.resolve(REPO, '..', 'shared', 'realworld', 'shanghai-putuo-govbudgetchecker');

async function session(t) {
  const s = await launch();
  t.after(() => s.close());
  await openApp(s);
  await waitForWorker(s.page);
  return s;
}

const findingCells = (page) =>
  page.$$eval('[data-testid="finding"]', (els) =>
    els.map((el) => ({
      rule: el.dataset.rule,
      severity: el.dataset.severity,
      message: el.querySelector('[data-testid="finding-message"]').textContent.trim(),
      pages: [...el.querySelectorAll('[data-page]')].map((c) => Number(c.dataset.page)),
    })),
  );

test('seed.pdf dropped: the 8 tables at their pages, no errors', async (t) => {
  const s = await session(t);
  await dropFiles(s.page, [await fixture('seed.pdf')]);
  assert.equal(await waitForDone(s.page), 'done');
  const o = await readOverview(s.page);
  assertSeedClean(assert, o);
  for (const table of o.tables) {
    assert.match(table.where, /^第 \d+(–\d+)? 页$/, `${table.id} is named by its page: ${table.where}`);
  }
  assert.equal(o.tables.find((x) => x.id === 'summary').where, '第 1 页');
  await screenshot(s.page, 'pdf-seed-overview');
  assertClean(assert, s);
});

test('seed-errors.pdf: each finding names the page of its cell', async (t) => {
  const s = await session(t);
  await dropFiles(s.page, [await fixture('seed-errors.pdf')]);
  assert.equal(await waitForDone(s.page), 'done');
  const o = await readOverview(s.page);
  assert.equal(o.errors, 3);
  const f = await findingCells(s.page);
  assert.deepEqual(f.map((x) => x.rule).sort(), ['GJ101', 'GJ201', 'GJ202']);
  for (const x of f) assert.ok(x.pages.length > 0 && x.pages.every((p) => p >= 1), `${x.rule} points at pages ${x.pages}`);
  const tp = f.find((x) => x.rule === 'GJ202');
  const where = o.tables.find((x) => x.id === 'three_public').where;
  assert.equal(`第 ${tp.pages[0]} 页`, where, 'the 三公 finding is on the 三公 table page');
  // The cell link reads as a page.
  assert.match(await s.page.locator('[data-testid="finding"][data-rule="GJ202"] [data-testid="cell-link"]').first().innerText(), /^第 \d+ 页 · [A-Z]+\d+$/);
  await screenshot(s.page, 'pdf-seed-errors');
  assertClean(assert, s);
});

/** A real published document's bytes, or null (the test skipped) where ../shared/realworld is absent. */
async function realDocument(t, name) {
  const file = path.join(REAL, name);
  try {
    await access(file);
  } catch {
    t.skip(`../shared/realworld is not here (${file}): the real-document test needs it`);
    return null;
  }
  return readFile(file);
}

test('the real 普陀区司法局 2026 unit budget: its real errors at their rows, nothing else', async (t) => {
  const bytes = await realDocument(t, 'unit_budget.pdf');
  if (!bytes) return;
  const s = await session(t);
  await dropFiles(s.page, [{ name: 'unit_budget.pdf', bytes }]);
  assert.equal(await waitForDone(s.page, { timeout: 90_000 }), 'done');
  const o = await readOverview(s.page);
  assert.equal(o.unit, '上海市普陀区司法局');
  assert.equal(o.tables.filter((x) => x.status !== 'missing').length, 9, 'all nine tables');
  const f = await findingCells(s.page);
  const errors = f.filter((x) => x.severity === 'error');
  assert.equal(errors.length, 9, errors.map((x) => x.message).join('\n'));
  assert.ok(errors.some((x) => /2040601 行政运行/.test(x.message)), 'the 行政运行 row');
  assert.ok(errors.some((x) => /合计.*基本支出.*0\.34|0\.34/.test(x.message)), 'the 0.34 元 in the 合计 row');
  assert.ok(errors.every((x) => x.pages.length > 0));
  // Nine error findings, four causes: the 行政运行 row's 项目支出 in two tables, the 0.34 元 of the
  // basic-expenditure 合计 in two (the economic table against one of them).
  const causes = await s.page.$$eval('[data-testid="cause"]', (els) => els.map((el) => ({ n: Number(el.dataset.relations), text: el.textContent })));
  assert.deepEqual(causes.map((c) => c.n), [3, 2, 2, 2]);
  assert.match(causes[0].text, /差额 0\.34 元出现在 3 条关系中，可能源于/);
  assert.match(causes[1].text, /差额 64,840,547 元出现在 2 条关系中/);
  await screenshot(s.page, 'pdf-real-unit-budget');
  assertClean(assert, s);
});

test('the real 普陀区司法局 2026 department budget: its 检查表 on its own tab and as .xlsx', async (t) => {
  const bytes = await realDocument(t, 'shpt_sfj_2026_budget.pdf');
  if (!bytes) return;
  const s = await session(t);
  await dropFiles(s.page, [{ name: 'shpt_sfj_2026_budget.pdf', bytes }]);
  assert.equal(await waitForDone(s.page, { timeout: 90_000 }), 'done');
  await s.page.locator('[data-testid="tab-review"]').click();
  const rows = await s.page.$$eval('[data-testid="review-item"]', (els) =>
    els.map((el) => ({ item: el.querySelector('th').textContent, answer: el.dataset.answer, text: el.textContent })),
  );
  assert.equal(rows.length, 18, 'one row per item of the reviewer\'s sheet');
  assert.equal(rows[0].answer, 'pending', 'timeliness is left to the reviewer');
  // The four parts the district's reviewer marked 否, and only those.
  const no = rows.filter((r) => r.answer === 'no').map((r) => r.item.replace(/^.*· /, ''));
  assert.deepEqual(no, ['目录', '主要职能', '预算编制说明', '项目经费情况说明']);
  const explanation = rows.find((r) => r.item.endsWith('预算编制说明')).text;
  assert.match(explanation, /\[GJ712\] 第 8 页第 2 行/, 'a comparison with 2026 itself, at its page and line');
  assert.match(explanation, /\[GJ705\] 第 9 页第 1 行/);
  await screenshot(s.page, 'review-tab');
  const [d] = await Promise.all([s.page.waitForEvent('download', { timeout: 30_000 }), s.page.locator('[data-testid="export-checklist"]').click()]);
  assert.match(d.suggestedFilename(), /检查表\.xlsx$/);
  const file = await readFile(await d.path());
  assert.equal(file.subarray(0, 2).toString(), 'PK', 'an xlsx (zip) file');
  assertClean(assert, s);
});

test('the real 普陀区财政局 2024 final accounts: read as 决算, nine tables by their own names, only its text\'s two real errors', async (t) => {
  const bytes = await realDocument(t, '上海市普陀区财政局2024年度部门决算.pdf');
  if (!bytes) return;
  const s = await session(t);
  await dropFiles(s.page, [{ name: '财政局2024决算.pdf', bytes }]);
  assert.equal(await waitForDone(s.page, { timeout: 90_000 }), 'done');
  const o = await readOverview(s.page);
  assert.equal(o.tables.filter((x) => x.status !== 'missing').length, 9, 'all nine tables');
  // The tables are consistent; the text's two real errors (docs/realworld.md, each seen on p. 21):
  // 财政拨款收入支出总计 0.3 万元 for 2,961.68, and 2,106.66 of 2,940.05 put at 71.73 % (71.65 %).
  assert.equal(o.errors, 1);
  assert.equal(o.warnings, 1);
  const f = (await findingCells(s.page)).filter((x) => x.severity !== 'info');
  assert.deepEqual(f.map((x) => x.rule), ['GJ718', 'GJ717']);
  assert.match(f[0].message, /财政拨款收入支出总计为 0\.3万元.*财政拨款收入支出决算总表“总计”为 2,961\.68 万元/);
  assert.match(f[1].message, /占71\.73%.*71\.65%/);
  // The 决算's totals in its text (11, one of them wrong), each with its verdict, on the text tab.
  await s.page.locator('[data-testid="tab-claims"]').click();
  const claims = await s.page.locator('[data-testid="claim"]').allInnerTexts();
  assert.equal(claims.length, 11, claims.join('\n'));
  assert.match(claims.join('\n'), /第 21 页第 9 行称财政拨款收入支出总计为 0\.3万元/, 'the claim says where it is as its finding does');
  await screenshot(s.page, 'pdf-real-final-accounts-text');
  await s.page.locator('[data-testid="tab-findings"]').click();
  // No 编制部门 line in a 决算: the heading above the tables names the unit and the year.
  assert.equal(o.unit, '上海市普陀区财政局');
  assert.match(o.year, /2024/);
  assert.match(await s.page.locator('.overview__meta dt').first().innerText(), /决算年度/);
  const names = await s.page.locator('[data-testid="table-item"]').allInnerTexts();
  assert.ok(names.some((n) => n.includes('收入支出决算总表')), names.join(' | '));
  assert.ok(names.some((n) => n.includes('财政拨款“三公”经费支出决算表')), names.join(' | '));
  await screenshot(s.page, 'pdf-real-final-accounts');
  assertClean(assert, s);
});

test('a PDF without a text layer is said to be a scan; a broken one is said broken', async (t) => {
  const s = await session(t);
  // A one-page PDF whose page only paints an image: what a scanner makes.
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>',
  ];
  const content = 'q 595 0 0 842 0 0 cm /Im0 Do Q';
  const image = '\xff\x00\x00';
  let pdf = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  offsets.push(pdf.length);
  pdf += `4 0 obj\n<< /Length ${content.length} >>\nstream\n${content}\nendstream\nendobj\n`;
  offsets.push(pdf.length);
  pdf += `5 0 obj\n<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${image.length} >>\nstream\n${image}\nendstream\nendobj\n`;
  const xref = pdf.length;
  pdf += `xref\n0 6\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  await markChecks(s.page);
  await dropFiles(s.page, [{ name: 'scan.pdf', bytes: Buffer.from(pdf, 'latin1') }]);
  assert.equal(await waitForDone(s.page), 'failed');
  const e = await readError(s.page);
  assert.equal(e.kind, 'no_text');
  assert.match(e.text, /扫描件/);
  await markChecks(s.page);
  await dropFiles(s.page, [{ name: 'broken.pdf', bytes: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n') }]);
  assert.equal(await waitForDone(s.page), 'failed');
  assert.equal((await readError(s.page)).kind, 'corrupt');
  assertClean(assert, s);
});
