// Browser end-to-end harness: the real `blankett serve` (API and web apps on one port, fresh database,
// demo data) and Debian's Chromium driven by playwright-core. Nothing is downloaded at run time.
//
//   const server = await startServer();          // server.base is http://127.0.0.1:PORT
//   const browser = await launchBrowser();
//   const page = await newPage(browser, 'phone');
//   const errors = collectConsoleErrors(page);
//   await page.goto(server.url('/'));
//   await screenshot(page, 'citizen-start-phone');
//   await checkAccessibility(page, 'citizen start, phone');
//   errors.assertNone();
//   await browser.close();
//   await server.close();
import { AssertionError } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { Server, root } from '../api/server.mjs';

export { root };

const require = createRequire(import.meta.url);

// The web apps as built by the wasm preset, or BLANKETT_WEB_ROOT (relative to the working folder, like
// BLANKETT_BIN; it is also the server's own variable for --web-root).
export function webRoot() {
  const env = process.env.BLANKETT_WEB_ROOT;
  return env ? path.resolve(env) : path.resolve(root, 'build/wasm/web');
}

export const chromiumPath = process.env.BLANKETT_CHROMIUM ?? '/usr/bin/chromium';
export const screenshotDir = path.join(root, 'build/screenshots');

// A test process that ends without closing what it started (an exception, process.exit, SIGTERM or SIGHUP)
// still stops its servers and removes its folders. (SIGKILL and SIGPIPE, e.g. `node --test ... | head`, cannot
// be caught here: a server then outlives the test.)
const atExitJobs = new Set();
function atExit(job) {
  if (!atExit.installed) {
    atExit.installed = true;
    const runAll = () => {
      for (const j of atExitJobs) {
        try { j(); } catch { /* best effort */ }
      }
      atExitJobs.clear();
    };
    process.on('exit', runAll);
    for (const signal of ['SIGTERM', 'SIGHUP']) {
      process.on(signal, function onSignal() {
        runAll();
        if (process.listenerCount(signal) === 1) {
          process.off(signal, onSignal);
          process.kill(process.pid, signal);
        }
      });
    }
  }
  atExitJobs.add(job);
  return () => atExitJobs.delete(job);
}

