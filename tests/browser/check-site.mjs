#!/usr/bin/env node
// Browser checks for the static site rendered by `plan`.
//
// Usage:
//   node tests/browser/check-site.mjs SITE_DIR [--screenshots OUT_DIR]
//        [--shots "index.html,malomraden/MO1.html"] [--jobs N] [--max-seconds S]
//
// Serves SITE_DIR on 127.0.0.1 (random free port, Node's built-in http), opens
// every *.html file in headless Chromium, runs axe-core (WCAG 2.0/2.1 A + AA),
// and records same-origin requests that fail (>= 400 or network error),
// requests to other origins (the site must not use external assets; they are
// blocked and reported), console errors and uncaught page errors.
// Prints a report and ends with the line "N passed, M failed" (pages).
// Exit code: 0 when every page is clean, 1 when any page has a problem or the
// run times out, 2 on bad usage or when the browser cannot be started.
//
// Environment: CHROMIUM_PATH overrides the browser binary (default /usr/bin/chromium).

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const AXE_VERSION = require('axe-core/package.json').version;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const PAGE_TIMEOUT_MS = 30_000;
const REFLOW_WIDTH = 320;
const MAX_NODES_PER_RULE = 5;
const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  { name: 'phone', viewport: { width: 375, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true },
];
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // Nothing but our own server may be reached, not even by preconnect or DNS
  // prefetch (which bypass Playwright's request routing).
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--dns-prefetch-disable',
];

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

// ---------------------------------------------------------------- arguments

function usage(msg) {
  if (msg) process.stderr.write(`check-site: ${msg}\n`);
  process.stderr.write(
    'usage: node tests/browser/check-site.mjs SITE_DIR [--screenshots OUT_DIR]\n' +
      '         [--shots "index.html,dir/page.html"] [--jobs N] [--max-seconds S]\n' +
      '         [--search WORD=HREF] [--filter PAGE]\n',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { site: null, screenshots: null, shots: ['index.html'], jobs: 1, maxSeconds: 900, search: null, filter: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '-h' || a === '--help') usage();
    else if (a === '--screenshots') opts.screenshots = value();
    else if (a === '--shots') {
      opts.shots = value()
        .split(',')
        .map((s) => s.trim().replace(/^\/+/, ''))
        .filter(Boolean);
    } else if (a === '--jobs') opts.jobs = Number(value());
    else if (a === '--max-seconds') opts.maxSeconds = Number(value());
    else if (a === '--search') opts.search = value();
    else if (a === '--filter') opts.filter = value();
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else if (opts.site === null) opts.site = a;
    else usage(`unexpected argument ${a}`);
  }
  if (opts.site === null) usage('SITE_DIR is required');
  if (!Number.isInteger(opts.jobs) || opts.jobs < 1 || opts.jobs > 8) usage('--jobs must be 1..8');
  if (!(opts.maxSeconds > 0)) usage('--max-seconds must be positive');
  return opts;
}

// ---------------------------------------------------------------- files

async function findHtmlFiles(root) {
  const out = [];
  async function walk(dir) {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile() && /\.html?$/i.test(e.name)) {
        out.push(path.relative(root, full).split(path.sep).join('/'));
      }
    }
  }
  await walk(root);
  return out.sort();
}

function shotName(relPath, viewportName) {
  return `${relPath.replace(/\.html?$/i, '').replace(/\//g, '-')}-${viewportName}.png`;
}

// ---------------------------------------------------------------- server

