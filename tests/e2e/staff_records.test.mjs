// Journalsystem in the staff app: an administrator registers a record system (the name checked first),
// sees its API key once with the warning, copies it, the key works against the record-system API, and
// revokes it after a confirmation (the key then refused), the Loggbok naming its calls; and sets the unit's HSA-id in Enhetens
// inställningar (a malformed one explained). Every page through axe-core and into build/screenshots/ at
// desktop and phone width.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkAccessibility, collectConsoleErrors, newPage, screenshot } from './harness.mjs';
import { expectedErrors, look, serverAndBrowser, staffLogin } from './design_admin_steps.mjs';

let server;
let browser;
serverAndBrowser((s, b) => { server = s; browser = b; });

const summary = (page) => page.locator('#error-summary');

// A call of the record-system API with a key: its status.
async function templatesWith(key) {
  const r = await fetch(server.url('/api/v1/records/templates'), { headers: { Authorization: `Bearer ${key}` } });
  return r.status;
}

describe('Journalsystem', () => {
  test('an administrator registers a system, copies its key shown once, and revokes it after a confirmation', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
    await staffLogin(page, server, 'admin');
    await page.getByRole('navigation', { name: 'Meny' }).getByRole('link', { name: 'Administrera' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administrera' }).waitFor();
    await page.getByRole('navigation', { name: 'Administrera' }).getByRole('link', { name: 'Journalsystem' }).click();
    await page.getByRole('heading', { level: 1, name: 'Journalsystem' }).waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Administrera' }).getByRole('link', { name: 'Journalsystem' })
      .getAttribute('aria-current'), 'page');
    await page.getByText('Enheten har inga registrerade journalsystem.').waitFor();
    await look(page, 'admin-records-empty');

    // The name is checked first.
    await page.getByRole('button', { name: 'Registrera och skapa nyckel' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
    await summary(page).getByText('Skriv systemets namn.').waitFor();
    assert.equal(await page.getByLabel('Systemets namn').getAttribute('aria-invalid'), 'true');
    await look(page, 'admin-records-error', {
      steps: async (phone) => {
        await phone.getByRole('button', { name: 'Registrera och skapa nyckel' }).press('Enter');
        await phone.locator('#error-summary').getByText('Skriv systemets namn.').waitFor();
      },
    });

    // Registered: the key once, with the warning, copied.
    await page.getByLabel('Systemets namn').fill('Cosmic');
    await page.getByRole('button', { name: 'Registrera och skapa nyckel' }).click();
    await page.getByRole('heading', { name: 'Cosmic är registrerat' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'created');
    const key = await page.getByLabel('API-nyckel för Cosmic').inputValue();
    assert.match(key, /^bk_[A-Za-z0-9_-]{43}$/);
    await page.getByText('Nyckeln visas bara nu och kan inte visas igen.').waitFor();
    await page.getByRole('button', { name: 'Kopiera nyckeln' }).click();
    await page.getByText('Nyckeln är kopierad.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), key);
    await checkAccessibility(page, 'a record system registered');
    await screenshot(page, 'admin-records-key-desktop');
    assert.equal(await templatesWith(key), 200);
    // A change of language keeps the key on screen; "Klar" hides it for good.
    await page.getByRole('button', { name: 'In English' }).click();
    await page.getByRole('heading', { name: 'Cosmic has been registered' }).waitFor();
    assert.equal(await page.getByLabel('API key for Cosmic').inputValue(), key);
    await page.getByRole('button', { name: 'På svenska' }).click();
    await page.getByRole('button', { name: 'Klar, dölj nyckeln' }).click();
    assert.equal(await page.getByLabel('API-nyckel för Cosmic').count(), 0);
    await page.waitForFunction(() => document.activeElement?.id === 'register-heading');
    assert.ok(!(await page.content()).includes(key), 'the key is gone from the page');

    const row = page.locator('#record-systems tbody tr', { hasText: 'Cosmic' });
    await row.getByText('Aktiv').waitFor();
    await look(page, 'admin-records');

    // Revoking asks first; "Avbryt" changes nothing.
    await row.getByRole('button', { name: 'Spärra nyckel för Cosmic' }).click();
    const dialog = page.getByRole('dialog', { name: 'Spärra nyckeln för Cosmic?' });
    await dialog.waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'ask-no');
    await checkAccessibility(page, 'revoking asked');
    await screenshot(page, 'admin-records-revoke-desktop');
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await templatesWith(key), 200);
    await row.getByRole('button', { name: 'Spärra nyckel för Cosmic' }).click();
    await dialog.getByRole('button', { name: 'Spärra nyckel', exact: true }).click();
    await page.getByText('Nyckeln för Cosmic är spärrad.').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'records-message');
    await row.getByText(/^Spärrad /).waitFor();
    assert.equal(await row.getByRole('button').count(), 0);
    assert.equal(await templatesWith(key), 401);
    await look(page, 'admin-records-revoked');

    // The Loggbok names the system's calls, without a staff member, and the administrator's changes.
    await page.goto(server.url('/personal/#/administrera/loggbok'));
    await page.getByRole('heading', { level: 1, name: 'Loggbok' }).waitFor();
    await page.locator('#audit tbody tr').first().waitFor();
    await page.getByLabel('Händelse', { exact: true }).selectOption({ label: 'Journalsystemens anrop' });
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'audit-heading');
    const calls = page.locator('#audit tbody tr');
    assert.equal(await calls.count(), 2, 'the two calls made with the key before it was revoked');
    for (const text of await calls.allTextContents()) assert.match(text, /–\s*Journalsystem listade mallar\s*Journalsystem nr \d+\s*Cosmic; \d+ templates/);
    await page.getByLabel('Händelse', { exact: true }).selectOption({ label: 'Journalsystem (nycklar)' });
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'audit-heading');
    assert.deepEqual((await page.locator('#audit tbody th').allTextContents()).map((x) => x.trim()),
      ['Spärrade journalsystemets nyckel', 'Registrerade journalsystem']);
    await checkAccessibility(page, 'the audit log of a record system');
    errors.assertNone();
    await page.close();
  });

  test('the unit\'s HSA-id in Enhetens inställningar: checked, saved and shown', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await staffLogin(page, server, 'admin');
    await page.goto(server.url('/personal/#/administrera/enhet'));
    await page.getByRole('heading', { level: 1, name: 'Enhetens inställningar' }).waitFor();
    const field = page.getByLabel('Enhetens HSA-id');
    await field.fill('SE2321000032 abc');
    await page.getByRole('button', { name: 'Spara' }).click();
    await summary(page).getByText('Skriv HSA-id som SE, siffror, bindestreck').waitFor();
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    await look(page, 'admin-unit-hsa-error', {
      steps: async (phone) => {
        await phone.getByLabel('Enhetens HSA-id').fill('SE-x');
        await phone.getByRole('button', { name: 'Spara' }).press('Enter');
        await phone.locator('#error-summary').getByText('Skriv HSA-id som SE').waitFor();
      },
    });
    await field.fill('SE2321000032-abc123');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('HSA-id: SE2321000032-abc123.').waitFor();
    await look(page, 'admin-unit-hsa-saved');
    const api = await server.staff('admin', 'VCN');
    assert.equal((await api.get('/api/v1/admin/unit')).json.hsa_id, 'SE2321000032-abc123');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Enhetens inställningar' }).waitFor();
    assert.equal(await page.getByLabel('Enhetens HSA-id').inputValue(), 'SE2321000032-abc123');
    errors.assertNone();
    await page.close();
  });
});
