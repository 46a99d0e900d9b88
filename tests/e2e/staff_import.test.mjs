// Importera från fil with a list as a clinic has one: 1,000 numbers, one a line, of which 7 are
// malformed. Exactly those 7 lines are reported, each with its line number and reason, and the other
// 993 are in the recipient list. Also the other shape of file: one line separated by commas.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { people, root } from '../api/server.mjs';
import { collectConsoleErrors, newPage } from './harness.mjs';
import { serverAndBrowser } from './citizen_steps.mjs';
import { expectedErrors, staffLogin, textFile } from './staff_steps.mjs';

let server;
let browser;
serverAndBrowser((s, b) => { server = s; browser = b; });

// Skatteverket test numbers born 1960-1989, not the demo citizens.
const pins = JSON.parse(readFileSync(path.join(root, 'tests/data/external/personnummer/personnummer-meta-allPins.json'), 'utf8'))
  .filter((p) => p >= '1960' && p < '1990' && !Object.values(people).includes(p));

describe('importing recipients from a file', () => {
  test('1,000 lines with 7 malformed: exactly those 7 lines are reported', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await staffLogin(page, server, 'sjukskoterska');
    await page.goto(server.url('/personal/#/utskick'));
    await page.getByRole('heading', { level: 1, name: 'Skicka formulär' }).waitFor();

    const lines = pins.slice(0, 1000);
    const bad = { 4: 'checksum', 101: 'checksum', 102: 'format', 500: 'checksum', 501: 'format', 778: 'checksum', 1000: 'format' };
    for (const [line, kind] of Object.entries(bad)) {
      const i = Number(line) - 1;
      lines[i] = kind === 'checksum' ? lines[i].slice(0, 11) + (lines[i][11] === '0' ? '1' : '0') : `${lines[i].slice(0, 8)}x${lines[i].slice(9)}`;
    }
    await page.getByLabel('Importera från fil').setInputFiles(textFile('lista.txt', lines));
    const report = page.locator('#recipient-report');
    await report.waitFor();
    const reported = await report.locator('li').allTextContents();
    assert.deepEqual(reported.map((t) => Number(/^Rad (\d+):/.exec(t)[1])), Object.keys(bad).map(Number));
    for (const [t, [line, kind]] of reported.map((x, i) => [x, Object.entries(bad)[i]])) {
      assert.ok(t.includes(lines[Number(line) - 1]), t);
      assert.match(t, kind === 'checksum' ? /kontrollsiffran stämmer inte/ : /har fel format/, t);
    }
    assert.match(await report.textContent(), /993 mottagare lades till\./);
    assert.equal(await page.locator('#recipients tbody tr').count(), 993);
    errors.assertNone('import of 1,000');
  });

  test('one line separated by commas', async () => {
    const page = await newPage(browser, 'desktop');
    await staffLogin(page, server, 'sjukskoterska');
    await page.goto(server.url('/personal/#/utskick'));
    await page.getByRole('heading', { level: 1, name: 'Skicka formulär' }).waitFor();
    await page.getByLabel('Importera från fil').setInputFiles(textFile('rad.txt', [`${people.anna},${people.sara}, ${people.erik}`]));
    await page.locator('#recipient-report').waitFor();
    assert.match(await page.locator('#recipient-report').textContent(), /3 mottagare lades till\./);
    assert.equal(await page.locator('#recipients tbody tr').count(), 3);
  });
});