function startServer(root) {
  // root is already a realpath.
  const server = http.createServer((req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n', { Allow: 'GET, HEAD' });

    const raw = req.url || '';
    if (!raw.startsWith('/')) return send(400, 'bad request\n');
    let decoded;
    try {
      decoded = decodeURIComponent(raw.split(/[?#]/, 1)[0]);
    } catch {
      return send(400, 'bad request\n');
    }
    const segments = decoded.split('/');
    if (decoded.includes('\0') || decoded.includes('\\') || segments.some((s) => s === '..')) {
      return send(403, 'forbidden\n');
    }
    let file = path.resolve(root, '.' + decoded);
    if (file !== root && !file.startsWith(root + path.sep)) return send(403, 'forbidden\n');

    fs.realpath(file, (err, real) => {
      if (err) return send(404, 'not found\n');
      if (real !== root && !real.startsWith(root + path.sep)) return send(403, 'forbidden\n');
      fs.stat(real, (err2, st) => {
        if (err2) return send(404, 'not found\n');
        if (st.isDirectory()) {
          if (!decoded.endsWith('/')) return send(301, 'moved\n', { Location: '/' + raw.split(/[?#]/, 1)[0].replace(/^\/+/, '') + '/' });
          real = path.join(real, 'index.html');
          try {
            st = fs.statSync(real);
          } catch {
            return send(404, 'not found\n');
          }
        }
        if (!st.isFile()) return send(404, 'not found\n');
        const type = CONTENT_TYPES[path.extname(real).toLowerCase()] || 'application/octet-stream';
        res.writeHead(200, {
          'Content-Type': type,
          'Content-Length': st.size,
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        });
        if (req.method === 'HEAD') return res.end();
        const stream = fs.createReadStream(real);
        stream.on('error', () => res.destroy());
        stream.pipe(res);
      });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function closeServer(server) {
  if (!server) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

// ---------------------------------------------------------------- browser work

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function newContext(browser, origin, onExternal, extra = {}) {
  const context = await browser.newContext({ bypassCSP: true, ...extra });
  context.setDefaultTimeout(PAGE_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(PAGE_TIMEOUT_MS);
  // The site must be self-contained: block and report anything not served by us.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    if (onExternal) onExternal(url);
    return route.abort('blockedbyclient');
  });
  return context;
}

function emptyProblems() {
  return { violations: [], requests: [], external: [], console: [], errors: [], incomplete: 0 };
}

// One browser context and tab, reused from page to page (about 5x faster than
// a fresh context per page); thrown away and made anew after any trouble.
class Checker {
  constructor(browser, origin) {
    this.browser = browser;
    this.origin = origin;
    this.tab = null;
    this.current = null; // the problems object of the page being checked
  }

  async open() {
    const origin = this.origin;
    const context = await newContext(this.browser, origin, (url) => {
      if (this.current && !this.current.external.includes(url)) this.current.external.push(url);
    });
    // Defines window.axe in every document before the page's own content.
    await context.addInitScript({ path: AXE_PATH });
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (this.current && msg.type() === 'error') {
        this.current.console.push({ text: msg.text(), url: msg.location()?.url || '' });
      }
    });
    page.on('pageerror', (err) => this.current?.console.push({ text: `uncaught: ${err.message}`, url: '' }));
    page.on('response', (resp) => {
      if (this.current && resp.url().startsWith(origin + '/') && resp.status() >= 400) {
        this.current.requests.push({ what: String(resp.status()), type: resp.request().resourceType(), url: resp.url() });
      }
    });
    page.on('requestfailed', (req) => {
      if (this.current && req.url().startsWith(origin + '/')) {
        this.current.requests.push({ what: req.failure()?.errorText || 'failed', type: req.resourceType(), url: req.url() });
      }
    });
    this.tab = { context, page };
  }

  async close() {
    const tab = this.tab;
    this.tab = null;
    if (tab) await withTimeout(tab.context.close(), 10_000, 'closing context').catch(() => {});
  }

  async check(relPath) {
    const origin = this.origin;
    const problems = emptyProblems();
    let clean = false;
    try {
      if (!this.tab) await this.open();
      const page = this.tab.page;
      this.current = problems;
      const work = (async () => {
        const resp = await page.goto(`${origin}/${relPath}`, { waitUntil: 'load' });
        if (!resp || resp.status() !== 200) {
          problems.errors.push(`page itself answered ${resp ? resp.status() : 'nothing'}`);
        }
        if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
          await page.addScriptTag({ path: AXE_PATH });
        }
        const results = await page.evaluate(
          (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
          AXE_TAGS,
        );
        problems.incomplete = results.incomplete.length;
        problems.violations = results.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary || '' })),
        }));
        // WCAG 1.4.10 (reflow): at 320 CSS px the page must not scroll sideways; wide
        // tables scroll inside their own region instead.
        const size = page.viewportSize();
        await page.setViewportSize({ width: REFLOW_WIDTH, height: 640 });
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > REFLOW_WIDTH) {
          problems.errors.push(`page is ${width} px wide in a ${REFLOW_WIDTH} px viewport (WCAG 1.4.10 reflow)`);
        }
        if (size) await page.setViewportSize(size);
        // Leave the page, so that all of its events are in before the next one.
        await page.goto('about:blank');
      })();
      await withTimeout(work, PAGE_TIMEOUT_MS, 'page check').then(
        () => {
          clean = true;
        },
        (err) => {
          work.catch(() => {});
          problems.errors.push(firstLine(err.message));
        },
      );
    } catch (err) {
      problems.errors.push(firstLine(err.message));
    } finally {
      this.current = null;
      if (!clean) await this.close();
    }
    // Chromium also logs "Failed to load resource" for every failed request we
    // already list; keep the console list for other errors.
    const known = new Set([...problems.requests.map((r) => r.url), ...problems.external]);
    problems.console = problems.console.filter((c) => !(/^Failed to load resource/.test(c.text) && known.has(c.url)));
    // A 404 stylesheet is reported twice by Chromium (response, then an aborted
    // load); keep the HTTP status line.
    const withStatus = new Set(problems.requests.filter((r) => /^\d+$/.test(r.what)).map((r) => r.url));
    problems.requests = [
      ...new Set(
        problems.requests
          .filter((r) => /^\d+$/.test(r.what) || !withStatus.has(r.url))
          .map((r) => `${r.what} ${r.type} ${r.url.slice(origin.length)}`),
      ),
    ];
    return problems;
  }
}

async function takeScreenshots(browser, origin, relPath, outDir) {
  const written = [];
  for (const vp of VIEWPORTS) {
    const { name, ...ctxOpts } = vp;
    const context = await newContext(browser, origin, null, ctxOpts);
    try {
      const page = await context.newPage();
      const file = path.join(outDir, shotName(relPath, name));
      const work = (async () => {
        await page.goto(`${origin}/${relPath}`, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
        return page.evaluate(() => [
          document.documentElement.scrollWidth,
          document.documentElement.scrollHeight,
          !!document.querySelector('meta[name="viewport" i]'),
        ]);
      })();
      work.catch(() => {});
      const [w, h, hasViewportMeta] = await withTimeout(work, PAGE_TIMEOUT_MS, `screenshot ${name}`);
      let note = '';
      if (vp.isMobile && !hasViewportMeta) note = '  (no <meta name="viewport">: a phone lays it out at desktop width)';
      else if (w > vp.viewport.width) note = '  (wider than the viewport: horizontal scrolling)';
      written.push({ file, size: [w, h], note });
    } finally {
      await withTimeout(context.close(), 10_000, 'closing context').catch(() => {});
    }
  }
  return written;
}

// Opens `rel` (site-relative) in a fresh context and runs `interact(page, problems)` on it;
// the page as `interact` leaves it must pass axe, with no console error, uncaught error or
// external request on the way. Returns the problems found.
async function withPage(browser, origin, rel, interact) {
  const problems = [];
  const context = await newContext(browser, origin, (url) => problems.push(`external request ${url}`));
  try {
    const page = await context.newPage();
    page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
    page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
    await page.goto(`${origin}/${rel}`, { waitUntil: 'load' });
    await interact(page, problems);
    await page.addScriptTag({ path: AXE_PATH });
    const results = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      AXE_TAGS,
    );
    for (const v of results.violations) problems.push(`axe ${v.id}: ${v.help}`);
  } catch (err) {
    problems.push(firstLine(err.message));
  } finally {
    await context.close().catch(() => {});
  }
  return problems;
}

// --search WORD=HREF: on sok.html, typing WORD into the search field must list a link to
// HREF (site-relative); the page with results shown must pass axe, have no console error,
// and the keyboard must reach the field and the first result.
function checkSearch(browser, origin, spec) {
  const [word, href] = spec.split('=');
  return withPage(browser, origin, 'sok.html', async (page, problems) => {
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'search-page-q');
    }
    if (!reached) problems.push('Tab never reaches the search field');
    await page.keyboard.type(word, { delay: 20 });
    const link = page.locator(`#search-list a[href="${href}"]`);
    await link.first().waitFor({ timeout: 10_000 }).catch(() => problems.push(`no result links to ${href}`));
    const status = await page.locator('#search-status').textContent();
    if (!/\d/.test(status || '')) problems.push(`status announces no count: "${status}"`);
    let onResult = false;
    for (let i = 0; i < 5 && !onResult; i++) {
      await page.keyboard.press('Tab');
      onResult = await page.evaluate(() => !!document.activeElement?.closest('#search-list'));
    }
    if (!onResult) problems.push('Tab from the field does not reach the results');
  });
}

// --filter PAGE: on PAGE (site-relative), the first activity table's status filter must
// show exactly the rows of the chosen status and say how many; its sort button must order
// the rows by the column and mark the header with aria-sort; the keyboard must reach the
// filter; the enhanced page must pass axe with no console error.
function checkFilter(browser, origin, rel) {
  return withPage(browser, origin, rel, async (page, problems) => {
    const form = page.locator('form.table-filter').first();
    await form.waitFor({ timeout: 10_000 }).catch(() => problems.push('no filter form'));
    const statusSelect = form.locator('select[id$="-status"]');
    const options = await statusSelect.locator('option').allTextContents();
    if (options.length < 3) problems.push(`status filter offers ${options.length} options`);
    if (options.some((o) => /[○◐●▲‖✕]/.test(o))) problems.push(`status options read the hidden symbols: ${options}`);
    const selectIds = await form.locator('select').evaluateAll((s) => s.map((e) => e.id));
    if (!selectIds.every((id) => id.startsWith('_filter-'))) problems.push(`filter ids a plan id could take: ${selectIds}`);
    const table = page.locator('table.activity-table').first();
    const all = await table.locator('tbody tr').count();
    const want = options[options.length - 1];
    const idx = await table.locator('thead th').evaluateAll((ths) => ths.findIndex((t) => t.dataset.col === 'status'));
    if (idx < 0) problems.push('no status column (th[data-col="status"])');
    const expected = await table.locator('tbody tr').evaluateAll(
      (rows, [w, i]) =>
        rows.filter((r) => {
          const cell = r.cells[i]?.cloneNode(true);
          cell?.querySelectorAll('[aria-hidden="true"]').forEach((e) => e.remove());
          return cell?.textContent.replace(/\s+/g, ' ').trim() === w;
        }).length,
      [want, idx],
    );
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.matches('form.table-filter select'));
    }
    if (!reached) problems.push('Tab never reaches the filter');
    await statusSelect.selectOption({ label: want });
    const shown = await table.locator('tbody tr:not([hidden])').count();
    if (shown !== expected || shown === all) problems.push(`status "${want}": ${shown} rows shown, ${expected} expected of ${all}`);
    const said = await form.locator('[role="status"]').textContent();
    if (!said.includes(String(shown)) || !said.includes(String(all))) problems.push(`status says "${said}"`);
    await statusSelect.selectOption({ label: options[0] });
    const sort = table.locator('thead th').first().locator('button.sort');
    await sort.click();
    await sort.click();
    const sortState = await table.locator('thead th').first().getAttribute('aria-sort');
    if (sortState !== 'descending') problems.push(`aria-sort after two clicks: ${sortState}`);
    const ids = await table.locator('tbody tr td:first-child').allTextContents();
    const sorted = [...ids].sort(new Intl.Collator('sv', { numeric: true, sensitivity: 'base' }).compare).reverse();
    if (ids.join() !== sorted.join()) problems.push('rows not in descending order of the first column');
  });
}

