// Every way in gives the same answer for the seed budget: 8 tables, no errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import {
  launch, openApp, waitForWorker, dropFiles, pasteText, fixture, waitForDone, readOverview, assertSeedClean, assertClean, markChecks,
  FIXTURES, DATA,
} from './harness.mjs';

async function session(t) {
  const s = await launch();
  t.after(() => s.close());
  await openApp(s);
  await waitForWorker(s.page);
  return s;
}

test('dropping seed.xlsx: no errors, all 8 tables', async (t) => {
  const s = await session(t);
  await dropFiles(s.page, [await fixture('seed.xlsx')]);
  assert.equal(await waitForDone(s.page), 'done');
  assertSeedClean(assert, await readOverview(s.page));
  assertClean(assert, s);
});

test('choosing the folder seed-csv/ (one CSV per table): no errors, all 8 tables', async (t) => {
  const s = await session(t);
  const input = s.page.locator('[data-testid="folder-input"]');
  assert.equal(await input.evaluate((el) => el.webkitdirectory), true, 'a directory input');
  // The button opens the folder chooser.
  const [chooser] = await Promise.all([
    s.page.waitForEvent('filechooser', { timeout: 5_000 }),
    s.page.locator('[data-testid="choose-folder"]').click(),
  ]);
  assert.equal(await chooser.element().evaluate((el) => el.dataset.testid), 'folder-input');
  await markChecks(s.page);
  await input.setInputFiles(path.join(FIXTURES, 'seed-csv'));
  assert.equal(await waitForDone(s.page), 'done');
  const o = await readOverview(s.page);
  assertSeedClean(assert, o);
  assert.equal(o.tables.find((x) => x.id === 'summary').where, '表1 财务收支总表.csv!A1');
  assert.equal(await s.page.locator('[data-testid="source-file"]').count(), 8);
  assertClean(assert, s);
});

test('pasting the published text: no errors, all 8 tables, and its claims checked', async (t) => {
  const s = await session(t);
  const text = await readFile(path.join(DATA, 'shanghai-stcsm-2021-budget.txt'), 'utf8');
  await pasteText(s.page, text);
  assert.equal(await waitForDone(s.page), 'done');
  const o = await readOverview(s.page);
  assertSeedClean(assert, o);
  assert.match(await s.page.locator('[data-testid="tab-claims"]').innerText(), /\d+/);
  assert.match(await s.page.locator('[data-testid="source-text"]').innerText(), /粘贴的文字\s*58,590 字/);
  assertClean(assert, s);
});

test('the sample button: a first-time visitor sees a result with nothing of their own', async (t) => {
  const s = await session(t);
  await markChecks(s.page);
  await s.page.locator('[data-testid="sample"]').click();
  assert.equal(await waitForDone(s.page), 'done');
  assertSeedClean(assert, await readOverview(s.page));
  assert.equal(await s.page.locator('[data-testid="source-sample"]').count(), 1);
  assert.match(await s.page.locator('[data-testid="checked-files"]').innerText(), /示例预算/);
  assertClean(assert, s);
});
