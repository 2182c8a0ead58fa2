// Helpers for gouji's browser tests: Debian's chromium driven by playwright-core (no browser is
// ever downloaded), the dist/ build served by server.mjs, and ways to give the page files the
// way a person does (file chooser, drag and drop, paste).
//
// Every session records each network request and each console error / page error, so a test can
// assert that nothing left the machine and nothing went wrong.

import { chromium } from 'playwright-core';
import { mkdtemp, mkdir, rm, access, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';

export { startServer } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, '../..');
export const DIST = process.env.GOUJI_DIST ? path.resolve(process.env.GOUJI_DIST) : path.join(REPO, 'dist');
export const SHOTS = path.join(REPO, 'target', 'e2e');
/** Workloads written by `gouji-fixtures` (`./x test` makes them before the browser tests). */
export const FIXTURES = process.env.GOUJI_FIXTURES ? path.resolve(process.env.GOUJI_FIXTURES) : path.join(REPO, 'target', 'fixtures');
export const DATA = path.join(REPO, 'tests', 'data');
export const CHROMIUM = process.env.GOUJI_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/**
 * Starts a server for dist/ (optionally under a sub-path such as `/tools/gouji/`) and a fresh
 * chromium with a temporary profile. Returns a session; call `session.close()` when done.
 */
export async function launch({ base = '/', viewport = DESKTOP, locale = 'zh-CN' } = {}) {
  await access(path.join(DIST, 'index.html')).catch(() => {
    throw new Error(`no build at ${DIST}/index.html: run ./x build (or ./x test) first`);
  });
  const server = await startServer({ root: DIST, base });
  const profile = await mkdtemp(path.join(tmpdir(), 'gouji-e2e-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
      locale,
      acceptDownloads: true,
    });
  } catch (err) {
    await server.close();
    await rm(profile, { recursive: true, force: true });
    throw err;
  }

  const requests = [];
  const consoleErrors = [];
  const pageErrors = [];
  context.on('request', (req) => requests.push(req.url()));
  const watch = (page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => pageErrors.push(String(err?.stack || err)));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  // Intercept file choosers from the start (Playwright turns interception on when the first
  // listener is added, asynchronously): a test's waitForEvent('filechooser') then never races it.
  const fileChoosers = [];
  page.on('filechooser', (chooser) => fileChoosers.push(chooser));

  return {
    server,
    context,
    page,
    url: server.url,
    origin: server.origin,
    requests,
    fileChoosers,
    consoleErrors,
    pageErrors,
    /** Requests that went anywhere but the local server (data: and blob: URLs are local). */
    foreignRequests() {
      return requests.filter(
        (u) => !u.startsWith(server.origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'),
      );
    },
    async close() {
      await context.close().catch(() => {});
      await server.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** The bytes of a generated workload (`seed.xlsx`, `units-200.xlsx`, …) as a file to give the page. */
export async function fixture(name, as = path.basename(name)) {
  const file = path.join(FIXTURES, name);
  const bytes = await readFile(file).catch(() => {
    throw new Error(`missing ${file}: run \`cargo run -p gouji-fixtures -- ${FIXTURES} seed prior units\` (./x test does)`);
  });
  return { name: as, bytes };
}

/** A committed test file from tests/data. */
export async function dataFile(name) {
  return { name, bytes: await readFile(path.join(DATA, name)) };
}

/** Opens the app and waits until the wasm has started and rendered. */
export async function openApp(session, { path: sub = '' } = {}) {
  await session.page.goto(session.url + sub, { waitUntil: 'load' });
  await waitForApp(session.page);
}

export async function waitForApp(page) {
  await page.locator('[data-testid="app"][data-ready="true"]').waitFor({ timeout: 30_000 });
}

/** Waits until the processing worker has loaded (after which the page makes no request). */
export async function waitForWorker(page) {
  await page.locator('[data-testid="app"][data-worker="ready"]').waitFor({ timeout: 30_000 });
}

/** Waits until the check started since `markChecks` ends: resolves to `done` or `failed`. */
export async function waitForDone(page, { timeout = 60_000 } = {}) {
  await page.waitForFunction(
    () => {
      const app = document.querySelector('[data-testid="app"]');
      const settled = Number(app?.dataset.settled ?? 0);
      return settled > (window.__goujiMark ?? -1) && ['done', 'failed'].includes(app?.dataset.state);
    },
    null,
    { timeout },
  );
  return page.getAttribute('[data-testid="app"]', 'data-state');
}

/** The overview as the page shows it, read through data-testid attributes. */
export async function readOverview(page) {
  return page.evaluate(() => {
    const q = (sel) => document.querySelector(`[data-testid="${sel}"]`);
    const count = (kind) => Number(q(`count-${kind}`)?.dataset.count ?? NaN);
    return {
      unit: q('unit-name')?.textContent.trim() ?? null,
      year: q('unit-year')?.textContent.trim() ?? null,
      moneyUnits: q('money-units')?.textContent.trim() ?? null,
      errors: count('errors'),
      warnings: count('warnings'),
      infos: count('info'),
      noErrors: !!q('no-errors'),
      tables: [...document.querySelectorAll('[data-testid="table-item"]')].map((row) => ({
        id: row.dataset.tableId,
        status: row.dataset.status,
        where: row.querySelector('[data-testid="table-where"]')?.textContent.trim() ?? null,
      })),
    };
  });
}

/** The error panel, if shown. */
export async function readError(page) {
  return page.evaluate(() => {
    const e = document.querySelector('[data-testid="error"]');
    return e ? { kind: e.dataset.errorKind, text: e.querySelector('[data-testid="error-message"]').textContent.trim() } : null;
  });
}

/** Asserts a budget was read whole: 8 tables, none missing, no errors. */
export function assertSeedClean(assert, overview) {
  assert.equal(overview.unit, '上海市科学技术委员会');
  assert.equal(overview.errors, 0, 'no errors');
  assert.ok(overview.noErrors, 'the no-errors line is shown');
  const found = overview.tables.filter((t) => t.status !== 'missing').map((t) => t.id);
  assert.deepEqual(
    [...found].sort(),
    ['appropriation_summary', 'expenditure', 'gf_function', 'gpb_basic_economic', 'gpb_function', 'revenue', 'summary', 'three_public'],
  );
  assert.deepEqual(overview.tables.filter((t) => t.status === 'missing'), []);
}

/** `{name, bytes, mimeType?}` → what Playwright's setInputFiles takes. */
function asPayload(file) {
  return {
    name: file.name,
    mimeType: file.mimeType ?? mimeFor(file.name),
    buffer: Buffer.from(file.bytes),
  };
}

function mimeFor(name) {
  const ext = name.toLowerCase().split('.').pop();
  return (
    {
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      xls: 'application/vnd.ms-excel',
      csv: 'text/csv',
      txt: 'text/plain',
    }[ext] ?? 'application/octet-stream'
  );
}

/**
 * Notes how many checks have ended so far, so that `waitForDone` waits for the end of the next
 * one (not a result still on screen). The helpers that give the page files call it themselves;
 * call it before clicking something that starts a check.
 */
export async function markChecks(page) {
  await page.evaluate(() => {
    window.__goujiMark = Number(document.querySelector('[data-testid="app"]')?.dataset.settled ?? 0);
  });
}

/** Chooses files through the hidden `<input type=file>`, as the file chooser would. */
export async function setFiles(page, files, selector = '[data-testid="file-input"]') {
  await markChecks(page);
  await page.locator(selector).setInputFiles(files.map(asPayload));
}

/**
 * Drops files with a real DragEvent whose DataTransfer is built in the page from the given bytes
 * (dragenter → dragover → drop on the target, bubbling like a person's drop).
 */
export async function dropFiles(page, files, selector = '[data-testid="drop-zone"]') {
  const payload = files.map((f) => ({
    name: f.name,
    type: f.mimeType ?? mimeFor(f.name),
    base64: Buffer.from(f.bytes).toString('base64'),
  }));
  const target = page.locator(selector);
  await target.waitFor();
  await markChecks(page);
  await target.evaluate((el, items) => {
    const dt = new DataTransfer();
    for (const item of items) {
      const raw = atob(item.base64);
      const bytes = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
      dt.items.add(new File([bytes], item.name, { type: item.type }));
    }
    const rect = el.getBoundingClientRect();
    const at = { clientX: rect.left + rect.width / 2, clientY: rect.top + rect.height / 2 };
    for (const type of ['dragenter', 'dragover', 'drop']) {
      el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, composed: true, dataTransfer: dt, ...at }));
    }
  }, payload);
}

