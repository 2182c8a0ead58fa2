// Nothing leaves the machine: no request to another origin ever, and no request at all once a
// file is chosen (the worker's code is loaded when the page opens).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openApp, waitForWorker, dropFiles, setFiles, fixture, waitForDone, assertClean, markChecks,
} from './harness.mjs';

test('no request to another origin, and none at all after the file is chosen', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await openApp(s);
  await waitForWorker(page);
  await page.waitForLoadState('networkidle');
  const loaded = s.requests.length;
  assert.ok(s.requests.some((u) => u.endsWith('/gouji-worker_bg.wasm')), 'the worker code loads with the page');

  await dropFiles(page, [await fixture('seed-errors.xlsx')]);
  assert.equal(await waitForDone(page), 'done');
  // Use the results: every tab, a finding, the other language, the sample, a prior year, an export.
  await page.locator('[data-testid="finding"][data-rule="GJ201"] [data-testid="finding-open"]').click();
  for (const tab of ['three-public', 'changes', 'claims', 'findings']) await page.locator(`[data-testid="tab-${tab}"]`).click();
  await page.locator('[data-testid="lang-toggle"]').click();
  await setFiles(page, [await fixture('prior-2020.xlsx')], '[data-testid="prior-input"]');
  assert.equal(await waitForDone(page), 'done');
  await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-csv"]').click()]);
  await markChecks(page);
  await page.locator('[data-testid="sample"]').click();
  assert.equal(await waitForDone(page), 'done');

  const after = s.requests.slice(loaded).filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(after, [], 'requests after the file was chosen');
  assert.deepEqual(s.foreignRequests(), [], 'requests to another origin');
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'Content-Security-Policy violations');
  assertClean(assert, s);
});
