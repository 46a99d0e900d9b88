// Administrera in the staff app: an administrator creates a user (the password shown once and copied),
// grants and revokes a role and turns the account off and on, cannot remove their own admin role, finds
// Anna (who has forms at VCN) by personnummer and locks and unlocks her login, changes the unit's
// setting, and filters the audit log by kind and person with "Visa fler". Every page through axe-core
// and into build/screenshots/ at desktop and phone width.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkAccessibility, collectConsoleErrors, newPage, screenshot } from './harness.mjs';
import { announced, expectedErrors, look, press, serverAndBrowser, staffLogin } from './design_admin_steps.mjs';

let server;
let browser;
serverAndBrowser((s, b) => { server = s; browser = b; });

const anna = { pnr: '197601022382', written: '19760102-2382', name: 'Anna Andersson' };

// The dialog that asks, and its yes.
async function confirm(page, question, yes) {
  const dialog = page.getByRole('dialog', { name: question });
  await dialog.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'ask-no');
  await dialog.getByRole('button', { name: yes, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('Administrera', () => {
  test('an administrator creates a user, grants and revokes a role and turns the account off and on', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
    await staffLogin(page, server, 'admin');
    await page.getByRole('navigation', { name: 'Meny' }).getByRole('link', { name: 'Administrera' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administrera' }).waitFor();
    await look(page, 'admin-overview');

    await page.getByRole('navigation', { name: 'Administrera' }).getByRole('link', { name: 'Personal och behörigheter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Personal och behörigheter' }).waitFor();
    // One's own admin role cannot be removed, and the page says why.
    const own = page.getByRole('group', { name: 'Behörigheter för Alva Admin' }).getByLabel('Administrera');
    assert.ok(await own.isChecked());
    assert.ok(await own.isDisabled());
    assert.equal(await own.getAttribute('aria-describedby'), 'self-admin-hint');
    await page.getByText('Din egen administratörsbehörighet kan inte tas bort.').waitFor();
    await look(page, 'admin-staff');

    // A new user: the checks first, then the account with its password, shown once.
    await page.getByRole('button', { name: 'Skapa användare' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
    await page.locator('#error-summary').getByText('Skriv ett användarnamn.').waitFor();
    await page.locator('#error-summary').getByText('Skriv personens namn.').waitFor();
    await page.locator('#new-username').fill('Nina Nyberg');
    await page.getByRole('button', { name: 'Skapa användare' }).click();
    await page.locator('#error-summary').getByText('Användarnamnet ska ha 2–64 tecken').waitFor();
    await page.locator('#new-username').fill('nina.nyberg');
    await page.locator('#new-name').fill('Nina Nyberg');
    await page.getByRole('group', { name: 'Första behörighet' }).getByLabel('Utskick').check();
    await page.getByRole('button', { name: 'Skapa användare' }).click();
    await page.getByRole('heading', { name: 'Användaren nina.nyberg är skapad' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'created');
    const password = await page.getByLabel('Lösenord för nina.nyberg').inputValue();
    assert.match(password, /^[0-9a-f]{20}$/);
    await page.getByText('Lösenordet visas bara nu. Lämna över det på ett säkert sätt').waitFor();
    await page.getByRole('button', { name: 'Kopiera lösenordet' }).click();
    await page.getByText('Lösenordet är kopierat.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), password);
    await checkAccessibility(page, 'a user created');
    await screenshot(page, 'admin-staff-created-desktop');
    const nina = server.client();
    assert.equal((await nina.post('/api/v1/staff/login', { username: 'nina.nyberg', password })).status, 200);
    // A change of language keeps the password on screen.
    await page.getByRole('button', { name: 'In English' }).click();
    await page.getByRole('heading', { name: 'The user nina.nyberg has been created' }).waitFor();
    assert.equal(await page.getByLabel('Password for nina.nyberg').inputValue(), password);
    await page.getByRole('button', { name: 'På svenska' }).click();
    await page.getByRole('heading', { name: 'Användaren nina.nyberg är skapad' }).waitFor();
    await page.getByRole('button', { name: 'Klar, dölj lösenordet' }).click();
    assert.equal(await page.getByLabel('Lösenord för nina.nyberg').count(), 0);
    // A taken user name is explained.
    await page.locator('#new-username').fill('designer');
    await page.locator('#new-name').fill('Dan Igen');
    await page.getByRole('button', { name: 'Skapa användare' }).click();
    await page.locator('#error-summary').getByText('Användarnamnet designer är upptaget.').waitFor();

    // Grant Uppföljning, revoke Utskick: each at once.
    const ninaRoles = page.getByRole('group', { name: 'Behörigheter för Nina Nyberg' });
    await ninaRoles.getByLabel('Uppföljning').check();
    await announced(page, 'Nina Nyberg har nu behörigheten Uppföljning.');
    await ninaRoles.getByLabel('Utskick').uncheck();
    await announced(page, 'Nina Nyberg har inte längre behörigheten Utskick.');
    const api = await server.staff('admin', 'VCN');
    const roles = async () => (await api.get('/api/v1/admin/staff')).json.staff.find((m) => m.username === 'nina.nyberg').roles;
    assert.deepEqual(await roles(), ['reader']);
    assert.ok(await ninaRoles.getByLabel('Uppföljning').isChecked());
    assert.ok(!(await ninaRoles.getByLabel('Utskick').isChecked()));

    // The last role: asked first; "Avbryt" keeps it.
    await ninaRoles.getByLabel('Uppföljning').uncheck();
    const last = page.getByRole('dialog', { name: 'Ta bort den sista behörigheten för Nina Nyberg?' });
    await last.waitFor();
    await last.getByRole('button', { name: 'Avbryt' }).click();
    await last.waitFor({ state: 'detached' });
    assert.ok(await ninaRoles.getByLabel('Uppföljning').isChecked());
    assert.deepEqual(await roles(), ['reader']);

    // Turn the account off (asked first) and on again.
    await page.getByRole('button', { name: 'Stäng av konto för Nina Nyberg' }).click();
    await checkAccessibility(page, 'the turn-off dialog');
    await screenshot(page, 'admin-staff-dialog-desktop');
    await confirm(page, 'Stänga av kontot för Nina Nyberg?', 'Stäng av konto');
    await page.getByText('Kontot för Nina Nyberg är avstängt.').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), (await page.getByRole('button', { name: 'Aktivera konto för Nina Nyberg' }).getAttribute('id')));
    assert.equal((await nina.get('/api/v1/staff/me')).status, 401, 'her session ended');
    assert.equal((await server.client().post('/api/v1/staff/login', { username: 'nina.nyberg', password })).status, 401);
    await page.getByRole('button', { name: 'Aktivera konto för Nina Nyberg' }).click();
    await page.getByText('Kontot för Nina Nyberg är aktiverat igen.').waitFor();
    assert.equal((await server.client().post('/api/v1/staff/login', { username: 'nina.nyberg', password })).status, 200);

    // A role for an existing user: an unknown name is explained, a known one gets it.
    await page.locator('#grant-username').fill('finns.inte');
    await page.getByRole('button', { name: 'Ge behörighet' }).click();
    await page.locator('#error-summary').getByText('Det finns ingen användare med användarnamnet finns.inte.').waitFor();
    await page.locator('#grant-username').fill('syd');
    await page.getByLabel('Behörighet', { exact: true }).selectOption('reader');
    await page.getByRole('button', { name: 'Ge behörighet' }).click();
    await page.getByText('syd har nu behörigheten Uppföljning på enheten.').waitFor();
    await page.locator('#staff tbody tr', { hasText: 'syd' }).getByLabel('Uppföljning').waitFor();
    assert.ok(await page.locator('#staff tbody tr', { hasText: 'syd' }).getByLabel('Uppföljning').isChecked());
    errors.assertNone();
    await page.close();
  });

  test('an administrator finds Anna by personnummer, locks and unlocks her login', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await staffLogin(page, server, 'admin');
    await page.goto(server.url('/personal/#/administrera/invanare'));
    await page.getByRole('heading', { level: 1, name: 'Invånare' }).waitFor();
    await look(page, 'admin-citizens');

    // The number's shape is checked first; a number without forms at the unit is a 404, said so.
    await page.getByLabel('Personnummer').fill('1976-01-02');
    await page.getByRole('button', { name: 'Sök' }).click();
    await page.locator('#error-summary').getByText('Skriv personnumret som ÅÅÅÅMMDDNNNN eller ÅÅÅÅMMDD-NNNN.').waitFor();
    await page.getByLabel('Personnummer').fill('19121212-1212');
    await page.getByRole('button', { name: 'Sök' }).click();
    await page.getByText('Ingen invånare med det numret har formulär hos enheten').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'citizen-none');

    // Anna, in either written form.
    await page.getByLabel('Personnummer').fill(anna.written);
    await page.getByRole('button', { name: 'Sök' }).click();
    await page.getByRole('heading', { level: 2, name: anna.name }).waitFor();
    const facts = page.locator('#citizen-facts');
    await facts.getByText(anna.name).waitFor();
    assert.equal(await page.locator('#citizen-login').textContent(), 'Inte låst');
    const findAnna = async (phone) => {
      await phone.getByLabel('Personnummer').fill(anna.pnr);
      await press(phone.getByRole('button', { name: 'Sök' }));
      await phone.locator('#citizen-facts').getByText(anna.name).waitFor();
    };
    await look(page, 'admin-citizen-found', { steps: findAnna });

    const citizenLogin = () => server.client().post('/api/v1/citizen/login', { personnummer: anna.pnr });
    const session = await server.citizen(anna.pnr);
    await page.getByRole('button', { name: 'Lås inloggning' }).click();
    await checkAccessibility(page, 'the lock dialog');
    await screenshot(page, 'admin-citizen-lock-dialog-desktop');
    await confirm(page, `Låsa inloggningen för ${anna.name}?`, 'Lås inloggning');
    await page.getByText(`Inloggningen för ${anna.name} är låst.`).waitFor();
    assert.equal(await page.locator('#citizen-login').textContent(), 'Låst (menprövning)');
    const refused = await citizenLogin();
    assert.equal(refused.status, 403);
    assert.equal(refused.json.error.code, 'auth.locked');
    assert.equal((await session.get('/api/v1/citizen/me')).status, 401, 'her session ended');

    await page.getByRole('button', { name: 'Lås upp inloggning' }).click();
    await confirm(page, `Låsa upp inloggningen för ${anna.name}?`, 'Lås upp inloggning');
    await page.getByText(`Inloggningen för ${anna.name} är upplåst.`).waitFor();
    assert.equal(await page.locator('#citizen-login').textContent(), 'Inte låst');
    assert.equal((await citizenLogin()).status, 200);

    // Skyddad identitet on and off, each asked.
    await page.getByRole('button', { name: 'Markera skyddad identitet' }).click();
    await confirm(page, `Markera ${anna.name} med skyddad identitet?`, 'Markera skyddad identitet');
    await page.getByText(`${anna.name} är markerad med skyddad identitet.`).waitFor();
    assert.equal(await page.locator('#citizen-protected').textContent(), 'Ja');
    await page.getByRole('button', { name: 'Ta bort skyddad identitet' }).click();
    await confirm(page, `Ta bort skyddad identitet för ${anna.name}?`, 'Ta bort skyddad identitet');
    await page.getByText(`${anna.name} är inte längre markerad med skyddad identitet.`).waitFor();
    errors.assertNone();
    await page.close();
  });

  test('the unit\'s setting, and the audit log filtered by kind and person, page by page', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await staffLogin(page, server, 'admin');

    await page.goto(server.url('/personal/#/administrera/enhet'));
    await page.getByRole('heading', { level: 1, name: 'Enhetens inställningar' }).waitFor();
    const setting = page.getByLabel('Visa enhetens namn i aviseringar');
    assert.ok(await setting.isChecked());
    await look(page, 'admin-unit');
    await setting.uncheck();
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Inställningen är sparad: enhetens namn visas inte i aviseringar.').waitFor();
    const api = await server.staff('admin', 'VCN');
    assert.equal((await api.get('/api/v1/admin/unit')).json.name_in_notifications, false);

    // Enough lookups of citizens for more than one page (100 a page).
    for (let i = 0; i < 101; ++i) assert.equal((await api.get(`/api/v1/admin/citizens?personnummer=${anna.pnr}`)).status, 200);

    await page.goto(server.url('/personal/#/administrera/loggbok'));
    await page.getByRole('heading', { level: 1, name: 'Loggbok' }).waitFor();
    const rows = page.locator('#audit tbody tr');
    await rows.first().waitFor();
    assert.match(await rows.first().textContent(), /Sökte fram invånare/);
    await look(page, 'admin-audit');

    // Kind: Behörigheter (role.).
    await page.getByLabel('Händelse', { exact: true }).selectOption({ label: 'Behörigheter' });
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'audit-heading');
    const actions = await page.locator('#audit tbody th').allTextContents();
    assert.ok(actions.length >= 3, actions.join(', '));
    for (const a of actions) assert.match(a, /^(Gav behörighet|Tog bort behörighet)$/);
    assert.match(await page.locator('#audit tbody tr', { hasText: 'Tog bort behörighet' }).first().textContent(), /Nina Nyberg \(nina\.nyberg\)\s+Utskick/);
    await page.getByText('Det är alla som matchar.').waitFor();

    // Kind: Invånare, person admin: a full page and "Visa fler".
    await page.getByLabel('Händelse', { exact: true }).selectOption({ label: 'Invånare' });
    await page.getByLabel('Person', { exact: true }).fill('admin');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.getByText('100 händelser visas. Det finns fler').waitFor();
    for (const a of await page.locator('#audit tbody th').allTextContents()) assert.match(a, /invånare|skyddad identitet/i);
    await page.getByRole('button', { name: 'Visa fler' }).click();
    await page.getByText(/^\d+ händelser visas\. Det är alla som matchar\.$/).waitFor();
    const total = await rows.count();
    assert.ok(total > 100, `${total} rows`);
    const shown = await page.locator('#audit tbody th').allTextContents();
    for (const a of ['Låste invånarens inloggning', 'Låste upp invånarens inloggning', 'Ändrade skyddad identitet']) assert.ok(shown.includes(a), a);
    await checkAccessibility(page, 'the audit log, filtered');
    await screenshot(page, 'admin-audit-filtered-desktop');

    // Dates: from after to is stopped before asking.
    await page.getByLabel('Från och med').fill('2030-01-02');
    await page.getByLabel('Till och med').fill('2030-01-01');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.locator('#error-summary').getByText('”Från och med” kan inte vara efter ”Till och med”.').waitFor();
    await page.getByRole('button', { name: 'Rensa filter' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'audit-heading');
    assert.equal(await page.getByLabel('Person', { exact: true }).inputValue(), '');
    errors.assertNone();
    await page.close();
  });
});
