// Webhooks in the staff app (Administrera → Webhooks): an administrator adds a webhook (the form checked
// first), a form event reaches a receiver on loopback and shows in the delivery log, and the webhook is
// removed after a confirmation; the Loggbok names both changes. Every page through axe-core and into
// build/screenshots/ at desktop and phone width.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { checkAccessibility, collectConsoleErrors, launchBrowser, newPage, screenshot, startServer } from './harness.mjs';
import { expectedErrors, look, staffLogin } from './design_admin_steps.mjs';
import { people } from '../api/server.mjs';

let server, browser, receiver;
const received = [];
let arrived = () => {};
before(async () => {
  // The test clock allows a webhook to http://127.0.0.1 (a receiver in this process).
  server = await startServer({ rate: 100000, 'test-clock': 'on' });
  browser = await launchBrowser();
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.end('ok');
      arrived();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const summary = (page) => page.locator('#error-summary');

describe('Webhooks', () => {
  test('an administrator adds a webhook, sees its deliveries and removes it after a confirmation', async () => {
    const url = `http://127.0.0.1:${receiver.address().port}/blankett`;
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await staffLogin(page, server, 'admin');
    await page.getByRole('navigation', { name: 'Meny' }).getByRole('link', { name: 'Administrera' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administrera' }).waitFor();
    await page.getByRole('navigation', { name: 'Administrera' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByText('Enheten har inga webhooks.').waitFor();
    await look(page, 'admin-webhooks-empty');

    // Checked first: the address, the events and the secret's length.
    await page.getByLabel('Formulär besvarat').uncheck();
    await page.getByRole('button', { name: 'Lägg till webhook' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
    for (const text of ['Skriv adressen.', 'Välj minst en händelse.', 'Den hemliga nyckeln ska ha 16–200 tecken.']) await summary(page).getByText(text).waitFor();
    assert.equal(await page.getByLabel('Adress (https)').getAttribute('aria-invalid'), 'true');
    await checkAccessibility(page, 'a webhook refused');
    await screenshot(page, 'admin-webhooks-error-desktop');

    // The server's refusal (plain http to another host) is shown at its field.
    await page.getByLabel('Adress (https)').fill('http://journal.example.se/blankett');
    await page.getByLabel('Formulär skapat').check();
    await page.getByLabel('Formulär besvarat').check();
    await page.getByLabel('Hemlig nyckel').fill('en-hemlighet-som-delas-med-journalen');
    await page.getByRole('button', { name: 'Lägg till webhook' }).click();
    await summary(page).getByText('Adressen ska börja med https:// och ha ett värdnamn.').waitFor();

    await page.getByLabel('Adress (https)').fill(url);
    await page.getByRole('button', { name: 'Lägg till webhook' }).click();
    await page.getByText(`Webhooken för ${url} är tillagd.`).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'webhooks-message');
    const row = page.locator('#webhooks tbody tr', { hasText: url });
    await row.getByText('Formulär skapat, Formulär besvarat').waitFor();
    assert.ok(!(await page.content()).includes('en-hemlighet-som-delas-med-journalen'), 'the secret is not shown');

    // A journal system creates a form: the receiver gets FormCreated, and the log shows it delivered.
    const admin = await server.staff('admin', 'VCN');
    const key = (await admin.post('/api/v1/admin/record-systems', { name: 'Cosmic' })).json.key;
    const phq9 = (await admin.get('/api/v1/templates')).json.templates.find((x) => x.form_id === 'phq-9').id;
    const got = new Promise((resolve) => { arrived = () => { if (received.length) resolve(); }; });
    const made = await fetch(server.url('/api/v1/records/forms'), { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ template: phq9, personnummer: people.erik }) });
    const form = (await made.json()).id;
    await got;
    assert.deepEqual([received[0].event, received[0].form], ['FormCreated', form]);
    await server.logged(/webhook\.delivered /);
    await row.getByRole('button', { name: `Visa leveranser för ${url}` }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'deliveries-heading');
    const delivery = page.locator('#deliveries tbody tr').first();
    await delivery.getByText('Levererad').waitFor();
    assert.match(await delivery.textContent(), new RegExp(`Formulär skapat\\s*${form}\\s*Levererad\\s*1\\s*200`));
    await look(page, 'admin-webhooks-deliveries', {
      steps: async (phone) => {
        await phone.getByRole('button', { name: `Visa leveranser för ${url}` }).click();
        await phone.locator('#deliveries tbody tr').first().getByText('Levererad').waitFor();
      },
    });

    // English too.
    await page.getByRole('button', { name: 'In English' }).click();
    await page.getByRole('heading', { name: `Deliveries to ${url}` }).waitFor();
    await page.getByRole('button', { name: 'På svenska' }).click();

    // Removing asks first.
    await row.getByRole('button', { name: `Ta bort för ${url}` }).click();
    const dialog = page.getByRole('dialog', { name: `Ta bort webhooken för ${url}?` });
    await dialog.waitFor();
    await checkAccessibility(page, 'removing a webhook asked');
    await screenshot(page, 'admin-webhooks-remove-desktop');
    await dialog.getByRole('button', { name: 'Ta bort', exact: true }).click();
    await page.getByText(`Webhooken för ${url} är borttagen.`).waitFor();
    await page.getByText('Enheten har inga webhooks.').waitFor();
    assert.equal(await page.locator('#deliveries').count(), 0);
    assert.deepEqual((await admin.get('/api/v1/admin/webhooks')).json.webhooks, []);

    // The Loggbok names both changes.
    await page.goto(server.url('/personal/#/administrera/loggbok'));
    await page.getByRole('heading', { level: 1, name: 'Loggbok' }).waitFor();
    await page.locator('#audit tbody tr').first().waitFor();
    await page.getByLabel('Händelse', { exact: true }).selectOption({ label: 'Webhooks' });
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'audit-heading');
    assert.deepEqual((await page.locator('#audit tbody th').allTextContents()).map((x) => x.trim()), ['Tog bort webhook', 'Lade till webhook']);
    errors.assertNone();
    await page.close();
  });
});
