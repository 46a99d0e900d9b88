// Every page of the staff app drawn at desktop and phone width, axe-clean, with a screenshot each:
// login (and its error summary), the unit picker, the start page, Skicka formulär in its states (the
// picker's list, the preview, recipients with refusals, the error summary, the confirmation), Skapa
// formulärlänkar and its links, Skickade utskick and a dispatch, Uppföljning, Design, Administrera,
// "Du har inte behörighet", an unknown address; the guards; the language switch; the citizen's Inkorg
// and code pages.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { people } from '../api/server.mjs';
import { checkAccessibility, collectConsoleErrors, newPage, screenshot } from './harness.mjs';
import { login as citizenLogin, serverAndBrowser } from './citizen_steps.mjs';
import { expectedErrors, lookHere, menuLink, pageLink, staffLogin, textFile } from './staff_steps.mjs';

let server;
let browser;
serverAndBrowser((s, b) => { server = s; browser = b; });

const h1 = (page, name) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

describe('the staff app\'s pages', () => {
  for (const size of ['desktop', 'phone']) {
    test(`every page at ${size} width`, async () => {
      const page = await newPage(browser, size);
      const errors = collectConsoleErrors(page, { ignore: expectedErrors });
      const shot = (name) => lookHere(page, `staff-${name}`, size);

      // Login, with its problems first (in Swedish, whatever an earlier test chose).
      await page.context().clearCookies();
      await page.goto(server.url('/personal/'));
      await page.evaluate(() => localStorage.removeItem('blankett.lang'));
      await page.reload();
      await h1(page, 'Logga in som vårdpersonal');
      await shot('01-login');
      await page.getByLabel('Användarnamn').fill('admin');
      await page.getByLabel('Lösenord').fill('not the password');
      await page.getByRole('button', { name: 'Logga in', exact: true }).click();
      await page.locator('#error-summary a', { hasText: 'Fel användarnamn eller lösenord.' }).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement.id), 'error-summary');
      await shot('02-login-failed');

      // admin: every role at Vårdcentralen Norr, admin at Hälsocentralen Syd; the unit picker.
      await page.getByLabel('Lösenord').fill(server.passwords.admin);
      await page.getByRole('button', { name: 'Logga in', exact: true }).click();
      await h1(page, 'Start');
      assert.deepEqual(await page.getByRole('navigation', { name: 'Meny' }).getByRole('link').allTextContents(),
        ['Utskick', 'Uppföljning', 'Design', 'Administrera']);
      await shot('03-start');
      await page.getByRole('link', { name: 'Byt enhet' }).first().click();
      await h1(page, 'Välj enhet');
      await shot('04-unit');
      await page.getByRole('radio', { name: /Hälsocentralen Syd/ }).check();
      await page.getByRole('button', { name: 'Välj enhet' }).click();
      await h1(page, 'Start');
      assert.equal(await page.locator('#unit-name').textContent(), 'Hälsocentralen Syd');
      assert.deepEqual(await page.getByRole('navigation', { name: 'Meny' }).getByRole('link').allTextContents(), ['Administrera']);
      // A page of a role the admin lacks at this unit.
      await page.goto(server.url('/personal/#/utskick/skickade'));
      await h1(page, 'Du har inte behörighet');
      assert.match(await page.locator('main').textContent(), /Din behörighet på enheten: Administrera\./);
      await shot('05-forbidden');
      await page.getByRole('link', { name: 'Byt enhet' }).last().click();
      await h1(page, 'Välj enhet');
      await page.getByRole('radio', { name: /Vårdcentralen Norr/ }).check();
      await page.getByRole('button', { name: 'Välj enhet' }).click();
      await h1(page, 'Start');

      // Skicka formulär: empty, the picker's list, the error summary.
      await menuLink(page, 'Utskick').click();
      await h1(page, 'Skicka formulär');
      await shot('06-send');
      await page.getByRole('combobox', { name: 'Formulärmall' }).click();
      await page.getByRole('listbox').waitFor();
      await shot('07-send-picker');
      await page.getByRole('combobox', { name: 'Formulärmall' }).press('Escape');
      await page.getByRole('button', { name: 'Skicka formulär' }).click();
      await page.locator('#error-summary a').first().waitFor();
      assert.deepEqual(await page.locator('#error-summary li').allTextContents(), ['Välj en formulärmall.', 'Lägg till minst en mottagare.']);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'error-summary');
      await shot('08-send-problems');
      await page.locator('#error-summary a').first().click();
      assert.equal(await page.evaluate(() => document.activeElement.id), 'template-input');

      // The preview, recipients from a file with every kind of refusal, the question.
      await page.getByRole('combobox', { name: 'Formulärmall' }).fill('GAD');
      await page.getByRole('option', { name: /GAD-7/ }).click();
      await page.getByRole('button', { name: 'Visa formulär' }).click();
      await page.locator('#preview .question').first().waitFor();
      await shot('09-send-preview');
      const file = textFile('lista.txt', [`${people.anna}, ${people.erik}`, '19760102-2383', people.kim, people.anna, '20991231-0019', 'hej']);
      await page.getByLabel('Importera från fil').setInputFiles(file);
      await page.locator('#recipient-report').waitFor();
      assert.deepEqual(await page.locator('#recipient-report li').allTextContents(), [
        'Rad 2: 19760102-2383: kontrollsiffran stämmer inte. Kontrollera numret.',
        `Rad 3: ${people.kim} kan inte nås via personnummer: skapa en formulärlänk i stället.`,
        `Rad 4: ${people.anna} finns redan i listan: numren är sammanslagna till en mottagare.`,
        'Rad 5: 20991231-0019: födelsedatumet har inte kommit än.',
        'Rad 6: hej har fel format. Skriv ÅÅÅÅMMDDNNNN eller ÅÅÅÅMMDD-NNNN.',
      ]);
      await page.getByRole('checkbox', { name: 'Skapa inkorgsmeddelande' }).uncheck();
      await page.locator('.details .notice', { hasText: 'Utan inkorgsmeddelande' }).waitFor();
      await shot('10-send-recipients');
      await page.getByRole('button', { name: 'Skicka formulär' }).click();
      await page.getByRole('dialog').waitFor();
      await shot('11-send-confirm');
      await page.getByRole('dialog').getByRole('button', { name: 'Avbryt' }).click();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });

      // The language: the page is drawn again in English, the draft kept.
      await page.getByRole('button', { name: 'In English' }).click();
      await h1(page, 'Send a form');
      assert.equal(await page.locator('#recipients tbody tr').count(), 2);
      assert.match(await page.getByRole('combobox', { name: 'Form template' }).inputValue(), /\(GAD-7\)$/);
      await shot('12-send-english');
      await page.getByRole('button', { name: 'På svenska' }).click();
      await h1(page, 'Skicka formulär');

      // Skapa formulärlänkar and its links.
      await pageLink(page, 'Skapa formulärlänkar').click();
      await h1(page, 'Skapa formulärlänkar');
      await shot('13-links');
      await page.getByRole('combobox', { name: 'Formulärmall' }).fill('AUDIT');
      await page.getByRole('option', { name: /\(AUDIT\)/ }).click();
      await page.getByLabel('Antal länkar').fill('3');
      await page.getByRole('button', { name: 'Skapa formulärlänkar' }).click();
      await h1(page, 'Formulärlänkarna är skapade');
      assert.equal(await page.locator('#links li').count(), 3);
      await shot('14-links-made');

      // Skickade utskick and a dispatch; Uppföljning; Design; Administrera.
      await pageLink(page, 'Skickade utskick').click();
      await h1(page, 'Skickade utskick');
      await shot('15-sent');
      await page.locator('#dispatches tbody a').first().click();
      await page.getByRole('heading', { level: 1, name: /^Utskick: / }).waitFor();
      await shot('16-dispatch');
      await menuLink(page, 'Uppföljning').click();
      await h1(page, 'Uppföljning');
      assert.ok(await page.locator('table.list tbody tr').count() >= 5, 'the demo\'s forms are listed');
      await shot('17-followup');
      // Design and Administrera are other pages' work: here only that the menu reaches them.
      for (const [name, address, label] of [['Design', '#/design', '18-design'], ['Administrera', '#/administrera', '19-admin']]) {
        await menuLink(page, name).click();
        await page.waitForURL((u) => u.hash === address);
        await page.locator('main h1').first().waitFor();
        assert.equal(await menuLink(page, name).getAttribute('aria-current'), 'page');
        await shot(label);
      }
      await page.goto(server.url('/personal/#/ingen/sida'));
      await h1(page, 'Sidan finns inte');
      await shot('20-not-found');

      // Logout: the guards send every page to the login, and the page comes after it.
      await page.getByRole('button', { name: 'Logga ut' }).click();
      await h1(page, 'Logga in som vårdpersonal');
      await page.goto(server.url('/personal/#/uppfoljning'));
      await h1(page, 'Logga in som vårdpersonal');
      errors.assertNone();
      await page.close();
    });
  }

  test('a designer reaches Design only; the sending pages say "Du har inte behörighet"', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await staffLogin(page, server, 'designer');
    assert.deepEqual(await page.getByRole('navigation', { name: 'Meny' }).getByRole('link').allTextContents(), ['Design']);
    assert.equal(await page.getByRole('link', { name: 'Byt enhet' }).count(), 0, 'one unit: nothing to switch');
    for (const address of ['#/utskick', '#/utskick/lankar', '#/utskick/skickade/1', '#/uppfoljning', '#/administrera']) {
      await page.goto(server.url(`/personal/${address}`));
      await h1(page, 'Du har inte behörighet');
    }
    await checkAccessibility(page, 'forbidden, designer');
    errors.assertNone();
    await page.close();
  });
});

