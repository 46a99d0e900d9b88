// The citizen's forms in a real browser against the real server: log in, answer PHQ-9 with a follow-up
// question, pause, resume in a new browser, a missing answer caught with focus on the error summary,
// review, confirm, receipt; a guardian answering for a child; a refused login explained in Swedish; an
// unknown address; every sample form drawn in both languages without inline styles; axe-core on every
// page; screenshots at desktop and phone widths in build/screenshots/.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { people } from '../api/server.mjs';
import { checkAccessibility, collectConsoleErrors, launchBrowser, newPage, screenshot } from './harness.mjs';
import { expectedErrors as expected, login as loginAs, look, radio, serverAndBrowser } from './citizen_steps.mjs';

let server;
let browser;
const login = (page, name) => loginAs(page, server, name);
serverAndBrowser((s, b) => { server = s; browser = b; });

describe('answering PHQ-9 in the browser', () => {
  test('follow-up question, pause, resume elsewhere, a missing answer, review, confirm, receipt', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expected });
    // The app runs under the server's strict policy (a refusal would be a console error): its own
    // scripts and styles only, no inline ones, WebAssembly allowed to compile.
    const policy = (await page.goto(server.url('/'))).headers()['content-security-policy'];
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval';/);
    assert.match(policy, /style-src 'self';/);
    await page.getByRole('heading', { level: 1, name: 'Logga in till dina formulär' }).waitFor();
    await look(page, '01-login');
    await login(page, 'Anna Andersson');
    await look(page, '02-forms');
    assert.deepEqual(await page.locator('#ongoing + ul h3').allTextContents(),
      ['Inför provtagning', 'Hälsoenkät inför hälsosamtal', 'Hälsoformulär (PHQ-9)']);

    await page.getByRole('link', { name: 'Hälsoformulär (PHQ-9)' }).click();
    await page.locator('#page-form').waitFor();
    assert.match(await page.locator('.banner').textContent(), /Inför ditt besök/);
    const q10 = page.locator('#q-q10');
    assert.equal(await q10.isHidden(), true, 'no follow-up question before a symptom');
    await radio(page, 'q1', 'Flera dagar').check();
    await q10.waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.getElementById('announcer').textContent.startsWith('En följdfråga har visats'));
    assert.equal(await page.locator('#num-q10').textContent(), '10. ');
    await look(page, '03-phq9-follow-up');
    await page.getByRole('button', { name: 'Pausa och spara' }).click();
    await page.getByText('Dina svar är sparade.').waitFor();
    errors.assertNone();
    await page.close();

    // A new browser (nothing stored locally): the saved answer and the follow-up are back.
    const other = await launchBrowser();
    try {
      const page2 = await newPage(other, 'desktop');
      const errors2 = collectConsoleErrors(page2, { ignore: expected });
      await login(page2, 'Anna Andersson');
      await page2.getByRole('link', { name: 'Hälsoformulär (PHQ-9)' }).click();
      await page2.locator('#page-form').waitFor();
      assert.equal(await radio(page2, 'q1', 'Flera dagar').isChecked(), true);
      assert.equal(await page2.locator('#q-q10').isVisible(), true);

      // A missing answer: the error summary takes focus and links to the question.
      for (const q of ['q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8']) await radio(page2, q, 'Inte alls').check();
      await page2.getByRole('button', { name: 'Granska dina svar' }).click();
      const summary = page2.locator('#error-summary');
      await summary.waitFor({ state: 'visible' });
      assert.equal(await page2.evaluate(() => document.activeElement.id), 'error-summary');
      assert.deepEqual(await summary.locator('li').allTextContents(), [
        'Tankar på att det vore bättre om du vore död eller att du skulle skada dig på något sätt – Du behöver svara på frågan.',
      ]);
      assert.equal(await page2.locator('#in-q9').getAttribute('aria-invalid'), 'true');
      await look(page2, '04-phq9-missing-answers');
      await summary.locator('a').first().click();
      assert.equal(await page2.evaluate(() => document.activeElement.id), 'in-q9');

      await radio(page2, 'q9', 'Inte alls').check();
      await radio(page2, 'q10', 'Ganska svårt').check();
      assert.equal(await page2.locator('#q-q9 .field-error').textContent(), '', 'the message goes once answered');
      await page2.getByRole('button', { name: 'Granska dina svar' }).click();
      await page2.getByRole('button', { name: 'Bekräfta och skicka' }).waitFor();
      assert.equal(await page2.locator('dd').first().textContent(), 'Flera dagar');
      await look(page2, '05-phq9-review');
      await page2.getByRole('button', { name: 'Bekräfta och skicka' }).click();
      await page2.getByRole('heading', { level: 1, name: 'Tack! Dina svar är skickade' }).waitFor();
      await look(page2, '06-phq9-receipt');
      errors2.assertNone();
    } finally {
      await other.close();
    }

    // The server stored it: total 1 (q1 "Flera dagar"), and the citizen sees it as submitted.
    const nurse = await server.staff('sjukskoterska');
    const list = await nurse.get('/api/v1/answers?state=COMPLETED');
    const phq = list.json.answers.find((a) => a.name.includes('PHQ-9') && a.recipient?.name === 'Anna Andersson');
    assert.ok(phq, JSON.stringify(list.json.answers));
    const seen = await nurse.get(`/api/v1/answers/${phq.id}`);
    assert.equal(seen.json.result.scores.total.value, 1);
    assert.equal(seen.json.answers.q10, '1');
  });

  test('a form can be answered with the keyboard alone', async () => {
    const nurse = await server.staff('sjukskoterska');
    const phq = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9');
    const sent = await nurse.post('/api/v1/dispatches', { template: phq.id, recipients: [people.erik] });
    const id = sent.json.recipients[0].instance;
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expected });
    await login(page, 'Erik Svensson');
    await page.goto(server.url(`/#/form/${id}`));
    await page.locator('#page-form').waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
    let tabs = 0;
    while ((await focused()) !== 'in-q1' && tabs++ < 40) await page.keyboard.press('Tab');
    assert.equal(await focused(), 'in-q1', 'Tab reaches the first question');
    await page.keyboard.press('Space');
    assert.equal(await radio(page, 'q1', 'Inte alls').isChecked(), true);
    await page.keyboard.press('ArrowDown');  // the next alternative of the same question
    assert.equal(await radio(page, 'q1', 'Flera dagar').isChecked(), true);
    await page.locator('#q-q10').waitFor({ state: 'visible' });
    while ((await focused()) !== 'next' && tabs++ < 200) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('#error-summary').waitFor({ state: 'visible' });
    assert.equal(await focused(), 'error-summary');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');  // the first link of the summary
    assert.equal(await focused(), 'in-q2');
    errors.assertNone();
    await page.close();
  });

  test('a guardian answers WHO-5 for a child', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expected });
    await login(page, 'Sara Lind');
    await page.getByLabel('Du svarar för').selectOption({ label: 'Lova Lind' });
    await page.getByRole('button', { name: 'Byt' }).click();
    await page.getByRole('link', { name: 'WHO (Fem) Välbefinnandeindex (WHO-5)' }).waitFor();
    await look(page, '07-guardian-forms');
    await page.getByRole('link', { name: 'WHO (Fem) Välbefinnandeindex (WHO-5)' }).click();
    await page.locator('#page-form').waitFor();
    for (const q of ['q1', 'q2', 'q3', 'q4', 'q5']) await radio(page, q, 'Större delen av tiden').check();
    await page.getByRole('button', { name: 'Granska dina svar' }).click();
    await page.getByRole('button', { name: 'Bekräfta och skicka' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tack! Dina svar är skickade' }).waitFor();
    errors.assertNone();
    await page.close();
    const nurse = await server.staff('sjukskoterska');
    const list = await nurse.get('/api/v1/answers?state=COMPLETED');
    const who5 = list.json.answers.find((a) => a.recipient?.name === 'Lova Lind');
    assert.ok(who5, JSON.stringify(list.json.answers));
    const seen = await nurse.get(`/api/v1/answers/${who5.id}`);
    assert.equal(seen.json.recipient.name, 'Lova Lind');
    assert.equal(seen.json.answered_by, 'guardian');
    assert.equal(seen.json.proxy.name, 'Sara Lind');
    assert.equal(seen.json.result.scores.raw.value, 20);
  });
});

