// Smoke test: the whole path a person takes, using every harness helper.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openApp, dropFiles, setFiles, pasteText, waitForResults, screenshot, assertClean, PHONE,
} from './harness.mjs';
import { sampleWorkbook, sampleCsv, XLSX_MIME } from './fixtures.mjs';

test('smoke: drop an xlsx and a CSV, choose a broken file, paste cells; all read locally', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);

  await dropFiles(page, [
    { name: '2025年部门预算.xlsx', mimeType: XLSX_MIME, bytes: sampleWorkbook() },
    { name: '支出明细.csv', mimeType: 'text/csv', bytes: sampleCsv() },
  ]);
  let results = await waitForResults(page, 2);

  const [xlsx, csv] = results;
  assert.equal(xlsx.file, '2025年部门预算.xlsx');
  assert.equal(xlsx.status, 'read');
  assert.deepEqual(
    xlsx.sheets.map((sh) => [sh.name, sh.rows, sh.cols, sh.hidden]),
    [
      ['收入总表', 4, 3, false],
      ['支出总表', 5, 2, false],
      ['说明', 1, 1, true],
    ],
  );
  assert.match(xlsx.meta, /3 个工作表/);
  assert.equal(csv.file, '支出明细.csv');
  assert.equal(csv.status, 'read');
  assert.equal(csv.sheets.length, 1);
  assert.deepEqual([csv.sheets[0].rows, csv.sheets[0].cols], [4, 3]);

  // A broken file through the file chooser: explained in words, not a crash.
  await setFiles(page, [{ name: '损坏的文件.xlsx', mimeType: XLSX_MIME, bytes: Buffer.from('PK\x03\x04 this is not a zip') }]);
  results = await waitForResults(page, 3);
  const broken = results[2];
  assert.equal(broken.status, 'failed');
  assert.ok(broken.error.kind, 'error kind');
  assert.match(broken.error.text, /损坏的文件\.xlsx/);
  assert.match(broken.error.text, /[\u4e00-\u9fff]{4}/);

  // Cells copied from Excel arrive tab-separated.
  await pasteText(page, '项目\t本年预算\n一般公共预算拨款收入\t1200.50\n合计\t1200.50');
  results = await waitForResults(page, 4);
  assert.equal(results[3].title, '粘贴的内容 1');
  assert.equal(results[3].status, 'read');
  assert.deepEqual([results[3].sheets[0].rows, results[3].sheets[0].cols], [3, 2]);

  await screenshot(page, 'smoke-desktop');
  await page.setViewportSize(PHONE);
  await screenshot(page, 'smoke-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than a 390px phone screen`);

  assert.ok(s.requests.length > 0, 'requests were recorded');
  assertClean(assert, s);
});
