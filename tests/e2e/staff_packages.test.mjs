// Paketutskick end to end, on a server whose clock the test moves (--test-clock on): a designer creates a
// package template and archives and restores it; a start is refused because GAD-7 has been archived,
// in red and naming the form; a sender starts the demo's "Inför besök" (PHQ-9 and GAD-7, weekly, three
// occasions) for three demo citizens from a .txt file, after the warning about 21:00; the clock moves to
// the first occasion and each citizen finds the package's title above its two forms; the sender removes
// two recipients (the last one has no trash, the page says to stop instead), stops and restarts the
// package; the clock moves to the second occasion and only the one left gets its two forms. Every new
// page through axe-core and into build/screenshots/ at desktop and phone width.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { people } from '../api/server.mjs';
import { checkAccessibility, collectConsoleErrors, launchBrowser, newPage, screenshot } from './harness.mjs';
import { login as citizenLogin, look as citizenLook, serverAndBrowser } from './citizen_steps.mjs';
import { look, press } from './design_admin_steps.mjs';
import { pageLink, staffLogin, textFile } from './staff_steps.mjs';
import { answerDialog, nextWeekday, packageGroups, plusDays, sendOccasion } from './staff_packages_steps.mjs';

let server;
let browser;
serverAndBrowser((s, b) => { server = s; browser = b; }, { rate: 100000, 'test-clock': 'on' });

// The citizens log in in a browser of their own (one browser holds one session).
let citizens;
before(async () => { citizens = await launchBrowser(); });
after(async () => { await citizens?.close(); });

// Before login the apps ask who is logged in (401); the refused start is a 409 the page explains.
const expectedErrors = [/status of 401/, /status of 409/];
const h1 = (page, name) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
const longDate = (date) => new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric' })
  .format(new Date(`${date}T12:00:00`));

const phq9 = 'Hälsoformulär (PHQ-9)';
const gad7 = 'Frågeformulär om generaliserad ångest (GAD-7)';
const dashed = (pnr) => `${pnr.slice(0, 8)}-${pnr.slice(8)}`;

// What the tests learn on the way: the demo's package template (as the server lists it) and the package.
const known = {};

async function demoTemplate() {
  const nurse = await server.staff('sjukskoterska');
  const r = await nurse.get('/api/v1/package-templates');
  assert.equal(r.status, 200, r.text);
  const tpl = r.json.package_templates.find((x) => x.name === 'Inför besök');
  assert.ok(tpl, 'the demo has the package template Inför besök');
  return tpl;
}

// GAD-7's published version archived, or published again (as an administrator of its unit).
async function gad7State(state) {
  const admin = await server.staff('admin', 'VCN');
  const x = (await admin.get('/api/v1/templates')).json.templates.find((y) => y.form_id === 'gad-7');
  const version = x.published_version ?? x.latest_version;
  const r = await admin.put(`/api/v1/templates/${x.id}/versions/${version}`, { state });
  assert.equal(r.status, 200, r.text);
}

