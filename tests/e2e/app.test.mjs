// The app shell: the built page, first view, keyboard use, language toggle, sub-path deployment.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openApp, waitForApp, waitForWorker, dropFiles, pasteText, fixture, waitForDone, readOverview, readError, markChecks,
  assertSeedClean, screenshot, assertClean, PHONE, FIXTURES,
} from './harness.mjs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DIST } from './harness.mjs';

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
  "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'";

test('dist: the CSP, no inline script or style, only relative URLs, the worker beside the page', async () => {
  const html = await readFile(path.join(DIST, 'index.html'), 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/);
  assert.ok(csp, 'CSP meta tag');
  assert.equal(csp[1], CSP);
  for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) {
    assert.match(tag, /\ssrc="[^"]+"/, `script without src: ${tag.slice(0, 80)}`);
    assert.match(tag, />\s*<\/script>$/, 'script with inline content');
  }
  assert.doesNotMatch(html, /<style\b/, 'inline <style>');
  assert.doesNotMatch(html, /\sstyle="/, 'style attribute');
  const urls = [...html.matchAll(/\s(?:src|href|data-js|data-wasm)="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(urls.length >= 4, 'asset URLs found');
  for (const u of urls) assert.match(u, /^\.\//, `not relative: ${u}`);
  // The worker: its loader and the no-modules wasm-bindgen output, loaded by relative URLs.
  const files = await readdir(DIST);
  for (const f of ['worker.js', 'gouji-worker.js', 'gouji-worker_bg.wasm']) assert.ok(files.includes(f), `dist/${f}`);
  const loader = await readFile(path.join(DIST, 'worker.js'), 'utf8');
  assert.match(loader, /importScripts\('\.\/gouji-worker\.js'\)/);
  assert.doesNotMatch(loader + (await readFile(path.join(DIST, 'gouji-worker.js'), 'utf8')), /https?:\/\//, 'no absolute URL in the worker');
  // The page's wasm does not hold the core (it stays small); the worker's does.
  const page = files.find((f) => /^gouji-web-.*_bg\.wasm$/.test(f));
  const pageWasm = await readFile(path.join(DIST, page));
  const workerWasm = await readFile(path.join(DIST, 'gouji-worker_bg.wasm'));
  const marker = Buffer.from('部门收入预算总表');
  assert.equal(pageWasm.indexOf(marker), -1, 'the page wasm does not contain the core');
  assert.ok(workerWasm.indexOf(marker) >= 0, 'the worker wasm contains the core');
  console.log(`  wasm sizes: page ${(await stat(path.join(DIST, page))).size} B, worker ${workerWasm.length} B`);
});

test('first view is Chinese, says files stay local, offers the sample, and fits a 1366×768 screen', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);

  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.match(await page.title(), /勾稽/);
  assert.match(await page.locator('[data-testid="privacy-note"]').innerText(), /文件只在本机处理，不会上传/);
  assert.equal(await page.locator('[data-testid="boot"]').count(), 0, 'the loading placeholder is gone');
  assert.match(await page.locator('[data-testid="intro"]').innerText(), /定位到单元格/);

  // Every way in is above the fold.
  for (const id of ['drop-zone', 'choose-files', 'choose-folder', 'sample', 'paste-submit', 'prior-choose']) {
    const box = await page.locator(`[data-testid="${id}"]`).boundingBox();
    assert.ok(box && box.y + box.height <= 768, `${id} is visible without scrolling`);
  }
  await waitForWorker(page);
  await screenshot(page, 'empty-desktop', { fullPage: false });
  await page.setViewportSize(PHONE);
  await screenshot(page, 'empty-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone screen`);
  assertClean(assert, s);
});

test('the drop zone is a keyboard-operable button; files chosen together form one budget', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);

  const zone = page.locator('[data-testid="drop-zone"]');
  assert.equal(await zone.getAttribute('role'), 'button');
  assert.equal(await zone.getAttribute('tabindex'), '0');
  // Tab from the language toggle reaches the drop zone next.
  await page.locator('[data-testid="lang-toggle"]').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'drop-zone');

  const csvs = (await readdir(path.join(FIXTURES, 'seed-csv'))).filter((f) => f.endsWith('.csv')).sort();
  assert.equal(csvs.length, 8);
  for (const key of ['Enter', ' ']) {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 5_000 }), page.keyboard.press(key)]);
    assert.ok(chooser.isMultiple(), 'several files can be chosen');
    if (key === 'Enter') {
      await chooser.setFiles([]);
      continue;
    }
    await markChecks(page);
    await chooser.setFiles(csvs.map((f) => path.join(FIXTURES, 'seed-csv', f)));
  }
  assert.equal(await waitForDone(page), 'done');
  assertSeedClean(assert, await readOverview(page));
  assertClean(assert, s);
});

test('English is a toggle, remembered across reloads; results and messages follow the language', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);

  await pasteText(page, '   ', { submit: true });
  assert.match(await page.locator('[data-testid="paste-error"]').innerText(), /请先粘贴/);
  await page.locator('[data-testid="paste-input"]').fill('');
  await dropFiles(page, [{ name: 'picture.xlsx', bytes: Buffer.from('\x89PNG\r\n\x1a\n0000000000000000', 'binary') }]);
  assert.equal(await waitForDone(page), 'failed');
  let error = await readError(page);
  assert.match(error.text, /[\u4e00-\u9fff]/);

  await page.locator('[data-testid="lang-toggle"]').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await page.locator('[data-testid="privacy-note"]').innerText(), /never uploaded/);
  error = await readError(page);
  assert.doesNotMatch(error.text.replace('picture.xlsx', ''), /[\u4e00-\u9fff]/);
  assert.equal(await page.title(), 'gouji · budget table reconciliation checks');

  await dropFiles(page, [await fixture('seed-errors.xlsx')]);
  assert.equal(await waitForDone(page), 'done');
  const o = await readOverview(page);
  assert.equal(o.errors, 3);
  const text = await page.locator('[data-testid="results"]').innerText();
  assert.match(text, /Findings/);
  assert.match(text, /Expenditure by function "2060101 行政运行" total is 51,700,926 yuan/);
  await screenshot(page, 'english-desktop', { fullPage: false });
  await screenshot(page, 'english-desktop-full');
  await page.setViewportSize(PHONE);
  await screenshot(page, 'english-phone');

  await page.reload();
  await waitForApp(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal((await page.locator('[data-testid="lang-toggle"]').innerText()).trim(), '中文');

  await page.locator('[data-testid="lang-toggle"]').click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(await page.evaluate(() => localStorage.getItem('gouji.lang')), 'zh');
  assertClean(assert, s);
});

test('dist works unchanged under a sub-path such as /tools/gouji/', async (t) => {
  const s = await launch({ base: '/tools/gouji/' });
  t.after(() => s.close());
  const { page } = s;
  assert.ok(s.url.endsWith('/tools/gouji/'));
  await openApp(s);
  await waitForWorker(page);

  await dropFiles(page, [await fixture('seed.xlsx')]);
  assert.equal(await waitForDone(page), 'done');
  assertSeedClean(assert, await readOverview(page));
  const outside = s.requests.filter((u) => !u.startsWith(s.url) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(outside, [], 'every request stays under the sub-path');
  assert.ok(s.requests.some((u) => u === s.url + 'worker.js'), 'the worker loads from the sub-path');
  assertClean(assert, s);
});
