// Skicka formulär end to end: a sender logs in, picks PHQ-9 by typing, previews it, imports a .txt file of
// the demo citizens with a malformed line (its line number and reason shown, Kim refused with the
// form-link advice, a duplicate typed by hand merged), sees who can be notified, confirms in the dialog
// (Escape cancels, focus comes back) and reads the receipt; Anna finds the message in her Inkorg, opens
// the form from it and submits; the sender sees it answered in Skickade utskick and prints Erik's paper
// letter, whose code Erik types on the code page to open his form. axe-core on every page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { people } from '../api/server.mjs';
import { checkAccessibility, collectConsoleErrors, launchBrowser, newPage, screenshot } from './harness.mjs';
import { login as citizenLogin, look, serverAndBrowser } from './citizen_steps.mjs';
import { answerPhq9, datesAhead, expectedErrors, letterCode, menuLink, pageLink, staffLogin, textFile } from './staff_steps.mjs';

let server;
let browser;
serverAndBrowser((s, b) => { server = s; browser = b; });

const phq9 = 'Hälsoformulär (PHQ-9)';
const dashed = (pnr) => `${pnr.slice(0, 8)}-${pnr.slice(8)}`;

describe('sending a form to the demo citizens', () => {
  test('import, check, confirm, receipt; the inbox and the answer; Skickade utskick and a paper letter', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });

    // A page asked for before login comes after it.
    await page.goto(server.url('/personal/#/utskick'));
    await page.getByRole('heading', { level: 1, name: 'Logga in som vårdpersonal' }).waitFor();
    await page.getByLabel('Användarnamn').fill('sjukskoterska');
    await page.getByLabel('Lösenord').fill(server.passwords.sjukskoterska);
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Skicka formulär' }).waitFor();
    assert.equal(await page.locator('#unit-name').textContent(), 'Vårdcentralen Norr', 'the unit, top right');
    assert.deepEqual(await page.getByRole('navigation', { name: 'Meny' }).getByRole('link').allTextContents(),
      ['Utskick', 'Uppföljning', 'Skicka formulär', 'Skapa formulärlänkar', 'Skickade utskick', 'Starta paketutskick',
       'Pågående paketutskick'], 'the menu by role');
    assert.equal(await pageLink(page, 'Skicka formulär').getAttribute('aria-current'), 'page');

    // The template: typed in part, picked from the matches; case forms and information are not there.
    const picker = page.getByRole('combobox', { name: 'Formulärmall' });
    await picker.click();
    const names = await page.getByRole('option').allTextContents();
    assert.ok(names.some((n) => n.startsWith(phq9)), names.join(' | '));
    assert.ok(!names.some((n) => /Kontakta mig|Förnya recept|provtagning/i.test(n)), names.join(' | '));
    await picker.fill('phq');
    assert.equal(await page.getByRole('option').count(), 1);
    await picker.press('ArrowDown');
    assert.equal(await picker.getAttribute('aria-activedescendant'), 'template-option-0');
    await picker.press('Enter');
    assert.equal(await picker.inputValue(), phq9);
    assert.equal(await picker.getAttribute('aria-expanded'), 'false');

    // Visa formulär: the form as the citizen sees it, its follow-up question hidden, nothing to answer.
    await page.getByRole('button', { name: 'Visa formulär' }).click();
    await page.getByRole('heading', { level: 2, name: 'Förhandsgranskning' }).waitFor();
    await page.locator('#q-q1').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Visa formulär' }).getAttribute('aria-expanded'), 'true');
    assert.equal(await page.locator('#num-q1').textContent(), '1. ');
    assert.equal(await page.locator('#q-q10').isHidden(), true, 'the follow-up waits for an answer');
    assert.equal(await page.locator('#in-q1').isDisabled(), true);
    await checkAccessibility(page, 'send, preview');
    await screenshot(page, 'staff-30-send-preview-desktop');
    await page.getByRole('button', { name: 'Visa formulär' }).click();
    await page.locator('#preview').waitFor({ state: 'detached' });

    // The file: one number a line, in both written forms, with a malformed line 3 and Kim last.
    const file = textFile('mottagare.txt', [people.anna, dashed(people.erik), '1976-01-01-2391', people.sara, dashed(people.lova), people.kim]);
    await page.getByLabel('Importera från fil').setInputFiles(file);
    const report = page.locator('#recipient-report');
    await report.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'recipient-report', 'the report takes focus');
    assert.deepEqual(await report.locator('li').allTextContents(), [
      'Rad 3: 1976-01-01-2391 har fel format. Skriv ÅÅÅÅMMDDNNNN eller ÅÅÅÅMMDD-NNNN.',
      `Rad 6: ${people.kim} kan inte nås via personnummer: skapa en formulärlänk i stället.`,
    ]);
    assert.match(await report.textContent(), /4 mottagare lades till\./);
    assert.equal(await report.getByRole('link', { name: 'Skapa formulärlänkar' }).getAttribute('href'), '#/utskick/lankar');

    // Who can be notified: Anna and Sara by e-mail; Erik and Lova not, with the advice.
    const rows = page.locator('#recipients tbody tr');
    assert.equal(await rows.count(), 4);
    const table = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(0, 3).map((c) => c.textContent.trim())));
    assert.deepEqual(table, [
      [dashed(people.anna), 'Nej', 'E-post'],
      [dashed(people.erik), 'Nej', 'Ingen avisering'],
      [dashed(people.sara), 'Nej', 'E-post'],
      [dashed(people.lova), 'Nej', 'Ingen avisering'],
    ]);
    assert.match(await page.locator('#no-notice-advice').textContent(), /2 mottagare har ingen avisering med e-post eller sms/);
    await checkAccessibility(page, 'send, recipients');
    await screenshot(page, 'staff-31-send-recipients-desktop');

    // Typed by hand: the same person in the other written form is merged, and said so.
    await page.getByLabel('Personnummer').fill(dashed(people.anna));
    await page.getByRole('button', { name: 'Lägg till' }).click();
    await page.locator('#err-pnr').waitFor();
    assert.equal(await page.locator('#err-pnr').textContent(),
      `${dashed(people.anna)} finns redan i listan: numren är sammanslagna till en mottagare.`);
    assert.equal(await page.getByLabel('Personnummer').getAttribute('aria-invalid'), 'true');
    assert.equal(await rows.count(), 4);
    // Removing one, then adding it back.
    await page.getByRole('button', { name: `Ta bort ${dashed(people.lova)}` }).click();
    await page.waitForFunction(() => document.querySelectorAll('#recipients tbody tr').length === 3);
    await page.getByLabel('Personnummer').fill(people.lova);
    await page.getByRole('button', { name: 'Lägg till' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#recipients tbody tr').length === 4);
    assert.equal(await page.getByLabel('Personnummer').inputValue(), '');

    // The dates' defaults, the inbox message on with its default text, and a banner.
    assert.equal(await page.getByLabel('Besvaras senast').inputValue(), datesAhead(12));
    assert.equal(await page.getByLabel('Gallras efter').inputValue(), datesAhead(13));
    assert.equal(await page.getByRole('checkbox', { name: 'Skapa inkorgsmeddelande' }).isChecked(), true);
    const inboxText = page.getByRole('textbox', { name: 'Inkorgsmeddelande', exact: true });
    assert.match(await inboxText.inputValue(), /^Hej!\n\nDu har fått ett formulär att besvara\./);
    await page.getByRole('textbox', { name: 'Formulärmeddelande' }).fill('Inför ditt besök i maj.');

    // The question: Escape cancels and gives the focus back; Ja, skicka sends.
    const send = page.getByRole('button', { name: 'Skicka formulär' });
    await send.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.equal(await dialog.getByRole('heading').textContent(), `Vill du skicka ut formuläret "${phq9}" till 4 mottagare?`);
    assert.equal(await page.evaluate(() => Boolean(document.activeElement.closest('dialog'))), true, 'focus moves into the dialog');
    await checkAccessibility(page, 'send, confirmation');
    await screenshot(page, 'staff-32-send-confirm-desktop');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement.id), 'send');
    await send.click();
    const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/dispatches'));
    await dialog.getByRole('button', { name: 'Ja, skicka' }).click();
    assert.equal((await posted).status(), 201);
    await page.getByRole('heading', { level: 1, name: 'Formuläret är skickat' }).waitFor();
    assert.match(await page.locator('main').textContent(), /Formuläret "Hälsoformulär \(PHQ-9\)" har skickats till 4 mottagare\./);
    assert.match(await page.locator('main').textContent(), /2 mottagare har ingen avisering/);
    const toDispatch = page.getByRole('link', { name: 'Visa utskicket i Skickade utskick' });
    const dispatchHref = await toDispatch.getAttribute('href');
    assert.match(dispatchHref, /^#\/utskick\/skickade\/\d+$/);
    await checkAccessibility(page, 'send, receipt');
    await screenshot(page, 'staff-33-send-receipt-desktop');
    errors.assertNone();

    // Anna: the message in her inbox, read, and the form from it.
    const annasBrowser = await launchBrowser();
    try {
      const anna = await newPage(annasBrowser, 'desktop');
      const annaErrors = collectConsoleErrors(anna, { ignore: expectedErrors });
      await citizenLogin(anna, server, 'Anna Andersson');
      const inboxLink = anna.getByRole('link', { name: /^Inkorg/ });
      await anna.waitForFunction(() => document.querySelector('#inbox-link .badge')?.textContent === '1');
      assert.equal(await anna.getByRole('link', { name: 'Inkorg 1 oläst meddelande' }).count(), 1);
      await inboxLink.click();
      await anna.getByRole('heading', { level: 1, name: 'Inkorg' }).waitFor();
      const message = anna.locator('.messages li').first();
      assert.match(await message.locator('summary').textContent(), /Formulär att besvara\s*Oläst\s*Från Vårdcentralen Norr/);
      await look(anna, '50-inbox-unread');
      const read = anna.waitForResponse((r) => /\/api\/v1\/citizen\/inbox\/\d+\/read$/.test(r.url()));
      await message.locator('summary').click();
      assert.equal((await read).status(), 200);
      await anna.waitForFunction(() => !document.querySelector('#inbox-link .badge'));
      assert.equal(await message.locator('.badge-unread').count(), 0, 'read now');
      assert.match(await message.locator('.message-text').textContent(), /Du har fått ett formulär att besvara/);
      await checkAccessibility(anna, 'inbox, a message open');
      await screenshot(anna, '51-inbox-message-desktop');
      await message.getByRole('link', { name: 'Till formuläret' }).click();
      await anna.locator('#page-form').waitFor();
      assert.equal(await anna.locator('.banner').textContent(), 'Inför ditt besök i maj.');
      await answerPhq9(anna);
      annaErrors.assertNone();
    } finally {
      await annasBrowser.close();
    }

    // Skickade utskick: the dispatch, newest first, answered once; its page names each recipient.
    await pageLink(page, 'Skickade utskick').click();
    await page.getByRole('heading', { level: 1, name: 'Skickade utskick' }).waitFor();
    const first = page.locator('#dispatches tbody tr').first();
    const cells = await first.locator('td, th').allTextContents();
    assert.equal(cells[1], phq9);
    assert.deepEqual(cells.slice(2), ['Personnummer', 'sjukskoterska', '4', '4', cells[6], '0', '1', '1'], cells.join(' | '));
    await checkAccessibility(page, 'sent dispatches');
    await screenshot(page, 'staff-34-sent-desktop');
    await first.getByRole('link', { name: phq9 }).click();
    await page.waitForURL((u) => u.hash === dispatchHref);
    await page.getByRole('heading', { level: 1, name: `Utskick: ${phq9}` }).waitFor();
    const who = async (name) => (await page.locator('#dispatch-recipients tbody tr', { hasText: name }).locator('td, th').allTextContents());
    const annaRow = await who('Anna Andersson');
    assert.deepEqual([annaRow[1], annaRow[2], annaRow[3]], [dashed(people.anna), 'Inskickat', 'Ja']);
    assert.notEqual(annaRow[4], 'Nej', 'opened');
    assert.notEqual(annaRow[5], 'Nej', 'answered');
    assert.match(annaRow[6], /^E-post: (skickad|väntar)$/);
    const erikRow = await who('Erik Svensson');
    assert.deepEqual([erikRow[2], erikRow[4], erikRow[5], erikRow[6]], ['Pågående', 'Nej', 'Nej', 'Ingen avisering']);
    assert.equal(await page.getByRole('button', { name: /^Skriv ut brev/ }).count(), 2, 'Erik and Lova, not Anna or Sara');
    await checkAccessibility(page, 'a dispatch');
    await screenshot(page, 'staff-35-dispatch-desktop');

    // A letter that the server cannot make, and one it has no form for: each said in Swedish.
    const letterButton = page.getByRole('button', { name: 'Skriv ut brev till Erik Svensson' });
    for (const [status, code, text] of [[500, 'server.letter', 'Brevet kunde inte skapas. Försök igen om en stund.'],
                                        [404, 'not_found', 'Brevet kunde inte skapas: formuläret finns inte längre i utskicket.']]) {
      await page.route('**/api/v1/dispatches/*/letters/*', (route) => route.fulfill({
        status, contentType: 'application/json', body: JSON.stringify({ error: { code, message: 'English for developers.' } }),
      }));
      await letterButton.click();
      await page.locator('#letter-status .notice-error', { hasText: text }).waitFor();
      await page.unroute('**/api/v1/dispatches/*/letters/*');
    }
    errors.clear();  // the two refusals above, as the browser logs them

    // Erik's letter: a PDF downloaded through the page, with the code Erik then types.
    const download = page.waitForEvent('download');
    await letterButton.click();
    const pdf = await download;
    assert.match(pdf.suggestedFilename(), /^brev-\d+\.pdf$/);
    const pdfFile = await pdf.path();
    assert.equal(readFileSync(pdfFile).subarray(0, 5).toString(), '%PDF-');
    await page.locator('#letter-status', { hasText: 'Brevet till Erik Svensson är nedladdat' }).waitFor();
    await screenshot(page, 'staff-36-dispatch-letter-desktop');
    const code = letterCode(pdfFile);
    errors.assertNone();

    const eriksBrowser = await launchBrowser();
    try {
      const erik = await newPage(eriksBrowser, 'desktop');
      const erikErrors = collectConsoleErrors(erik, { ignore: [...expectedErrors, /status of 404/] });
      await citizenLogin(erik, server, 'Erik Svensson');
      await erik.getByRole('link', { name: 'Har du fått ett brev med en kod?' }).click();
      await erik.getByRole('heading', { level: 1, name: 'Kod från brev' }).waitFor();
      await look(erik, '52-code');
      // A wrong code first: the summary takes focus and names the field's problem.
      await erik.getByLabel('Kod', { exact: true }).fill('AAAA-BBBB-CCCC');
      await erik.getByRole('button', { name: 'Öppna formuläret' }).click();
      await erik.locator('#error-summary a').waitFor();
      assert.equal(await erik.evaluate(() => document.activeElement.id), 'error-summary');
      assert.match(await erik.locator('#code-error').textContent(), /^Koden finns inte\./);
      assert.equal(await erik.getByLabel('Kod', { exact: true }).getAttribute('aria-invalid'), 'true');
      await checkAccessibility(erik, 'code, wrong');
      await screenshot(erik, '53-code-wrong-desktop');
      await erik.getByLabel('Kod', { exact: true }).fill(code.toLowerCase());
      await erik.getByRole('button', { name: 'Öppna formuläret' }).click();
      await erik.locator('#page-form').waitFor();
      assert.match(new URL(erik.url()).hash, /^#\/form\/\d+$/);
      erikErrors.assertNone();
    } finally {
      await eriksBrowser.close();
    }
    await page.close();
  });
});
