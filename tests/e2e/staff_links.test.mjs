// Skapa formulärlänkar end to end: a sender makes one link to PHQ-9, is warned it is shown only once,
// copies it (the clipboard holds the full address); a citizen opens it, logs in, lands in the form,
// answers and submits; the sender sees the links dispatch answered in Skickade utskick.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkAccessibility, collectConsoleErrors, launchBrowser, newPage, screenshot } from './harness.mjs';
import { serverAndBrowser } from './citizen_steps.mjs';
import { answerPhq9, expectedErrors, menuLink, pageLink, staffLogin } from './staff_steps.mjs';

let server;
let browser;
serverAndBrowser((s, b) => { server = s; browser = b; });

describe('form links', () => {
  test('one link, copied, claimed by a citizen who logs in and answers', async () => {
    await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await staffLogin(page, server, 'sjukskoterska');
    await menuLink(page, 'Utskick').click();
    await pageLink(page, 'Skapa formulärlänkar').click();
    await page.getByRole('heading', { level: 1, name: 'Skapa formulärlänkar' }).waitFor();

    // Nothing chosen: the error summary takes focus and links to the picker.
    await page.getByRole('button', { name: 'Skapa formulärlänkar' }).click();
    await page.locator('#error-summary a').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'error-summary');
    assert.deepEqual(await page.locator('#error-summary li').allTextContents(), ['Välj en formulärmall.']);
    await checkAccessibility(page, 'links, a problem');
    await screenshot(page, 'staff-40-links-problem-desktop');

    const picker = page.getByRole('combobox', { name: 'Formulärmall' });
    await picker.fill('PHQ');
    await page.getByRole('option', { name: /^Hälsoformulär \(PHQ-9\)/ }).click();
    assert.equal(await page.getByLabel('Antal länkar').inputValue(), '1');
    await page.getByRole('textbox', { name: 'Formulärmeddelande' }).fill('Svara gärna före besöket.');
    const made = page.waitForResponse((r) => r.url().endsWith('/api/v1/dispatches/links'));
    await page.getByRole('button', { name: 'Skapa formulärlänkar' }).click();
    assert.equal((await made).status(), 201);
    await page.getByRole('heading', { level: 1, name: 'Formulärlänkarna är skapade' }).waitFor();
    assert.match(await page.locator('main').textContent(), /Länkarna visas bara den här gången\./);
    const shown = await page.getByLabel('Länk 1', { exact: true }).inputValue();
    assert.match(shown, new RegExp(`^${server.base.replace(/[.]/g, '\\.')}/#/lank/[0-9a-f]{64}$`));

    await page.getByRole('button', { name: 'Kopiera länk 1' }).click();
    await page.locator('#links .copied', { hasText: 'Kopierad' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shown);
    await checkAccessibility(page, 'links, made');
    await screenshot(page, 'staff-41-links-made-desktop');
    errors.assertNone();

    // A citizen opens the link: login first, then the form, answered.
    const kimsBrowser = await launchBrowser();
    try {
      const kim = await newPage(kimsBrowser, 'desktop');
      const kimErrors = collectConsoleErrors(kim, { ignore: expectedErrors });
      await kim.goto(shown);
      await kim.getByRole('button', { name: 'Logga in som Kim Berg' }).click();
      await kim.locator('#page-form').waitFor();
      assert.equal(await kim.locator('.banner').textContent(), 'Svara gärna före besöket.');
      await answerPhq9(kim);
      kimErrors.assertNone();
    } finally {
      await kimsBrowser.close();
    }

    // Skickade utskick: the links dispatch, answered.
    await pageLink(page, 'Skickade utskick').click();
    await page.getByRole('heading', { level: 1, name: 'Skickade utskick' }).waitFor();
    const cells = await page.locator('#dispatches tbody tr').first().locator('td, th').allTextContents();
    assert.deepEqual(cells.slice(1), ['Hälsoformulär (PHQ-9)', 'Formulärlänkar', 'sjukskoterska', '1', '0', '0', '0', '1', '1']);
    await page.locator('#dispatches tbody tr').first().getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Utskick: Hälsoformulär (PHQ-9)' }).waitFor();
    const row = await page.locator('#dispatch-recipients tbody tr').first().locator('td, th').allTextContents();
    assert.deepEqual(row.slice(0, 3), ['Kim Berg', '19900103-2391', 'Inskickat']);
    assert.equal(await page.getByRole('button', { name: /^Skriv ut brev/ }).count(), 0, 'nothing left to answer');
    errors.assertNone();
    await page.close();
  });
});
