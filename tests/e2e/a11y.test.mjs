// An axe-core scan (axe-core from npm, run in the page) of what a person meets: the first view, a
// result, the table view and the 检查表 — no serious or critical violation. And the tabs follow the
// WAI-ARIA pattern; a finished check is said in a live region.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { launch, openApp, waitForWorker, dropFiles, fixture, waitForDone, assertClean } from './harness.mjs';

const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical violations on the page as it is, each as `rule: selector`. */
async function scan(page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = result.filter((v) => !bad.includes(v)).map((v) => `${v.id} (${v.impact})`);
  if (minor.length) console.log(`  axe, moderate or minor: ${minor.join(', ')}`);
  return bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.join(' | ')}`);
}

test('axe finds no serious or critical violation on the first view, a result, the table view and the 检查表', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);
  await waitForWorker(page);
  assert.deepEqual(await scan(page), [], 'first view');
  await dropFiles(page, [await fixture('seed-errors.xlsx')]);
  assert.equal(await waitForDone(page), 'done');
  assert.match(await page.locator('[data-testid="announce"]').innerText(), /检查完成：上海市科学技术委员会，3 个错误/);
  assert.deepEqual(await scan(page), [], 'a result (findings)');
  await page.locator('[data-testid="tab-tables"]').click();
  assert.deepEqual(await scan(page), [], 'the table view');
  await page.locator('[data-testid="tab-review"]').click();
  assert.deepEqual(await scan(page), [], 'the 检查表');
  assertClean(assert, s);
});

test('the tabs: one in the Tab order, arrows and Home/End move the selection and the focus', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);
  await waitForWorker(page);
  await dropFiles(page, [await fixture('seed-errors.xlsx')]);
  assert.equal(await waitForDone(page), 'done');
  const tabindex = () => page.$$eval('[role="tab"]', (els) => els.map((el) => el.getAttribute('tabindex')));
  assert.deepEqual(await tabindex(), ['0', '-1', '-1', '-1', '-1', '-1']);
  await page.locator('[data-testid="tab-findings"]').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute('[data-testid="tab-tables"]', 'aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-tables');
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-review');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-findings', 'wraps around');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.getAttribute('[data-testid="tab-review"]', 'aria-selected'), 'true');
  assertClean(assert, s);
});
