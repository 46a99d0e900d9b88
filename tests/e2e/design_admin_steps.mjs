// Steps the Design and Administrera end-to-end tests share: one server and browser per file, the staff
// login through the app (with the unit picker when it asks), and a look at a page: axe-core, and
// screenshots at desktop and phone width.
import { after, before } from 'node:test';
import { checkAccessibility, launchBrowser, newPage, screenshot, startServer } from './harness.mjs';

export function serverAndBrowser(assign) {
  let server;
  let browser;
  before(async () => {
    server = await startServer({ rate: 100000 });
    browser = await launchBrowser();
    assign(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

// Before login the app asks who is logged in (401); refused uploads (422), lookups of unknown citizens
// (404) and refused versions (409) are answers the pages explain.
export const expectedErrors = [/status of 401/, /status of 404/, /status of 409/, /status of 422/];

// Logs out whoever was in and logs in as a demo staff member, in Swedish; unit: the unit to pick when
// the app asks.
export async function staffLogin(page, server, username, unit = 'Vårdcentralen Norr') {
  await page.context().clearCookies();
  await page.goto(server.url('/personal/#/login'));
  await page.evaluate(() => localStorage.removeItem('blankett.lang'));  // Swedish, whatever a test chose before
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Logga in som vårdpersonal' }).waitFor();
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill(server.passwords[username]);
  await page.getByRole('button', { name: 'Logga in' }).click();
  const landed = page.getByRole('heading', { level: 1, name: /^(Start|Välj enhet)$/ });
  await landed.waitFor();
  if ((await landed.textContent()) === 'Välj enhet') {
    await page.getByLabel(unit).check();
    await page.getByRole('button', { name: 'Välj enhet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Start' }).waitFor();
  }
}

// axe-core on the page as it is and its desktop screenshot; then the phone screenshot: of `address` (by
// default the page's own) opened in a phone-sized page of the same browser (the same session) once
// `ready` is there, or, for a state only steps reach, of what `steps(phonePage)` leaves.
export async function look(page, name, { address = page.url(), ready = 'h1', steps = null } = {}) {
  await checkAccessibility(page, name);
  await screenshot(page, `${name}-desktop`);
  const phone = await newPage(page.context(), 'phone');
  try {
    await phone.goto(address);
    await phone.locator(ready).first().waitFor();
    if (steps) await steps(phone);
    await checkAccessibility(phone, `${name}, phone`);
    await screenshot(phone, `${name}-phone`);
  } finally {
    await phone.close();
  }
}

// Presses a button or a summary with the keyboard. Pages of the phone preset are emulated through the
// harness's own DevTools session, which Playwright's pointer coordinates do not follow once the page has
// scrolled; a key press needs no coordinates (and is how a keyboard user does it).
export const press = (locator) => locator.press('Enter');

// The text of the page's live announcer once it says something starting with `start`.
export async function announced(page, start) {
  await page.waitForFunction((s) => document.getElementById('announcer').textContent.startsWith(s), start);
}
