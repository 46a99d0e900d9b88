// Mina inställningar and the unit's deletion rule in the staff app: a reader sets their address and the
// forms to be told about (the checks first, then the receipt), someone without Uppföljning is told why
// there is nothing to follow, and an administrator sets the unit's address and gallringsregel. Every
// page through axe-core and into build/screenshots/ at desktop and phone width.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { collectConsoleErrors, newPage } from './harness.mjs';
import { expectedErrors, look, serverAndBrowser, staffLogin } from './design_admin_steps.mjs';

let server;
let browser;
serverAndBrowser((s, b) => { server = s; browser = b; });

const summary = (page) => page.locator('#error-summary');

describe('Mina inställningar', () => {
  test('a reader follows a form: an address is needed and checked, then the receipt says what was saved', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await staffLogin(page, server, 'sjukskoterska');
    await page.getByRole('link', { name: 'Mina inställningar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mina inställningar' }).waitFor();
    await page.getByText('Inställningarna gäller dig. Aviseringarna gäller formulär på Vårdcentralen Norr.').waitFor();
    await look(page, 'staff-settings');

    const follow = page.getByRole('group', { name: 'Avisera mig när formuläret besvaras' }).getByLabel('Hälsoformulär (PHQ-9)');
    await follow.check();
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
    await summary(page).getByText('Skriv din e-postadress för att få aviseringar, eller ta bort bockarna.').waitFor();
    assert.equal(await page.getByLabel('Din e-postadress').getAttribute('aria-invalid'), 'true');
    await page.getByLabel('Din e-postadress').fill('sanna');
    await page.getByRole('button', { name: 'Spara' }).click();
    await summary(page).getByText('Skriv e-postadressen som namn@exempel.se.').waitFor();
    await look(page, 'staff-settings-error', {
      steps: async (phone) => {
        await phone.getByLabel('Hälsoformulär (PHQ-9)').check();
        await phone.getByRole('button', { name: 'Spara' }).click();
        await phone.locator('#error-summary').getByText('Skriv din e-postadress').waitFor();
      },
    });

    await page.getByLabel('Din e-postadress').fill('sanna@example.se');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Dina inställningar är sparade.').waitFor();
    await page.getByText('Du får aviseringar om 1 formulär till sanna@example.se.').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'settings-message');
    assert.ok(await follow.isChecked());
    await look(page, 'staff-settings-saved');

    const api = await server.staff('sjukskoterska');
    const saved = (await api.get('/api/v1/staff/settings')).json;
    assert.deepEqual([saved.email, saved.notify.map((x) => x.name)], ['sanna@example.se', ['Hälsoformulär (PHQ-9)']]);
    errors.assertNone();
    await page.close();
  });

  test('without Uppföljning there is nothing to follow, and the page says why', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await staffLogin(page, server, 'designer');
    await page.getByRole('link', { name: 'Mina inställningar' }).click();
    await page.getByText('Aviseringar om nya svar kan bara den som har behörighet till Uppföljning på enheten få.').waitFor();
    assert.equal(await page.getByRole('checkbox').count(), 0);
    await look(page, 'staff-settings-designer');
    errors.assertNone();
    await page.close();
  });
});

describe('Enhetens inställningar', () => {
  test('an administrator sets the unit\'s address and its deletion rule; the days are checked', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await staffLogin(page, server, 'admin');
    await page.goto(server.url('/personal/#/administrera/enhet'));
    await page.getByRole('heading', { level: 1, name: 'Enhetens inställningar' }).waitFor();
    const rule = page.getByRole('group', { name: 'Gallringsregel' });
    assert.ok(await rule.getByLabel('Ingen automatisk gallring').isChecked());
    await look(page, 'admin-unit-retention');

    await page.getByLabel('E-postadress (funktionsbrevlåda)').fill('vcn-formular@example.se');
    await rule.getByLabel('Ett antal dagar efter datumet i Gallras efter').check();
    await page.getByLabel('Antal dagar', { exact: true }).fill('tio');
    await page.getByRole('button', { name: 'Spara' }).click();
    await summary(page).getByText('Skriv antal dagar som ett heltal från 0 till 3650.').waitFor();
    await page.getByLabel('Antal dagar', { exact: true }).fill('30');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Gallringsregel: 30 dagar efter datumet i Gallras efter.').waitFor();
    await page.getByText('Enhetens e-postadress: vcn-formular@example.se.').waitFor();
    await page.getByText('Inställningen är sparad: enhetens namn visas i aviseringar.').waitFor();
    await look(page, 'admin-unit-retention-saved');

    const api = await server.staff('admin', 'VCN');
    assert.deepEqual((await api.get('/api/v1/admin/unit')).json,
      { name_in_notifications: true, email: 'vcn-formular@example.se', retention: { days: 30, after: 'delete_after' }, hsa_id: null });
    const reader = await server.staff('sjukskoterska');
    assert.deepEqual((await reader.get('/api/v1/answers/retention')).json.policy, { days: 30, after: 'delete_after' });
    errors.assertNone();
    await page.close();
  });
});