describe('what the citizen is told', () => {
  test('a refused login is explained in Swedish, not with the server\'s English message', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: [...expected, /status of 400/] });
    await page.context().clearCookies();
    await page.goto(server.url('/#/login'));
    await page.getByLabel('Personnummer').fill('19760102-2383');  // Anna's number with a wrong check digit
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/citizen/login'));
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    const response = await refused;
    assert.deepEqual([response.status(), (await response.json()).error.code], [400, 'auth.personnummer']);
    const box = page.locator('#login-error');
    await box.waitFor({ state: 'visible' });
    assert.equal(await box.textContent(), 'Inloggningen misslyckades. Personnumret är inte giltigt. Skriv det som ÅÅÅÅMMDD-XXXX.');
    await checkAccessibility(page, 'login refused');
    await screenshot(page, '08-login-refused-desktop');
    errors.assertNone();
    await page.close();
  });
});

describe('an address the app does not know', () => {
  test('says so in Swedish and English, with a way to the forms', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expected });
    await login(page, 'Erik Svensson');
    await page.goto(server.url('/#/ingen/sida'));
    await page.getByRole('heading', { level: 1, name: 'Sidan finns inte' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1', 'focus on the new page\'s heading');
    assert.equal(await page.title(), 'Sidan finns inte – Blankett');
    assert.equal(await page.getByRole('link', { name: 'Gå till mina formulär' }).getAttribute('href'), '#/forms');
    await look(page, '09-page-not-found');
    await page.getByRole('button', { name: 'In English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Go to my forms' }).getAttribute('href'), '#/forms');
    await page.getByRole('button', { name: 'På svenska' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sidan finns inte' }).waitFor();
    await page.getByRole('link', { name: 'Gå till mina formulär' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mina formulär' }).waitFor();
    errors.assertNone();
    await page.close();
  });
});

describe('every sample form in the browser', () => {
  test('each form opens in Swedish and English with every question drawn and no accessibility violation', async () => {
    const nurse = await server.staff('sjukskoterska');
    const templates = (await nurse.get('/api/v1/templates')).json.templates;
    const erik = await server.citizen(people.erik);
    const ids = [];
    for (const t of templates) {
      if (t.kind === 'case') {
        // A case form is started by the citizen.
        const r = await erik.post('/api/v1/citizen/forms', { template: t.id });
        assert.equal(r.status, 201, r.text);
        ids.push([t.form_id, r.json.id]);
        continue;
      }
      const r = await nurse.post('/api/v1/dispatches', { template: t.id, recipients: [people.erik] });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.recipients[0].status, 'sent', r.text);
      ids.push([t.form_id, r.json.recipients[0].instance]);
    }
    assert.equal(ids.length, templates.length);
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expected });
    await login(page, 'Erik Svensson');
    for (const [formId, id] of ids) {
      for (const lang of ['sv', 'en']) {
        await page.evaluate((l) => localStorage.setItem('blankett.lang', l), lang);
        await page.goto(server.url(`/#/form/${id}`));
        await page.reload();
        await page.locator('h1').first().waitFor();
        assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
        const questions = await page.locator('.question, .display').count();
        assert.ok(questions > 0, `${formId} (${lang}) shows no question`);
        assert.equal(await page.locator('[style]').count(), 0, `${formId} (${lang}): an inline style, which the policy refuses`);
        await checkAccessibility(page, `${formId} ${lang}`);
        if (lang === 'sv') await screenshot(page, `10-sample-${formId}`);
      }
    }
    await page.evaluate(() => localStorage.setItem('blankett.lang', 'sv'));
    errors.assertNone();
    await page.close();
  });
});
