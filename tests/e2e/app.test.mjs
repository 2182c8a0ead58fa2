// The app shell: first view, keyboard use, language toggle, sub-path deployment.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openApp, waitForApp, dropFiles, pasteText, waitForResults, readResults, screenshot, assertClean, PHONE,
} from './harness.mjs';
import { sampleCsv } from './fixtures.mjs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DIST } from './harness.mjs';

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
  "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'";

test('dist/index.html: the CSP, no inline script or style, only relative URLs', async () => {
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
});

test('first view is Chinese, says files stay local, and fits a 1366×768 screen', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);

  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.match(await page.title(), /勾稽/);
  assert.match(await page.locator('[data-testid="privacy-note"]').innerText(), /文件只在本机处理，不会上传/);
  assert.equal(await page.locator('[data-testid="boot"]').count(), 0, 'the loading placeholder is gone');
  assert.match(await page.locator('[data-testid="results-empty"]').innerText(), /尚未添加文件/);

  // The drop zone and the paste box are both above the fold.
  for (const id of ['drop-zone', 'paste-submit']) {
    const box = await page.locator(`[data-testid="${id}"]`).boundingBox();
    assert.ok(box && box.y + box.height <= 768, `${id} is visible without scrolling`);
  }
  await screenshot(page, 'empty-desktop', { fullPage: false });
  await page.setViewportSize(PHONE);
  await screenshot(page, 'empty-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone screen`);
  assertClean(assert, s);
});

test('the drop zone is a keyboard-operable button that opens the file chooser', async (t) => {
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

  for (const key of ['Enter', ' ']) {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 5_000 }), page.keyboard.press(key)]);
    assert.ok(chooser.isMultiple(), 'several files can be chosen');
    await chooser.setFiles([{ name: `键盘${key === ' ' ? '空格' : '回车'}.csv`, mimeType: 'text/csv', buffer: Buffer.from(sampleCsv()) }]);
  }
  const results = await waitForResults(page, 2);
  assert.deepEqual(results.map((r) => r.status), ['read', 'read']);
  assertClean(assert, s);
});

test('English is a toggle, remembered across reloads; messages follow the language', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);

  await pasteText(page, '   ', { submit: true });
  assert.match(await page.locator('[data-testid="paste-error"]').innerText(), /请先粘贴/);
  await page.locator('[data-testid="paste-input"]').fill('');
  await dropFiles(page, [{ name: 'picture.xlsx', bytes: Buffer.from('\x89PNG\r\n\x1a\n0000000000000000', 'binary') }]);
  let [card] = await waitForResults(page, 1);
  assert.equal(card.status, 'failed');
  assert.match(card.error.text, /[\u4e00-\u9fff]/);

  await page.locator('[data-testid="lang-toggle"]').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await page.locator('[data-testid="privacy-note"]').innerText(), /never uploaded/);
  [card] = await readResults(page);
  assert.equal(card.badge, 'Cannot read');
  assert.doesNotMatch(card.error.text.replace('picture.xlsx', ''), /[\u4e00-\u9fff]/);
  assert.equal(await page.title(), 'gouji · budget table reconciliation checks');
  await screenshot(page, 'english-desktop');

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

  await dropFiles(page, [{ name: '子路径.csv', mimeType: 'text/csv', bytes: sampleCsv() }]);
  const [card] = await waitForResults(page, 1);
  assert.equal(card.status, 'read');
  const outside = s.requests.filter((u) => !u.startsWith(s.url));
  assert.deepEqual(outside, [], 'every request stays under the sub-path');
  assertClean(assert, s);
});
