#!/usr/bin/env node
// Live reload of `plan serve`, in headless Chromium.
//
// Usage:
//   node tests/browser/serve-live.mjs URL REPO_DIR [--lang sv|en]
//
// URL is the start page `plan serve REPO_DIR` printed; REPO_DIR is that repository, a copy
// this script may change (tests/browser.rs makes one of tests/data/site). With the page
// open and never reloaded by the script, it:
//   1. changes an activity's title in its plan file and waits for the open page to show it;
//   2. breaks the file and waits for the open page to become the findings page, which names
//      the file and line, then runs axe-core (WCAG 2.1 A and AA) on it;
//   3. mends the file and waits for the open page to be the site again;
//   4. runs axe-core on the page for a path the site does not have.
// Console errors (a Content-Security-Policy violation, say) and requests to other origins
// fail the run. Prints a PASS or FAIL line per step and, last, "N passed, M failed".
// Exit code: 0 when every step passed, 1 otherwise, 2 on bad usage or when Chromium cannot
// be started.
//
// Environment: CHROMIUM_PATH overrides the browser binary (default /usr/bin/chromium).

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const CHANGE_MS = 15_000;
const RUN_MS = 120_000;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--dns-prefetch-disable',
];

const FILE = 'plans/kommun/aktivitetsplan-2025.yaml';
const PAGE = 'aktiviteter/K-2025-02.html';
const OLD_TITLE = 'titel: Följa upp hemgången';

function usage(msg) {
  process.stderr.write(`serve-live: ${msg}\nusage: node tests/browser/serve-live.mjs URL REPO_DIR [--lang sv|en]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const langAt = args.indexOf('--lang');
const lang = langAt >= 0 ? args.splice(langAt, 2)[1] : 'sv';
if (args.length !== 2 || !/^http:\/\/127\.0\.0\.1:\d+\/$/.test(args[0]) || !['sv', 'en'].includes(lang)) {
  usage('give the address plan serve printed and the repository folder');
}
const [url, repo] = args;
const origin = url.replace(/\/$/, '');
const file = path.join(repo, FILE);
const original = fs.readFileSync(file, 'utf8');
if (!original.includes(OLD_TITLE)) usage(`${FILE} has no "${OLD_TITLE}"`);

// Saved as editors save: a temporary file renamed over the old one.
function save(text) {
  const temp = `${file}.tmp-serve-live`;
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}

let passed = 0;
let failed = 0;
function report(ok, what, detail = '') {
  if (ok) passed++;
  else failed++;
  process.stdout.write(`${ok ? 'PASS' : 'FAIL'} ${what}${detail ? `\n  ${detail.split('\n').join('\n  ')}` : ''}\n`);
}

// axe-core on the page at `at`, in a context of its own that lets axe in past the page's
// Content-Security-Policy (the open page keeps its policy, so that a violation by the
// reload script itself shows); returns the page's status, language and the violations.
async function axe(browser, at) {
  const context = await browser.newContext({ bypassCSP: true });
  try {
    const page = await context.newPage();
    const answer = await page.goto(at, { waitUntil: 'load' });
    await page.addScriptTag({ path: AXE_PATH });
    const results = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      AXE_TAGS,
    );
    const violations = results.violations.map(
      (v) => `[${v.impact}] ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
    return { status: answer?.status(), lang: await page.evaluate(() => document.documentElement.lang), violations };
  } finally {
    await context.close();
  }
}

async function main() {
  const timer = setTimeout(() => {
    process.stdout.write(`serve-live: the run took more than ${RUN_MS / 1000} s\n${passed} passed, ${failed + 1} failed\n`);
    process.exit(1);
  }, RUN_MS);
  timer.unref();
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  let browser;
  try {
    // Playwright makes (and removes) a fresh temporary --user-data-dir.
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  } catch (err) {
    process.stderr.write(`serve-live: cannot start Chromium at ${executablePath}: ${String(err.message).split('\n')[0]}\n`);
    return 2;
  }
  try {
    const context = await browser.newContext();
    const problems = [];
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith(origin + '/')) return route.continue();
      problems.push(`external request: ${u}`);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    // Chromium logs the status of a page that is not 200 (the findings page is 500) and of
    // the favicon it asks for on its own (404); anything else counts.
    const allowed = new Set([`${origin}/${PAGE}`, `${origin}/favicon.ico`]);
    page.on('console', (msg) => {
      const at = msg.location()?.url || '';
      if (msg.type() !== 'error') return;
      if (/^Failed to load resource: the server responded with a status of (404|500)/.test(msg.text()) && allowed.has(at)) return;
      problems.push(`console: ${msg.text()} (${at})`);
    });
    page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
    let loads = 0;
    page.on('load', () => loads++);

    const first = await page.goto(`${origin}/${PAGE}`, { waitUntil: 'load' });
    const h1 = () => page.locator('h1').first().textContent({ timeout: 2000 }).catch(() => '');
    report(first?.status() === 200 && (await h1()).includes('Följa upp hemgången'), 'the activity page is served', await h1());

    // 1. A new title, and the open page shows it without being told to reload.
    save(original.replace(OLD_TITLE, 'titel: Följa upp hemgången med SIP'));
    const changed = await page
      .waitForFunction(() => document.querySelector('h1')?.textContent.includes('med SIP'), null, { timeout: CHANGE_MS })
      .then(() => true, () => false);
    report(changed && loads >= 2, 'the open page shows the edited title by itself', `${await h1()} (loads: ${loads})`);

    // 2. A broken file: the open page becomes the findings page, with the file and line.
    save(original.replace(OLD_TITLE, 'titel: [Följa upp hemgången'));
    const broken = await page
      .waitForFunction(() => document.querySelector('.finding') !== null, null, { timeout: CHANGE_MS })
      .then(() => true, () => false);
    const where = broken ? await page.locator('.finding .where').first().textContent() : '';
    const heading = await h1();
    const title = lang === 'en' ? 'The plan has errors' : 'Planen har fel';
    report(
      broken && where.startsWith(`${FILE}:`) && heading === title,
      'the open page shows the findings of the broken file',
      `${heading}: ${where}`,
    );
    const findings = await axe(browser, `${origin}/${PAGE}`);
    report(
      findings.status === 500 && findings.lang === lang && findings.violations.length === 0,
      `the findings page passes axe-core (${AXE_TAGS.join(', ')})`,
      [`status ${findings.status}, lang ${findings.lang}`, ...findings.violations].join('\n'),
    );

    // 3. Mended: the site again, in the same open page.
    save(original);
    const mended = await page
      .waitForFunction(() => document.querySelector('.finding') === null && document.querySelector('h1')?.textContent.includes('Följa upp hemgången'), null, { timeout: CHANGE_MS })
      .then(() => true, () => false);
    report(mended, 'the open page is the site again once the file is mended', await h1());

    // 4. The page for a path the site does not have.
    const missing = await axe(browser, `${origin}/finns-inte.html`);
    report(
      missing.status === 404 && missing.lang === lang && missing.violations.length === 0,
      'the not-found page passes axe-core',
      [`status ${missing.status}`, ...missing.violations].join('\n'),
    );

    report(problems.length === 0, 'no console errors and no requests elsewhere', problems.join('\n'));
    await context.close();
  } finally {
    clearTimeout(timer);
    await browser.close().catch(() => {});
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stdout.write(`serve-live: ${err.stack || err}\n${passed} passed, ${failed + 1} failed\n`);
    process.exit(1);
  },
);