/** Types text into the paste box (as a paste does: one input event) and asks to read it. */
export async function pasteText(page, text, { submit = true } = {}) {
  await markChecks(page);
  const box = page.locator('[data-testid="paste-input"]');
  await box.click();
  await page.keyboard.insertText(text);
  if (submit) await page.locator('[data-testid="paste-submit"]').click();
}

/** Waits until `count` file cards are shown and none is still reading. */
export async function waitForResults(page, count, { timeout = 30_000 } = {}) {
  await page.waitForFunction(
    (n) => {
      const cards = document.querySelectorAll('[data-testid="file-card"]');
      return cards.length === n && [...cards].every((c) => c.dataset.status !== 'reading');
    },
    count,
    { timeout },
  );
  return readResults(page);
}

/** The rendered results, read from the page's stable data-testid attributes. */
export async function readResults(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="file-card"]')].map((card) => {
      const text = (sel) => card.querySelector(`[data-testid="${sel}"]`)?.textContent.trim() ?? null;
      const error = card.querySelector('[data-testid="file-error"]');
      return {
        file: card.dataset.fileName,
        status: card.dataset.status,
        title: text('file-name'),
        meta: text('file-meta'),
        badge: text('file-status'),
        error: error ? { kind: error.dataset.errorKind, text: error.textContent.trim() } : null,
        sheets: [...card.querySelectorAll('[data-testid="sheet-row"]')].map((row) => ({
          name: row.dataset.sheetName,
          rows: Number(row.dataset.rows),
          cols: Number(row.dataset.cols),
          hidden: !!row.querySelector('[data-testid="sheet-hidden"]'),
          text: row.textContent.trim(),
        })),
      };
    }),
  );
}

/** Saves a full-page screenshot as `<repo>/target/e2e/NAME.png` and returns its path. */
export async function screenshot(page, name, { fullPage = true } = {}) {
  await mkdir(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Asserts the session stayed local and quiet: no foreign request, no console or page error. */
export function assertClean(assert, session) {
  assert.deepEqual(session.foreignRequests(), [], 'requests left the local server');
  assert.deepEqual(session.pageErrors, [], 'page errors');
  assert.deepEqual(session.consoleErrors, [], 'console errors');
}