describe('the citizen\'s Inkorg and code pages', () => {
  for (const size of ['desktop', 'phone']) {
    test(`at ${size} width, empty and with refusals`, async () => {
      const page = await newPage(browser, size);
      const errors = collectConsoleErrors(page, { ignore: [...expectedErrors, /status of 4(04|09|10|29)/] });
      await citizenLogin(page, server, 'Sara Lind');
      await page.getByRole('link', { name: /^Inkorg/ }).click();
      await h1(page, 'Inkorg');
      await lookHere(page, '54-inbox-empty', size);
      await page.goto(server.url('/#/kod'));
      await h1(page, 'Kod från brev');
      await page.getByRole('button', { name: 'Öppna formuläret' }).click();
      await page.locator('#code-error', { hasText: 'Skriv koden från brevet.' }).waitFor();
      await lookHere(page, '55-code-missing', size);
      // The server's refusals, answered here by the test: each its own text, never the server's message.
      const texts = {
        'link.used': [409, /^Formuläret som koden hör till har redan öppnats av någon annan\./],
        'link.expired': [410, /^Sista dagen att svara på formuläret har passerat, så koden går inte längre att använda\./],
        'auth.throttled': [429, /^Du har skrivit fel kod för många gånger\./],
        'link.unknown': [404, /^Koden finns inte\./],
      };
      for (const [code, [status, text]] of Object.entries(texts)) {
        await page.route('**/api/v1/citizen/links', (route) => route.fulfill({
          status, contentType: 'application/json', body: JSON.stringify({ error: { code, message: 'English for developers.' } }),
        }));
        await page.getByLabel('Kod', { exact: true }).fill('K7QM-4XTP-9WRD');
        await page.getByRole('button', { name: 'Öppna formuläret' }).click();
        await page.locator('#code-error', { hasText: text }).waitFor();
        await page.unroute('**/api/v1/citizen/links');
      }
      errors.assertNone();
      await page.close();
    });
  }
});
