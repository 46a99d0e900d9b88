// Form links (/#/lank/<token>, for people with protected identity and others reached outside the inbox):
// opened before login the app asks for a login, keeps the token across it, claims the link and lands in
// the form; the owner may open it again; a link someone else has used, an unknown one and an expired one
// each give their own message in Swedish (and English) with a way to the forms page.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { collectConsoleErrors, launchBrowser, newPage } from './harness.mjs';
import { expectedErrors, login, look, serverAndBrowser } from './citizen_steps.mjs';

let server;
let browser;
serverAndBrowser((s, b) => { server = s; browser = b; });

// Refused claims are answered 404, 409 or 410, which Chromium logs as failed loads.
const ignore = [...expectedErrors, /status of 40[49]/, /status of 410/];

// The start of each message (the rest says whom to contact).
const texts = {
  loginFirst: 'Logga in för att öppna formuläret som du har fått en länk till.',
  unknown: 'Länken till formuläret fungerar inte.',
  used: 'Länken till formuläret har redan använts av någon annan.',
  expired: 'Sista dagen att svara på formuläret har passerat, så länken går inte längre att använda.',
  usedEn: 'The link to the form has already been used by someone else.',
  toForms: 'Gå till mina formulär',
};

// The sender makes one link to PHQ-9 (as a nurse does for someone with protected identity).
async function makeLink() {
  const nurse = await server.staff('sjukskoterska');
  const phq = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9');
  const r = await nurse.post('/api/v1/dispatches/links', { template: phq.id, count: 1 });
  assert.equal(r.status, 201, r.text);
  const [link] = r.json.links;
  assert.match(link.token, /^[0-9a-f]{64}$/);
  assert.equal(link.path, `/#/lank/${link.token}`);
  return link;
}

const claimed = (page) => page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/citizen/links'));
const hash = (page) => new URL(page.url()).hash;

// The message page: its heading, the message, and the link to the forms page.
async function assertMessage(page, text) {
  await page.getByRole('heading', { level: 1, name: 'Formulärlänk' }).waitFor();
  const shown = await page.locator('#link-message').textContent();
  assert.ok(shown.startsWith(text), shown);
  assert.equal(await page.getByRole('link', { name: texts.toForms }).getAttribute('href'), '#/forms');
}

describe('a form link', () => {
  test('opened before login asks for a login, then lands in the form; another citizen is told it is used', async () => {
    const link = await makeLink();
    const kimsBrowser = await launchBrowser();
    try {
      const page = await newPage(kimsBrowser, 'desktop');
      const errors = collectConsoleErrors(page, { ignore });
      await page.goto(server.url(link.path));
      await page.getByRole('heading', { level: 1, name: 'Logga in till dina formulär' }).waitFor();
      await page.getByText(texts.loginFirst).waitFor();
      assert.equal(hash(page), '#/login', 'the token is not left in the address');
      assert.equal(await page.evaluate(() => sessionStorage.getItem('blankett.link')), link.token);
      await look(page, '30-link-login', { address: server.url(link.path), ready: 'text=' + texts.loginFirst });

      const claim = claimed(page);
      await page.getByRole('button', { name: 'Logga in som Kim Berg' }).click();
      assert.equal((await claim).status(), 200);
      await page.locator('#page-form').waitFor();
      assert.equal(hash(page), `#/form/${link.instance}`);
      assert.equal(await page.evaluate(() => sessionStorage.getItem('blankett.link')), null, 'the token is dropped once used');
      await look(page, '31-link-form', { ready: '#page-form' });

      // Kim opens the link again: it is Kim's, so it opens the form.
      const again = claimed(page);
      await page.goto(server.url(link.path));
      assert.equal((await again).status(), 200);
      await page.waitForURL((u) => u.hash === `#/form/${link.instance}`);
      await page.locator('#page-form').waitFor();
      errors.assertNone();
    } finally {
      await kimsBrowser.close();
    }

    const eriksBrowser = await launchBrowser();
    try {
      const page = await newPage(eriksBrowser, 'desktop');
      const errors = collectConsoleErrors(page, { ignore });
      await page.goto(server.url(link.path));
      const claim = claimed(page);
      await page.getByRole('button', { name: 'Logga in som Erik Svensson' }).click();
      const response = await claim;
      assert.deepEqual([response.status(), (await response.json()).error.code], [409, 'link.used']);
      await assertMessage(page, texts.used);
      await look(page, '32-link-used-by-someone-else', { ready: '#link-message' });

      // An unknown token.
      const unknown = claimed(page);
      await page.goto(server.url(`/#/lank/${'0'.repeat(64)}`));
      const refusal = await unknown;
      assert.deepEqual([refusal.status(), (await refusal.json()).error.code], [404, 'link.unknown']);
      await assertMessage(page, texts.unknown);
      await look(page, '33-link-unknown', { ready: '#link-message' });
      await page.getByRole('link', { name: texts.toForms }).click();
      await page.getByRole('heading', { level: 1, name: 'Mina formulär' }).waitFor();
      errors.assertNone();
    } finally {
      await eriksBrowser.close();
    }
  });

  // The server's codes for used and expired links, answered here by the test: what the app shows for each.
  test('used and expired links each have their own message, in Swedish and English', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore });
    await login(page, server, 'Erik Svensson');
    const answer = (status, code) => browser.route('**/api/v1/citizen/links', (route) => route.fulfill({
      status, contentType: 'application/json', body: JSON.stringify({ error: { code, message: 'English for developers.' } }),
    }));
    const token = 'ab'.repeat(32);
    try {
      await answer(409, 'link.used');
      await page.goto(server.url(`/#/lank/${token}`));
      await assertMessage(page, texts.used);
      await look(page, '34-link-used', { ready: '#link-message' });
      await page.getByRole('button', { name: 'In English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Form link' }).waitFor();
      assert.ok((await page.locator('#link-message').textContent()).startsWith(texts.usedEn));
      assert.equal(await page.getByRole('link', { name: 'Go to my forms' }).getAttribute('href'), '#/forms');
      await page.getByRole('button', { name: 'På svenska' }).click();
      await page.getByRole('heading', { level: 1, name: 'Formulärlänk' }).waitFor();

      await browser.unroute('**/api/v1/citizen/links');
      await answer(410, 'link.expired');
      await page.goto(server.url(`/#/lank/${'cd'.repeat(32)}`));
      await assertMessage(page, texts.expired);
      await look(page, '35-link-expired', { ready: '#link-message' });

      // Not a token at all: the unknown-link message, without asking the server.
      await browser.unroute('**/api/v1/citizen/links');
      let asked = false;
      await browser.route('**/api/v1/citizen/links', (route) => { asked = true; return route.continue(); });
      await page.goto(server.url('/#/lank/not-a-token'));
      await assertMessage(page, texts.unknown);
      assert.equal(asked, false);
    } finally {
      await browser.unroute('**/api/v1/citizen/links');
    }
    errors.assertNone();
    await page.close();
  });
});
