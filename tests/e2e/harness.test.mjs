// Self-test of the browser harness against a tiny static site, without the web app:
//   BLANKETT_BIN=build/release/cli/blankett node --test tests/e2e/harness.test.mjs
import assert, { AssertionError } from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { checkAccessibility, collectConsoleErrors, launchBrowser, newPage, root, screenshot, startServer }
  from './harness.mjs';

// Every page names an icon: without one Chromium asks for /favicon.ico and logs the 404 as a console error.
const site = {
  'index.html': `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Blankett – testsida</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="style.css">
</head>
<body>
<main>
<h1>Hälsoformulär</h1>
<p>Den här sidan provar testriggen: åäö ÅÄÖ.</p>
<form>
<label for="namn">Ditt namn</label>
<input id="namn" name="namn" autocomplete="name">
<button type="submit">Skicka</button>
</form>
</main>
</body>
</html>
`,
  'style.css': `body { font-family: "DejaVu Sans", sans-serif; margin: 0; color: #1a1a1a; background: #fff; }
main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
h1 { color: #00446a; }
input, button { font: inherit; padding: .5rem; margin: .25rem 0; display: block; }
button { background: #00446a; color: #fff; border: 0; border-radius: 4px; }
`,
  'broken.html': `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><title>Trasig</title><link rel="icon" href="data:,"></head>
<body><main><h1>Trasig</h1><input type="text" name="utan-etikett"></main></body>
</html>
`,
  'noisy.html': `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><title>Bullrig</title><link rel="icon" href="data:,"><script src="noisy.js"></script></head>
<body><main><h1>Bullrig</h1></main></body>
</html>
`,
  'noisy.js': `console.error('kaput');
setTimeout(() => { throw new Error('boom'); }, 0);
`,
};

// The server's policy for the web apps (server/http/api.cpp), so that axe is shown to work under it
// whether or not the server binary at hand sends it yet.
const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

let dir;
let server;
let browser;

function pngSize(file) {
  const b = readFileSync(file);
  assert.equal(b.subarray(1, 4).toString('latin1'), 'PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'blankett-e2e-site-'));
  for (const [name, text] of Object.entries(site)) writeFileSync(path.join(dir, name), text);
  process.env.BLANKETT_WEB_ROOT = dir;
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  const profile = browser?.profileDir;
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (profile) assert.equal(existsSync(profile), false, 'close() removes the Chromium profile');
});

test('static files and the API share one port', async () => {
  assert.equal(server.webRoot, dir);
  const page = await newPage(browser, 'desktop');
  const errors = collectConsoleErrors(page);
  const res = await page.goto(server.url('/'));
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /^text\/html/);
  assert.equal(await page.title(), 'Blankett – testsida');
  const health = await page.evaluate(async () => {
    const r = await fetch('/api/v1/health');
    return { status: r.status, body: await r.json() };
  });
  assert.deepEqual(health, { status: 200, body: { status: 'ok', format: 1 } });
  errors.assertNone();
  await page.close();
});

for (const [preset, expected] of [['desktop', { width: 1280, height: 900, dpr: 1, png: 1280 }],
                                  ['phone', { width: 390, height: 844, dpr: 2, png: 780 }]]) {
  test(`${preset}: screenshot and no accessibility violations`, async () => {
    const page = await newPage(browser, preset);
    const errors = collectConsoleErrors(page);
    await page.goto(server.url('/'));
    const metrics = await page.evaluate(() => ({ width: innerWidth, height: innerHeight, dpr: devicePixelRatio,
                                                 touch: navigator.maxTouchPoints > 1 }));
    assert.deepEqual(metrics, { width: expected.width, height: expected.height, dpr: expected.dpr,
                                touch: preset === 'phone' });
    const file = await screenshot(page, `e2e-harness-${preset}`);
    assert.equal(file, path.join(root, 'build/screenshots', `e2e-harness-${preset}.png`));
    const size = pngSize(file);
    assert.equal(size.width, expected.png);
    assert.ok(size.height >= expected.height * expected.dpr, `full page: ${size.height} px high`);
    assert.deepEqual(await page.evaluate(() => [innerWidth, devicePixelRatio]), [expected.width, expected.dpr],
                     'the emulation outlives the screenshot');
    const result = await checkAccessibility(page, `harness self-test, ${preset}`);
    assert.ok(result.passes > 0, 'axe ran its rules');
    errors.assertNone();
    await page.close();
  });
}

test('checkAccessibility reports every violation', async () => {
  const page = await newPage(browser, 'desktop');
  await page.goto(server.url('/broken.html'));
  await assert.rejects(checkAccessibility(page, 'broken page'), (e) => {
    assert.ok(e instanceof AssertionError);
    assert.match(e.message, /accessibility violation\(s\) on broken page/);
    assert.match(e.message, /- label \(critical\): Form elements must have labels/);
    assert.match(e.message, /\n {6}at input\n/);
    assert.ok(e.actual.includes('label'));
    return true;
  });
  await page.close();
});

test('axe runs under the web apps\' Content-Security-Policy', async () => {
  const page = await newPage(browser, 'desktop');
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
  });
  const errors = collectConsoleErrors(page);
  await page.goto(server.url('/'));
  // The policy is in force: an inline script is refused (and reported as a console error) ...
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = true';
    document.head.append(s);
    return window.inlineRan === true;
  });
  assert.equal(ran, false);
  assert.ok(errors.errors.some((e) => /Content Security Policy/.test(e)), errors.errors.join('\n'));
  errors.clear();
  // ... yet axe is evaluated and runs.
  await checkAccessibility(page, 'harness self-test under CSP');
  errors.assertNone();
  await page.close();
});

test('collectConsoleErrors records console errors and uncaught exceptions', async () => {
  const page = await newPage(browser, 'phone');
  const errors = collectConsoleErrors(page);
  await page.goto(server.url('/noisy.html'));
  await errors.waitFor(2);  // the console error at once, the exception after a turn of the event loop
  assert.throws(() => errors.assertNone('noisy page'), (e) => {
    assert.ok(e instanceof AssertionError);
    assert.match(e.message, /2 console error\(s\) on noisy page/);
    assert.match(e.message, /console\.error: kaput \(.*noisy\.js:1\)/);
    assert.match(e.message, /page error: Error: boom/);
    return true;
  });
  errors.stop();
  await page.close();
});