describe('Paketutskick', () => {
  test('a designer creates a package template, archives it and restores it', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await staffLogin(page, server, 'designer');
    await page.getByRole('navigation', { name: 'Meny' }).getByRole('link', { name: 'Design' }).click();
    await h1(page, 'Formulärmallar');
    await page.getByRole('navigation', { name: 'Design' }).getByRole('link', { name: 'Paketmallar' }).click();
    await h1(page, 'Paketmallar');
    const demo = page.locator('#package-templates tbody tr', { hasText: 'Inför besök' });
    assert.match(await demo.textContent(), /3 tillfällen, varje vecka, förvalt måndag kl\. 09:00/);
    assert.match(await demo.textContent(), /Aktiv/);
    await look(page, 'staff-packages-01-templates');

    // A new one: its problems first, then filled in.
    await page.getByRole('link', { name: 'Ny paketmall' }).click();
    await h1(page, 'Ny paketmall');
    await page.getByRole('button', { name: 'Skapa paketmall' }).click();
    await page.locator('#error-summary a').first().waitFor();
    assert.deepEqual(await page.locator('#error-summary li').allTextContents(),
      ['Skriv paketmallens namn.', 'Skriv titeln som visas för invånaren.', 'Lägg till minst ett formulär.']);
    await look(page, 'staff-packages-02-template-new', {
      steps: async (phone) => {
        await press(phone.getByRole('button', { name: 'Skapa paketmall' }));
        await phone.locator('#error-summary a').first().waitFor();
      },
    });
    await page.getByLabel('Namn', { exact: true }).fill('Sömn och oro');
    await page.getByLabel('Titel som visas för invånaren').fill('Frågor om sömn och oro');
    const picker = page.getByRole('combobox', { name: 'Formulärmall' });
    for (const [typed, name] of [['sömn', /Sömnbesvär \(ISI\)/], ['GAD', /Frågeformulär om generaliserad ångest/]]) {
      await picker.fill(typed);
      await page.getByRole('option', { name }).click();
      await page.locator('#pt-forms tbody th', { hasText: name }).waitFor();
    }
    const order = () => page.locator('#pt-forms tbody th').allTextContents();
    assert.equal((await order()).length, 2);
    assert.match((await order())[0], /^Sömnbesvär \(ISI\)/);
    // GAD-7 first: moved up, and focus stays with it.
    await page.getByRole('button', { name: `Flytta upp ${gad7}` }).click();
    await page.waitForFunction((name) => document.querySelector('#pt-forms tbody th')?.textContent === name, gad7);
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Flytta ned');
    await page.getByLabel('Veckodag').selectOption({ label: 'Onsdag' });
    await page.getByLabel('Klockslag').fill('10:30');
    await page.getByLabel('Antal', { exact: true }).fill('2');
    await page.getByLabel('Enhet').selectOption({ label: 'veckor' });
    await page.getByLabel('Antal tillfällen').fill('4');
    await page.getByLabel('E-postavisering vid eventuella fel').fill('sömn@example.se');
    await checkAccessibility(page, 'package template, filled in');
    await screenshot(page, 'staff-packages-03-template-filled-desktop');
    await page.getByRole('button', { name: 'Skapa paketmall' }).click();
    await h1(page, 'Paketmallar');
    await page.getByText('Paketmallen "Sömn och oro" är skapad.').waitFor();
    const made = page.locator('#package-templates tbody tr', { hasText: 'Sömn och oro' });
    assert.match(await made.textContent(), /Frågor om sömn och oro/);
    assert.match(await made.textContent(), /4 tillfällen, med 2 veckors mellanrum, förvalt onsdag kl\. 10:30/);
    assert.match(await made.textContent(), new RegExp(`${gad7.replace(/[()]/g, '\\$&')}\\s*Sömnbesvär`));

    // Its page: archived (confirmed), then restored.
    await made.getByRole('link', { name: 'Sömn och oro' }).click();
    await h1(page, 'Sömn och oro');
    assert.equal(await page.getByLabel('Klockslag').inputValue(), '10:30');
    assert.equal(await page.getByLabel('Veckodag').inputValue(), '3');
    await look(page, 'staff-packages-04-template');
    await page.getByRole('button', { name: 'Arkivera paketmall' }).click();
    await answerDialog(page, 'Arkivera paketmallen "Sömn och oro"?', 'Arkivera paketmall');
    await page.locator('#pt-message', { hasText: 'Paketmallen är arkiverad.' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'pt-message');
    await page.getByRole('button', { name: 'Återställ paketmall' }).click();
    await answerDialog(page, 'Återställa paketmallen "Sömn och oro"?', 'Återställ paketmall');
    await page.locator('#pt-message', { hasText: 'Paketmallen är återställd' }).waitFor();
    const listed = (await (await server.staff('designer')).get('/api/v1/package-templates')).json.package_templates;
    assert.equal(listed.find((x) => x.name === 'Sömn och oro').archived, false);
    errors.assertNone();
    await page.close();
  });

  test('a start is refused in red, naming the form, when GAD-7 has been archived', async () => {
    known.template = await demoTemplate();
    const gadForm = known.template.forms.find((f) => f.form_id === 'gad-7').template;
    await gad7State('archived');
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    try {
      await staffLogin(page, server, 'sjukskoterska');
      await page.getByRole('navigation', { name: 'Meny' }).getByRole('link', { name: 'Utskick' }).click();
      await h1(page, 'Skicka formulär');
      await pageLink(page, 'Starta paketutskick').click();
      await h1(page, 'Starta paketutskick');
      await page.getByRole('combobox', { name: 'Paketutskick' }).selectOption({ label: 'Inför besök' });
      await page.getByRole('group', { name: 'Ingående formulär' }).waitFor();
      const gad = page.getByRole('checkbox', { name: gad7 });
      assert.equal(await gad.isChecked(), true);
      assert.match(await page.locator(`#form-${gadForm}-hint`).textContent(), /^Kan inte skickas nu/);

      // An occasion removed with its trash can: two are left.
      const rows = page.locator('#occasions tbody tr');
      assert.equal(await rows.count(), 3);
      const third = await page.locator('#occasions tbody tr').nth(2).locator('input[type="date"]').inputValue();
      await page.getByRole('button', { name: `Ta bort tillfälle 3, ${longDate(third)} kl. 09:00` }).click();
      await page.waitForFunction(() => document.querySelectorAll('#occasions tbody tr').length === 2);
      assert.equal(await page.getByRole('table', { name: 'Utskickstillfällen: 2' }).count(), 1);

      await page.getByLabel('Personnummer').fill(people.anna);
      await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
      await page.locator('#recipients tbody tr').first().waitFor();
      await page.getByRole('button', { name: 'Starta paketutskick' }).click();
      const refused = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/packages'));
      await answerDialog(page, 'Vill du starta paketutskicket "Inför besök" för 1 mottagare?', 'Ja, starta');
      const answer = await refused;
      assert.equal(answer.status(), 409);
      assert.equal((await answer.json()).error.code, 'package.form_unavailable');
      const summary = page.locator('#error-summary');
      await summary.locator('a').waitFor();
      assert.equal(await page.evaluate(() => document.activeElement.id), 'error-summary');
      const text = await summary.locator('li').textContent();
      assert.match(text, /^Detta startade paket innehåller formulärmallar som har arkiverats eller gemensamma mallar som saknar prenumeration/);
      assert.ok(text.includes(gad7), text);
      // Red, beside the form it names.
      const beside = page.locator(`#err-form-${gadForm}`);
      assert.ok((await beside.textContent()).includes(gad7));
      assert.equal(await beside.evaluate((e) => getComputedStyle(e).color), 'rgb(176, 0, 32)');
      assert.equal(await gad.getAttribute('aria-invalid'), 'true');
      await checkAccessibility(page, 'package start, refused');
      await screenshot(page, 'staff-packages-05-start-refused-desktop');
      errors.assertNone();
      await page.close();
    } finally {
      await gad7State('published');
    }
  });

  test('a sender starts Inför besök for three demo citizens: the defaults, the warning about 21:00, the file, the receipt', async () => {
    const tpl = known.template;
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await staffLogin(page, server, 'sjukskoterska');
    await page.goto(server.url('/personal/#/utskick/paket'));
    await h1(page, 'Starta paketutskick');
    assert.equal(await pageLink(page, 'Starta paketutskick').getAttribute('aria-current'), 'page');
    await look(page, 'staff-packages-10-start');

    // The template's defaults: the next Monday at 09:00, three weekly occasions, both forms.
    await page.getByRole('combobox', { name: 'Paketutskick' }).selectOption({ label: 'Inför besök' });
    const start = page.getByLabel('Startdatum');
    await start.waitFor();
    const monday = await nextWeekday(page, 1);
    assert.equal(await start.inputValue(), monday);
    const time = page.getByLabel('Klockslag', { exact: true });
    assert.equal(await time.inputValue(), tpl.time ?? '09:00');
    assert.equal(await page.getByLabel('Titel som visas för invånaren').inputValue(), tpl.title);
    assert.equal(await page.getByLabel('E-postavisering vid eventuella fel').inputValue(), tpl.error_email ?? '');
    assert.equal(await page.getByRole('textbox', { name: 'Inkorgsmeddelande' }).inputValue(), tpl.inbox_message);
    const dates = () => page.locator('#occasions tbody input[type="date"]').evaluateAll((list) => list.map((i) => i.value));
    const times = () => page.locator('#occasions tbody input[type="time"]').evaluateAll((list) => list.map((i) => i.value));
    assert.deepEqual(await dates(), [monday, plusDays(monday, 7), plusDays(monday, 14)]);
    const forms = page.getByRole('group', { name: 'Ingående formulär' });
    assert.equal(await forms.getByRole('checkbox', { checked: true }).count(), 2);
    assert.equal(await forms.getByRole('checkbox', { name: phq9 }).isChecked(), true);
    assert.equal(await forms.getByRole('checkbox', { name: gad7 }).isChecked(), true);

    // 21:00: the citizens would be woken late in the evening; every occasion moves with it.
    await time.fill('21:00');
    const warning = page.locator('#package-time-warning');
    await warning.waitFor();
    assert.match(await warning.textContent(), /^Klockslaget 21:00 är tidigt eller sent på dagen\. Mottagarna får en avisering/);
    assert.deepEqual(await times(), ['21:00', '21:00', '21:00']);
    assert.equal(await page.getByText('Tidigt eller sent på dagen', { exact: true }).count(), 3);
    assert.match(await time.getAttribute('aria-describedby'), /package-time-warning/);
    await look(page, 'staff-packages-11-start-warning', {
      steps: async (phone) => {
        await phone.getByRole('combobox', { name: 'Paketutskick' }).selectOption({ label: 'Inför besök' });
        await phone.getByLabel('Klockslag', { exact: true }).fill('21:00');
        await phone.locator('#package-time-warning').waitFor();
      },
    });
    await time.fill('09:00');
    await warning.waitFor({ state: 'detached' });
    assert.deepEqual(await times(), ['09:00', '09:00', '09:00']);

    // The recipients from a file, checked by the server as in Skicka formulär.
    const file = textFile('paket.txt', [people.anna, dashed(people.erik), people.sara]);
    await page.getByRole('region', { name: 'Mottagare' }).getByLabel('Importera från fil').setInputFiles(file);
    const report = page.locator('#recipient-report');
    await report.waitFor();
    assert.match(await report.textContent(), /3 mottagare lades till\./);
    assert.equal(await page.locator('#recipients tbody tr').count(), 3);
    await checkAccessibility(page, 'package start, filled in');
    await screenshot(page, 'staff-packages-12-start-filled-desktop');

    // The question, then the receipt.
    await page.getByRole('button', { name: 'Starta paketutskick' }).click();
    const question = 'Vill du starta paketutskicket "Inför besök" för 3 mottagare?';
    const dialog = page.getByRole('dialog', { name: question });
    await dialog.waitFor();
    assert.match(await dialog.textContent(), new RegExp(`3 tillfällen, det första ${longDate(monday)} kl\\. 09:00`));
    await checkAccessibility(page, 'package start, confirmation');
    await screenshot(page, 'staff-packages-13-start-confirm-desktop');
    const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/packages'));
    await answerDialog(page, question, 'Ja, starta');
    const response = await posted;
    assert.equal(response.status(), 201);
    known.package = (await response.json()).package;
    await h1(page, 'Paketutskicket är startat');
    assert.match(await page.locator('main').textContent(), /Paketutskicket "Inför besök" är startat för 3 mottagare\./);
    assert.equal(await page.getByRole('link', { name: 'Visa paketutskicket' }).getAttribute('href'), `#/utskick/paket/pagaende/${known.package}`);
    assert.match(await page.locator('main').textContent(), new RegExp(`${longDate(plusDays(monday, 14))} kl\\. 09:00`));
    await checkAccessibility(page, 'package start, receipt');
    await screenshot(page, 'staff-packages-14-start-receipt-desktop');
    errors.assertNone();
    await page.close();
  });

  test('the first occasion arrives: each citizen sees the package\'s title above its two forms', async () => {
    await sendOccasion(server, known.package, 1);
    const page = await newPage(citizens, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    for (const name of ['Anna Andersson', 'Erik Svensson', 'Sara Lind']) {
      await citizenLogin(page, server, name);
      assert.deepEqual(await packageGroups(page, known.template.title), [[phq9, gad7]], name);
      assert.equal(await page.getByRole('heading', { level: 3, name: known.template.title }).count(), 1, name);
    }
    await citizenLogin(page, server, 'Anna Andersson');
    await citizenLook(page, 'staff-packages-20-citizen-forms');
    errors.assertNone();
    await page.close();
  });

  test('the sender removes two recipients (not the last), stops the package and restarts it', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await staffLogin(page, server, 'sjukskoterska');  // the clock moved past the last session's 8 hours
    await page.getByRole('navigation', { name: 'Meny' }).getByRole('link', { name: 'Utskick' }).click();
    await h1(page, 'Skicka formulär');
    await pageLink(page, 'Pågående paketutskick').click();
    await h1(page, 'Pågående paketutskick');
    const occasions = (await (await server.staff('sjukskoterska')).get(`/api/v1/packages/${known.package}`)).json.occasions;
    const row = page.locator('#packages tbody tr', { hasText: 'Inför besök' }).first();
    const cells = (await row.locator('th, td').allTextContents()).map((s) => s.trim());
    assert.deepEqual(cells.slice(0, 7), ['Inför besök', known.template.title, 'Pågående', `${longDate(occasions[1].date)} kl. 09:00`,
      '1 av 3', '3', 'Sanna Sjöström']);
    await look(page, 'staff-packages-30-running');

    await row.getByRole('link', { name: 'Inför besök' }).click();
    await h1(page, 'Paketutskick: Inför besök');
    const states = () => page.locator('#package-occasions tbody tr td:nth-child(4)').allTextContents();
    assert.deepEqual((await states()).map((s) => s.trim()), ['Skickat', 'Planerat', 'Planerat']);
    const people3 = await page.locator('#package-recipients tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(0, 4).map((c) => c.textContent.trim())));
    assert.deepEqual(people3.sort(), [
      ['Anna Andersson', dashed(people.anna), '2', '0'],
      ['Erik Svensson', dashed(people.erik), '2', '0'],
      ['Sara Lind', dashed(people.sara), '2', '0'],
    ]);
    await look(page, 'staff-packages-31-package');

    // Erik and then Sara removed, each confirmed; Anna, the last, has no trash can.
    for (const name of ['Erik Svensson', 'Sara Lind']) {
      await page.getByRole('button', { name: `Ta bort ${name}` }).click();
      await answerDialog(page, `Ta bort ${name} ur paketutskicket?`, 'Ta bort');
      await page.locator('#package-message', { hasText: `${name} är borttagen ur paketutskicket.` }).waitFor();
      assert.match(await page.locator('#package-recipients tbody tr', { hasText: name }).textContent(), /Borttagen/);
    }
    assert.equal(await page.getByRole('button', { name: /^Ta bort / }).count(), 0);
    assert.equal(await page.locator('#last-recipient').textContent(),
      'Det finns bara en mottagare kvar. Den sista mottagaren kan inte tas bort: stoppa paketutskicket i stället.');
    await look(page, 'staff-packages-32-package-last-recipient');

    // Stoppa (confirmed), then Återstarta: the next occasion has not passed.
    await page.getByRole('button', { name: 'Stoppa paketutskick' }).click();
    await answerDialog(page, 'Stoppa paketutskicket "Inför besök"?', 'Stoppa paketutskick');
    await page.locator('#package-message', { hasText: 'Paketutskicket är stoppat.' }).waitFor();
    assert.match(await page.locator('#package-facts').textContent(), /Stoppad/);
    assert.equal(await page.getByRole('button', { name: 'Stoppa paketutskick' }).count(), 0);
    await look(page, 'staff-packages-33-package-stopped');
    await page.getByRole('button', { name: 'Återstarta paketutskick' }).click();
    await page.locator('#package-message', { hasText: 'Paketutskicket är återstartat.' }).waitFor();
    assert.match(await page.locator('#package-facts').textContent(), /Pågående/);
    assert.equal(await page.getByRole('button', { name: 'Återstarta paketutskick' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Stoppa paketutskick' }).count(), 1);
    errors.assertNone();
    await page.close();
  });

  test('the second occasion arrives for the one recipient left', async () => {
    await sendOccasion(server, known.package, 2);
    const page = await newPage(citizens, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await citizenLogin(page, server, 'Anna Andersson');
    const both = [phq9, gad7];  // in the package's order
    assert.deepEqual(await packageGroups(page, known.template.title), [both, both]);
    await citizenLook(page, 'staff-packages-21-citizen-forms-second');
    for (const name of ['Erik Svensson', 'Sara Lind']) {
      await citizenLogin(page, server, name);
      assert.deepEqual(await packageGroups(page, known.template.title), [both], `${name} was removed before it`);
    }
    errors.assertNone();
    await page.close();

    // The sender's page: the second occasion sent, to Anna alone.
    const staffPage = await newPage(browser, 'desktop');
    await staffLogin(staffPage, server, 'sjukskoterska');
    await staffPage.goto(server.url(`/personal/#/utskick/paket/pagaende/${known.package}`));
    await h1(staffPage, 'Paketutskick: Inför besök');
    const states = await staffPage.locator('#package-occasions tbody tr td:nth-child(4)').allTextContents();
    assert.deepEqual(states.map((s) => s.trim()), ['Skickat', 'Skickat', 'Planerat']);
    const anna = await staffPage.locator('#package-recipients tbody tr', { hasText: 'Anna Andersson' }).locator('td').allTextContents();
    assert.equal(anna[1].trim(), '4', 'four forms sent to Anna');

    // The demo clock on the package's page (the server runs with --test-clock on): the third occasion
    // without leaving the browser.
    await look(staffPage, 'staff-packages-34-demo-clock');
    await staffPage.getByRole('button', { name: 'Flytta klockan till nästa tillfälle' }).click();
    // "... Tillfället skickas nu …" while the page follows the occasion, then the time alone: it was sent.
    await staffPage.locator('#demo-clock-note', { hasText: /^Klockan är flyttad till / }).filter({ hasNotText: /skickas nu/ }).waitFor();
    const after = await staffPage.locator('#package-occasions tbody tr td:nth-child(4)').allTextContents();
    assert.deepEqual(after.map((s) => s.trim()), ['Skickat', 'Skickat', 'Skickat']);
    assert.match(await staffPage.locator('#package-facts').textContent(), /Klar/);
    assert.equal(await staffPage.getByRole('button', { name: 'Flytta klockan till nästa tillfälle' }).count(), 0, 'a finished package has no occasion to come');
    await look(staffPage, 'staff-packages-35-demo-clock-moved');
    await staffPage.close();
  });
});
