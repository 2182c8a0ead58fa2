// The 三公 panel: an SVG chart of the four items and their shares, and the items against the
// economic lines of basic spending.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openApp, waitForWorker, dropFiles, fixture, waitForDone, screenshot, assertClean, PHONE,
} from './harness.mjs';

/** The visible 三公 chart, read from its SVG. */
const readChart = (page) =>
  page.locator('[data-testid="tp-chart"]:visible').evaluate((svg) => ({
    variant: svg.dataset.variant,
    total: svg.dataset.total,
    unit: svg.dataset.unit,
    items: [...svg.querySelectorAll('[data-testid="tp-item"]')].map((g) => ({
      role: g.dataset.role,
      value: g.dataset.value,
      share: g.dataset.share,
      label: g.querySelector('.chart-label').textContent,
      text: g.querySelector('[data-testid="tp-item-value"]').textContent,
      width: Number(g.querySelectorAll('rect')[2].getAttribute('width')),
    })),
  }));

test('三公: 995.20 万元 split into 455.00 / 198.40 / 103.10 / 238.70, readable on a desktop and a phone', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);
  await waitForWorker(page);
  await dropFiles(page, [await fixture('seed.xlsx')]);
  assert.equal(await waitForDone(page), 'done');
  await page.locator('[data-testid="tab-three-public"]').click();

  assert.equal(await page.locator('[data-testid="tp-total"]').getAttribute('data-value'), '995.20');
  assert.match(await page.locator('[data-testid="tp-total"]').innerText(), /995\.20\s*万元/);
  assert.match(await page.locator('[data-testid="tp-office"]').innerText(), /1,132\.18\s*万元/);
  for (const viewport of [{ width: 1366, height: 768 }, PHONE]) {
    await page.setViewportSize(viewport);
    const chart = await readChart(page);
    assert.equal(chart.variant, viewport === PHONE ? 'narrow' : 'wide');
    assert.equal(chart.total, '995.20');
    assert.equal(chart.unit, '万元');
    assert.deepEqual(
      chart.items.map((i) => [i.role, i.value, i.share]),
      [
        ['abroad', '455.00', '45.7'],
        ['reception', '198.40', '19.9'],
        ['vehicle_purchase', '103.10', '10.4'],
        ['vehicle_operation', '238.70', '24.0'],
      ],
    );
    assert.deepEqual(chart.items.map((i) => i.label), ['因公出国(境)费', '公务接待费', '公务用车购置费', '公务用车运行费']);
    for (const i of chart.items) assert.match(i.text, new RegExp(`^${i.value.replace('.', '\\.')} 万元\\s+${i.share.replace('.', '\\.')}%$`));
    // Bars are proportional to the amounts.
    const [a, r] = chart.items;
    assert.ok(Math.abs(r.width / a.width - 198.4 / 455) < 0.01);
    await screenshot(page, viewport === PHONE ? 'three-public-phone' : 'three-public-desktop');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  }
  // Each item covers its economic line (30212, 30217, 30231), compared in 万元.
  const rows = await page.$$eval('[data-testid="tp-economic-row"]', (els) => els.map((e) => [e.dataset.code, e.dataset.covered]));
  assert.deepEqual(rows, [['30212', 'ok'], ['30217', 'ok'], ['30231', 'ok']]);
  // Its relations hold, and the figures agree with each other.
  assert.match(await page.locator('[data-testid="tp-findings"]').innerText(), /各项关系都成立/);
  assert.equal(await page.locator('[data-testid="tp-disagreement"]').count(), 0);
  assert.equal(await page.locator('[data-testid="tp-prior"]').count(), 0, 'no prior year given');
  assertClean(assert, s);
});

test('三公 with an error: the failing relation on the tab itself, the gap between the cards and the bars said in words', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);
  await waitForWorker(page);
  await dropFiles(page, [await fixture('seed-errors.xlsx')]);
  assert.equal(await waitForDone(page), 'done');
  await page.locator('[data-testid="tab-three-public"]').click();
  const failing = await page.$$eval('[data-testid="tp-finding"]', (els) => els.map((e) => e.dataset.rule));
  assert.deepEqual(failing, ['GJ202']);
  const gap = await page.locator('[data-testid="tp-disagreement"]').allInnerTexts();
  assert.equal(gap.length, 1);
  assert.match(gap[0], /各项之和为 995\.30，与合计 995\.20 相差 -0\.10；下图的占比按合计计算/);
  assert.match(await page.locator('[data-testid="tp-office"]').innerText(), /万元/, '机关运行经费 shown');
  await screenshot(page, 'three-public-error', { fullPage: false });
  await page.setViewportSize(PHONE);
  await screenshot(page, 'three-public-error-phone', { fullPage: false });
  await page.setViewportSize({ width: 1366, height: 768 });
  // The failing relation opens its cells.
  await page.locator('[data-testid="tp-finding"] button').click();
  await page.locator('[data-testid="panel-tables"]').waitFor();
  assert.ok(await page.locator('[data-testid="table-view"] [data-highlight="checked"]').count() > 0);
  assertClean(assert, s);
});

test('三公 beside the prior year: each figure this year, last year, the change and its rate', async (t) => {
  const s = await launch();
  t.after(() => s.close());
  const { page } = s;
  await openApp(s);
  await waitForWorker(page);
  await dropFiles(page, [await fixture('prior-2020.xlsx')], '[data-testid="prior-drop"]');
  await dropFiles(page, [await fixture('seed.xlsx')]);
  assert.equal(await waitForDone(page), 'done');
  await page.locator('[data-testid="tab-three-public"]').click();
  const rows = await page.$$eval('[data-testid="tp-prior-row"]', (els) =>
    els.map((e) => [e.dataset.role, ...[...e.querySelectorAll('td')].map((td) => td.textContent.trim())]));
  const total = rows.find((r) => r[0] === 'total');
  assert.ok(total, JSON.stringify(rows));
  assert.equal(total[1], '995.20');
  const [now, then, change] = total.slice(1, 4).map((v) => Number(v.replace(/[,+]/g, '')));
  assert.ok(Math.abs(now - then - change) < 0.005, `change = this year − prior year: ${total}`);
  assert.ok(rows.some((r) => r[0] === 'office_operation'), '机关运行经费 compared too');
  await screenshot(page, 'three-public-prior', { fullPage: false });
  assertClean(assert, s);
});
