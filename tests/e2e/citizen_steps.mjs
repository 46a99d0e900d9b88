// Steps the citizen end-to-end tests share: log in through the demo list, look at a page (axe-core and
// screenshots at desktop and phone width), find a question's alternative, read the app's stored copies.
import { after, before } from 'node:test';
import { checkAccessibility, launchBrowser, newPage, screenshot, startServer } from './harness.mjs';

// One server and one browser for a test file: started before its tests, stopped after them, handed to
// `assign(server, browser)`.
export function serverAndBrowser(assign, options = { rate: 100000 }) {
  let server;
  let browser;
  before(async () => {
    server = await startServer(options);
    browser = await launchBrowser();
    assign(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

// Before login the app asks who is logged in: that 401 is expected on every page.
export const expectedErrors = [/status of 401/];

// Logs out whoever was in (the tests of one browser share its cookies) and logs in as `name`.
export async function login(page, server, name) {
  await page.context().clearCookies();
  await page.goto(server.url('/#/login'));
  await page.getByRole('button', { name: `Logga in som ${name}` }).click();
  await page.getByRole('heading', { level: 1, name: 'Mina formulär' }).waitFor();
}

// axe-core on the page as it is, a desktop screenshot of it, and a phone screenshot of `address` (by
// default the page's own) opened in a new page of the same browser, so with the same session, once
// `ready` (a selector, by default the first h1) is there. Only for states that an address reaches
// again; a state that only a step reaches is screenshotted where it is.
export async function look(page, name, { address = page.url(), ready = 'h1' } = {}) {
  await checkAccessibility(page, name);
  await screenshot(page, `${name}-desktop`);
  const phone = await newPage(page.context(), 'phone');
  await phone.goto(address);
  await phone.locator(ready).first().waitFor();
  await screenshot(phone, `${name}-phone`);
  await phone.close();
}

export const radio = (page, question, label) => page.locator(`#q-${question}`).getByLabel(label, { exact: true });

// The keys of the citizen app's unsaved copies of forms (blankett.form.<id>) in both storages, sorted.
export function storedCopies(page) {
  return page.evaluate(() => {
    const ours = (storage) => Object.keys(storage).filter((k) => k.startsWith('blankett.form.')).sort();
    return { local: ours(localStorage), session: ours(sessionStorage) };
  });
}