// Starts `blankett serve` with the web apps and demo data. options: {webRoot} and any further
// `blankett serve` flags ({rate: 100000} becomes --rate 100000). Returns the Server of tests/api/server.mjs
// (base, client(), citizen(), staff(), log(), close()) with url(path) added.
export async function startServer(options = {}) {
  const { webRoot: dir = webRoot(), ...flags } = options;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`web root ${dir} is not a folder: build the web app (wasm preset) or set BLANKETT_WEB_ROOT`);
  }
  const server = await Server.start({ 'web-root': dir, demo: 'on', ...flags });
  const forget = atExit(() => {
    server.proc.kill('SIGKILL');
    rmSync(server.dir, { recursive: true, force: true });
  });
  const close = server.close.bind(server);
  server.close = async () => {
    forget();
    await close();
  };
  server.webRoot = dir;
  server.url = (p = '/') => new URL(p, server.base).href;
  return server;
}

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                      '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// A persistent Chromium context in a fresh profile folder. Its close() also removes the folder.
// options: further launchPersistentContext options (locale defaults to sv-SE).
export async function launchBrowser(options = {}) {
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: run scripts/setup`);
  const profile = mkdtempSync(path.join(tmpdir(), 'blankett-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      locale: 'sv-SE',
      timezoneId: 'Europe/Stockholm',
      viewport: presets.desktop,
      ...options,
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  const forget = atExit(() => rmSync(profile, { recursive: true, force: true }));
  const closeContext = context.close.bind(context);
  let closing;
  context.profileDir = profile;
  context.close = (closeOptions) => (closing ??= (async () => {
    try {
      await closeContext(closeOptions);
    } finally {
      forget();
      rmSync(profile, { recursive: true, force: true });
    }
  })());
  return context;
}

export const presets = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844, deviceScaleFactor: 2, mobile: true },
};

// A new page of the given size: a preset name ('desktop', 'phone') or {width, height[, deviceScaleFactor,
// mobile]}. A persistent context fixes deviceScaleFactor and isMobile for all its pages, so those are
// emulated per page through a DevTools session of our own (page.cdp). Playwright does not know of it:
// page.viewportSize() gives the width and height, and Playwright's own full-page screenshots put its
// metrics (scale 1, not mobile) back, so take screenshots with screenshot() below, and do not call
// page.setViewportSize() on such a page.
export async function newPage(context, size = 'desktop') {
  const spec = typeof size === 'string' ? presets[size] : size;
  if (!spec) throw new Error(`unknown page size ${size}; presets: ${Object.keys(presets).join(', ')}`);
  const page = await context.newPage();
  const { width, height, deviceScaleFactor = 1, mobile = false } = spec;
  await page.setViewportSize({ width, height });
  page.size = { width, height, deviceScaleFactor, mobile };
  if (deviceScaleFactor !== 1 || mobile) {
    page.cdp = await context.newCDPSession(page);
    await emulate(page);
  }
  return page;
}

async function emulate(page) {
  const { width, height, deviceScaleFactor, mobile } = page.size;
  await page.cdp.send('Emulation.setDeviceMetricsOverride', {
    width, height, deviceScaleFactor, mobile, screenWidth: width, screenHeight: height,
    screenOrientation: { angle: 0, type: width > height ? 'landscapePrimary' : 'portraitPrimary' },
  });
  await page.cdp.send('Emulation.setTouchEmulationEnabled', { enabled: mobile, maxTouchPoints: mobile ? 5 : 1 });
}

// A full-page PNG in build/screenshots/<name>.png (name may hold folders); returns the path.
// Pages with their own emulation (phone) are taken through that session, at their device scale.
export async function screenshot(page, name) {
  const file = path.join(screenshotDir, `${name}.png`);
  if (path.relative(screenshotDir, file).startsWith('..')) throw new Error(`screenshot name ${name} leaves the folder`);
  mkdirSync(path.dirname(file), { recursive: true });
  if (!page.cdp) {
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
    return file;
  }
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const { cssContentSize: content } = await page.cdp.send('Page.getLayoutMetrics');
  const clip = { x: 0, y: 0, scale: 1, width: Math.max(page.size.width, Math.ceil(content.width)),
                 height: Math.max(page.size.height, Math.ceil(content.height)) };
  const { data } = await page.cdp.send('Page.captureScreenshot', { format: 'png', clip, captureBeyondViewport: true });
  await emulate(page);
  writeFileSync(file, Buffer.from(data, 'base64'));
  return file;
}

let axeSource;

// Runs axe-core's WCAG 2.0/2.1 A and AA rules on the page and throws an AssertionError listing every
// violation. axe is evaluated through the DevTools protocol, which the page's Content-Security-Policy
// does not govern (a <script> tag would be refused). When clean, returns a summary: {violations: [],
// incomplete (what axe could not decide, for a look), passes (a count), url}. options: {tags, rules}.
export async function checkAccessibility(page, label = page.url(), options = {}) {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => typeof window.axe === 'object' && typeof window.axe.run === 'function');
  if (!loaded) await page.evaluate(`${axeSource}\n;void 0`);
  const tags = options.tags ?? ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  const results = await page.evaluate(async (runOptions) => {
    const r = await window.axe.run(document, runOptions);
    const brief = (list) => list.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
    }));
    return { violations: brief(r.violations), incomplete: brief(r.incomplete), passes: r.passes.length,
             url: r.url };
  }, { runOnly: { type: 'tag', values: tags }, ...(options.rules ? { rules: options.rules } : {}) });
  if (results.violations.length) {
    const lines = results.violations.map((v) => {
      const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ');
      const more = v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : '';
      return `  - ${v.id} (${v.impact}): ${v.help}\n      at ${targets}${more}\n      ${v.helpUrl}`;
    });
    throw new AssertionError({
      message: `${results.violations.length} accessibility violation(s) on ${label} (${results.url}):\n${lines.join('\n')}`,
      actual: results.violations.map((v) => v.id),
      expected: [],
      operator: 'checkAccessibility',
    });
  }
  return results;
}

// Records console errors (CSP refusals and failed loads included) and uncaught page errors.
// options.ignore: regular expressions for messages to leave out (e.g. /favicon\.ico/).
// assertNone() throws an AssertionError listing them; clear() forgets them; stop() detaches;
// waitFor(count, {timeout}) resolves once that many are recorded (a state to wait on, not a sleep), or
// rejects after timeout ms (30,000, Playwright's default) listing those recorded so far.
export function collectConsoleErrors(page, options = {}) {
  const ignore = options.ignore ?? [];
  const errors = [];
  const waiting = new Set();
  const record = (text) => {
    if (ignore.some((re) => re.test(text))) return;
    errors.push(text);
    for (const w of waiting) w();
  };
  const onConsole = (m) => {
    if (m.type() !== 'error') return;
    const { url, lineNumber } = m.location();
    record(`console.error: ${m.text()}${url ? ` (${url}:${lineNumber + 1})` : ''}`);
  };
  const onPageError = (e) => record(`page error: ${e.stack || e.message}`);
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  return {
    errors,
    assertNone(label = page.url()) {
      if (errors.length) {
        throw new AssertionError({
          message: `${errors.length} console error(s) on ${label}:\n  - ${errors.join('\n  - ')}`,
          actual: [...errors], expected: [], operator: 'collectConsoleErrors',
        });
      }
    },
    waitFor(count, { timeout = 30000 } = {}) {
      return new Promise((resolve, reject) => {
        const done = () => {
          if (errors.length < count) return;
          waiting.delete(done);
          clearTimeout(timer);
          resolve([...errors]);
        };
        const timer = setTimeout(() => {
          waiting.delete(done);
          reject(new Error(`waited ${timeout} ms for ${count} console error(s), got ${errors.length}:\n  - ${errors.join('\n  - ')}`));
        }, timeout);
        waiting.add(done);
        done();
      });
    },
    clear() { errors.length = 0; },
    stop() {
      page.off('console', onConsole);
      page.off('pageerror', onPageError);
    },
  };
}
