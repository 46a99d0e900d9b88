// Times the citizen app in Chromium against the real server: load to the first question, one answer change.
//
//   BLANKETT_BIN=build/release/cli/blankett BLANKETT_WEB_ROOT=build/wasm/web node bench/web/page_timings.mjs [--loads N] [--changes N]
//
// Uses the end-to-end harness (tests/e2e/harness.mjs): a fresh database with the demo data and a fresh
// Chromium profile. Erik opens the health survey (Hälsoenkät inför hälsosamtal) and reloads it; the
// change is its first question's alternatives in turn. Before timing anything it checks that the page
// drew the survey and that a change checks the alternative and is measured. The app's own marks
// (window.blankettTimings: lib/core.js, set by citizen/form.js) give the figures: `firstQuestion`, from
// the navigation's start to the first page of questions drawn (core compiled, form fetched and drawn),
// and `lastChange`, one answer through the core and the page's update. The peer in the same run is the
// browser's floor for the same page: DOMContentLoaded (the HTML and the scripts fetched and run, before
// the WebAssembly core is compiled and the form fetched). Figures: docs/performance.md.
import assert from 'node:assert/strict';
import { parseArgs } from 'node:util';
import { launchBrowser, newPage, startServer } from '../../tests/e2e/harness.mjs';

const { values } = parseArgs({ options: { loads: { type: 'string', default: '15' }, changes: { type: 'string', default: '50' } } });
const loads = Number(values.loads);
const changes = Number(values.changes);
if (!(Number.isInteger(loads) && loads > 0 && Number.isInteger(changes) && changes > 1)) {
  console.error('usage: node bench/web/page_timings.mjs [--loads N >= 1] [--changes N >= 2]');
  process.exit(2);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const range = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;

const server = await startServer({ rate: 100000 });
const browser = await launchBrowser();
try {
  const page = await newPage(browser, 'desktop');
  await page.goto(server.url('/#/login'));
  await page.getByRole('button', { name: 'Logga in som Erik Svensson' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mina formulär' }).waitFor();
  await page.getByRole('link', { name: 'Hälsoenkät inför hälsosamtal' }).first().click();
  await page.locator('#page-form').waitFor();
  const url = page.url();

  // The answer checks: the survey is drawn, and a change checks its alternative and is measured.
  const questions = await page.locator('#page-form .question').count();
  const choices = page.locator('#q-general_health input[type="radio"]');
  assert.ok(questions >= 4 && (await choices.count()) >= 2, `the survey's first page: ${questions} questions`);
  const first = choices.first();
  const second = choices.nth(1);
  await second.check();
  assert.equal(await second.isChecked(), true);
  assert.equal(typeof (await page.evaluate(() => window.blankettTimings.lastChange)), 'number', 'citizen/form.js marks lastChange');

  const load = [];
  const floor = [];
  for (let i = 0; i < loads; ++i) {
    await page.goto('about:blank');
    await page.goto(url);
    await page.locator('#page-form').waitFor();
    const t = await page.evaluate(() => ({
      first: window.blankettTimings.firstQuestion,
      dom: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
    }));
    assert.ok(t.first > 0 && t.dom > 0, JSON.stringify(t));
    load.push(t.first);
    floor.push(t.dom);
  }

  const change = [];
  for (let i = 0; i < changes; ++i) {
    const target = i % 2 ? second : first;  // second is checked already: each step is a change
    await target.check();
    assert.equal(await target.isChecked(), true);
    change.push(await page.evaluate(() => window.blankettTimings.lastChange));
  }
  await page.close();

  console.log(`citizen app in Chromium (${questions} questions on the page; ${loads} loads, ${changes} changes)`);
  console.log(`  page load to the first question   median ${median(load).toFixed(0)} ms   (${range(load)} ms)`);
  console.log(`  peer: DOMContentLoaded, same page  median ${median(floor).toFixed(0)} ms   (${range(floor)} ms)`);
  console.log(`  one answer change (core + redraw)  median ${median(change).toFixed(2)} ms (${range(change)} ms)`);
} finally {
  await browser.close();
  await server.close();
}