async function checkAll(browser, origin, pages, jobs) {
  const results = new Array(pages.length);
  let next = 0;
  async function worker() {
    const checker = new Checker(browser, origin);
    try {
      while (next < pages.length) {
        const i = next++;
        results[i] = await checker.check(pages[i]);
      }
    } finally {
      await checker.close();
    }
  }
  await Promise.all(Array.from({ length: Math.min(jobs, pages.length) }, worker));
  return results;
}

// ---------------------------------------------------------------- report

function firstLine(s) {
  return String(s).split('\n')[0];
}

function pageFailed(p) {
  return p.violations.length + p.requests.length + p.external.length + p.console.length + p.errors.length > 0;
}

function printPage(relPath, p) {
  const lines = [`${pageFailed(p) ? 'FAIL' : 'PASS'} ${relPath}`];
  for (const v of p.violations) {
    lines.push(`  [${v.impact || 'n/a'}] ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'})`);
    lines.push(`      ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, MAX_NODES_PER_RULE)) {
      lines.push(`      - ${n.target}`);
      const why = n.summary.split('\n').map((s) => s.trim()).filter((s) => s && !/^Fix (any|all) of the following:$/.test(s))[0];
      if (why) lines.push(`          ${why}`);
    }
    if (v.nodes.length > MAX_NODES_PER_RULE) lines.push(`      ... and ${v.nodes.length - MAX_NODES_PER_RULE} more`);
  }
  for (const r of p.requests) lines.push(`  broken request: ${r}`);
  for (const u of p.external) lines.push(`  external request (blocked; the site must be self-contained): ${u}`);
  for (const c of p.console) lines.push(`  console error: ${firstLine(c.text)}${c.url ? ` (${c.url})` : ''}`);
  for (const e of p.errors) lines.push(`  error: ${e}`);
  out(lines.join('\n') + '\n');
}

// ---------------------------------------------------------------- main

let browser = null;
let server = null;
let cleaningUp = null;
let aborted = false; // set when the whole-run limit hits: print nothing more

function out(text) {
  if (!aborted) process.stdout.write(text);
}

function cleanup() {
  if (!cleaningUp) {
    cleaningUp = (async () => {
      const b = browser;
      browser = null;
      if (b) await withTimeout(b.close(), 15_000, 'closing browser').catch(() => {});
      const s = server;
      server = null;
      await closeServer(s);
    })();
  }
  return cleaningUp;
}

async function main() {
  const started = Date.now();
  const opts = parseArgs(process.argv.slice(2));

  let root;
  try {
    root = fs.realpathSync(path.resolve(opts.site));
    if (!fs.statSync(root).isDirectory()) throw new Error('not a directory');
  } catch (err) {
    usage(`SITE_DIR ${opts.site}: ${err.message}`);
  }

  const pages = await findHtmlFiles(root);
  if (pages.length === 0) {
    out(`No *.html files under ${root}\n0 passed, 1 failed\n`);
    return 1;
  }
  for (const shot of opts.screenshots ? opts.shots : []) {
    if (!pages.includes(shot)) usage(`--shots: ${shot} is not an HTML file under ${opts.site}`);
  }

  // Whole-run bound: report and exit 1 rather than hang CI.
  const runTimer = setTimeout(async () => {
    out(`\ncheck-site: whole run exceeded ${opts.maxSeconds} s, giving up\n0 passed, ${pages.length} failed\n`);
    aborted = true;
    await cleanup();
    process.exit(1);
  }, opts.maxSeconds * 1000);
  runTimer.unref();

  server = await startServer(root);
  const origin = `http://127.0.0.1:${server.address().port}`;

  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  try {
    try {
      // Playwright makes (and removes) a fresh temporary --user-data-dir.
      browser = await chromium.launch({
        executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
        timeout: 60_000,
      });
    } catch (err) {
      process.stderr.write(
        `check-site: cannot start Chromium at ${executablePath}: ${firstLine(err.message)}\n` +
          '  install it with: apt-get install -y chromium   (or set CHROMIUM_PATH)\n',
      );
      return 2;
    }
    const launched = Date.now();
    out(
      `Serving ${root} at ${origin}/\n` +
        `Checking ${pages.length} page${pages.length === 1 ? '' : 's'} with axe-core ${AXE_VERSION} ` +
        `(${AXE_TAGS.join(', ')}) in Chromium ${browser.version()}\n\n`,
    );

    const results = await checkAll(browser, origin, pages, opts.jobs);
    const checked = Date.now();
    let failed = 0;
    pages.forEach((rel, i) => {
      printPage(rel, results[i]);
      if (pageFailed(results[i])) failed++;
    });

    let shotProblems = 0;
    if (opts.search) {
      const problems = await checkSearch(browser, origin, opts.search);
      out(problems.length ? `FAIL search: ${problems.join('; ')}\n` : `PASS search ${opts.search}\n`);
      if (problems.length) failed++;
    }
    if (opts.filter) {
      const problems = await checkFilter(browser, origin, opts.filter);
      out(problems.length ? `FAIL filter: ${problems.join('; ')}\n` : `PASS filter ${opts.filter}\n`);
      if (problems.length) failed++;
    }
    if (opts.screenshots) {
      await fsp.mkdir(opts.screenshots, { recursive: true });
      out(`\nScreenshots in ${opts.screenshots}:\n`);
      for (const rel of opts.shots) {
        try {
          for (const s of await takeScreenshots(browser, origin, rel, opts.screenshots)) {
            out(
              `  ${path.basename(s.file)}  page ${s.size[0]}x${s.size[1]} CSS px` +
                `${s.note}\n`,
            );
          }
        } catch (err) {
          shotProblems++;
          out(`  ${rel}: screenshot failed: ${firstLine(err.message)}\n`);
        }
      }
    }
    const done = Date.now();
    const totalIncomplete = results.reduce((n, r) => n + r.incomplete, 0);
    out(
      `\nTimings: browser start ${((launched - started) / 1000).toFixed(1)} s, ` +
        `${pages.length} page check${pages.length === 1 ? '' : 's'} ${((checked - launched) / 1000).toFixed(1)} s` +
        `${opts.screenshots ? `, screenshots ${((done - checked) / 1000).toFixed(1)} s` : ''}, ` +
        `total ${((done - started) / 1000).toFixed(1)} s` +
        `${totalIncomplete ? `; axe left ${totalIncomplete} item(s) for manual review (not counted)` : ''}\n`,
    );
    if (shotProblems) out(`${shotProblems} screenshot page(s) failed\n`);
    out(`${pages.length - failed} passed, ${failed} failed\n`);
    return failed > 0 || shotProblems > 0 ? 1 : 0;
  } finally {
    clearTimeout(runTimer);
    await cleanup();
  }
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, async () => {
    process.stderr.write(`check-site: ${sig}, cleaning up\n`);
    aborted = true;
    await cleanup();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (err) => {
    process.stderr.write(`check-site: ${err && err.stack ? err.stack : err}\n`);
    await cleanup();
    process.exitCode = 2;
  },
);
