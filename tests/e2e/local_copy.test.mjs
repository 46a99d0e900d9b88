// What typed answers leave in the browser: the unsaved copy of a form lives in this tab's sessionStorage
// while the session lives (and comes back after a reload), and no `blankett.form.*` key is left in
// sessionStorage or localStorage after logging out, after the session ends elsewhere (the next call is
// a 401), or when the app starts without a session. Old versions of the app wrote copies to
// localStorage; the tests plant one to see it go too.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { people } from '../api/server.mjs';
import { checkAccessibility, collectConsoleErrors, newPage, screenshot } from './harness.mjs';
import { expectedErrors, login, radio, storedCopies, serverAndBrowser } from './citizen_steps.mjs';

let server;
let browser;
serverAndBrowser((s, b) => { server = s; browser = b; });

// A PHQ-9 of its own for each test (sent by the nurse), so that the tests do not depend on each other.
async function sendPhq9(personnummer) {
  const nurse = await server.staff('sjukskoterska');
  const phq = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9');
  const sent = await nurse.post('/api/v1/dispatches', { template: phq.id, recipients: [personnummer] });
  assert.equal(sent.status, 201, sent.text);
  return sent.json.recipients[0].instance;
}

// A copy as an old version of the app left it in localStorage (another form, another day).
const plantOldCopy = (page) => page.evaluate(() => localStorage.setItem('blankett.form.999999',
  JSON.stringify({ revision: 0, answers: { q9: '3' }, pending: true })));

async function openForm(page, id) {
  await page.goto(server.url(`/#/form/${id}`));
  await page.locator('#page-form').waitFor();
}

const loginHeading = (page) => page.getByRole('heading', { level: 1, name: 'Logga in till dina formulär' });

describe('the unsaved copy of a form', () => {
  test('is kept in this tab while the session lives, and logging out removes every copy', async () => {
    const id = await sendPhq9(people.anna);
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await login(page, server, 'Anna Andersson');
    await plantOldCopy(page);
    await openForm(page, id);
    await radio(page, 'q9', 'Nästan varje dag').check();
    const copies = await storedCopies(page);
    assert.deepEqual(copies.session, [`blankett.form.${id}`], 'the change is kept in sessionStorage until saved');
    assert.ok(!copies.local.includes(`blankett.form.${id}`), 'nothing new is written to localStorage');

    // A reload in the same tab (the app starts again, the session lives): the answer is back, and the
    // old version's copy has moved out of localStorage into this tab.
    await page.reload();
    await page.locator('#page-form').waitFor();
    assert.equal(await radio(page, 'q9', 'Nästan varje dag').isChecked(), true);
    await page.getByText('Svar som du skrev tidigare men inte hann spara är återställda.').waitFor();
    assert.deepEqual(await storedCopies(page), { local: [], session: [`blankett.form.${id}`, 'blankett.form.999999'].sort() });

    // Another tab of the same browser does not see it (and closing this one would drop it).
    const tab = await newPage(browser, 'desktop');
    await openForm(tab, id);
    assert.equal(await radio(tab, 'q9', 'Nästan varje dag').isChecked(), false);
    assert.deepEqual((await storedCopies(tab)).session, []);
    await tab.close();

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await loginHeading(page).waitFor();
    assert.deepEqual(await storedCopies(page), { local: [], session: [] });
    errors.assertNone();
    await page.close();
  });

  test('is removed when the session has ended elsewhere and the next call is refused', async () => {
    const id = await sendPhq9(people.anna);
    const page = await newPage(browser, 'phone');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await login(page, server, 'Anna Andersson');
    await plantOldCopy(page);
    await openForm(page, id);
    await radio(page, 'q9', 'Flera dagar').check();
    assert.deepEqual((await storedCopies(page)).session, [`blankett.form.${id}`]);

    // The browser's session is logged out from outside it (as a logout elsewhere, or its end, would).
    const cookie = (await page.context().cookies()).find((c) => c.name === 'blankett_session');
    assert.ok(cookie, 'logged in');
    const elsewhere = server.client();
    elsewhere.cookie = `blankett_session=${cookie.value}`;
    assert.equal((await elsewhere.get('/api/v1/citizen/me')).status, 200);  // gives its CSRF token
    assert.equal((await elsewhere.post('/api/v1/citizen/logout')).status, 200);

    const refused = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(`/citizen/forms/${id}/pages/`));
    await page.getByRole('button', { name: 'Pausa och spara' }).click();
    assert.equal((await refused).status(), 401);
    await loginHeading(page).waitFor();
    await page.getByText('Du är utloggad.', { exact: false }).waitFor();
    assert.deepEqual(await storedCopies(page), { local: [], session: [] });
    await checkAccessibility(page, 'session ended, phone');
    await screenshot(page, '20-session-ended-phone');
    errors.assertNone();
    await page.close();
  });

  test('is removed when the app starts without a session', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await page.context().clearCookies();
    await page.goto(server.url('/#/login'));
    await loginHeading(page).waitFor();
    await plantOldCopy(page);
    await page.evaluate(() => sessionStorage.setItem('blankett.form.999998', JSON.stringify({ revision: 0, answers: {}, pending: true })));
    await page.reload();
    await loginHeading(page).waitFor();
    assert.deepEqual(await storedCopies(page), { local: [], session: [] });
    errors.assertNone();
    await page.close();
  });
});
