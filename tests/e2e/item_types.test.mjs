// Every item type in the browser: the form with one item of each type (tests/core/data/all-types.json),
// published and sent to Anna, answered page by page. Each type is drawn, read back from the page as the
// answer the server stores, and said in words on the review; issues show once a question is touched
// and all at once in the error summary; files are uploaded, added to and removed, and a refused file is
// explained in Swedish.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { people, root } from '../api/server.mjs';
import { checkAccessibility, collectConsoleErrors, newPage, screenshot } from './harness.mjs';
import { expectedErrors, login, serverAndBrowser } from './citizen_steps.mjs';

let server;
let browser;
serverAndBrowser((s, b) => { server = s; browser = b; });

// The refused upload is answered 415, which Chromium logs as a failed load.
const ignore = [...expectedErrors, /status of 415/];
// Not a PDF: the server looks at the bytes, not at the name.
const png = Buffer.from('this is plain text, not a PDF');

async function sendAllTypes() {
  const admin = await server.staff('admin', 'VCN');
  const definition = JSON.parse(readFileSync(path.join(root, 'tests/core/data/all-types.json'), 'utf8'));
  let r = await admin.post('/api/v1/templates', definition);
  assert.equal(r.status, 201, r.text);
  const template = r.json.id;
  r = await admin.put(`/api/v1/templates/${template}/versions/${definition.version}`, { state: 'published' });
  assert.equal(r.status, 200, r.text);
  r = await admin.post('/api/v1/dispatches', { template, recipients: [people.anna] });
  assert.equal(r.status, 201, r.text);
  return r.json.recipients[0].instance;
}

const issues = (page, id) => page.locator(`#err-${id} p`).allTextContents();
const onPage = (page, name) => page.waitForFunction((n) => location.hash.endsWith(`/page/${n}`), name);

describe('every item type', () => {
  test('is drawn, read back, checked, and said in words on the review', async () => {
    const id = await sendAllTypes();
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore });
    await login(page, server, 'Anna Andersson');
    await page.goto(server.url(`/#/form/${id}`));
    await page.locator('#page-form').waitFor();

    // Text and numbers: a touched question shows its issue at once, the others wait.
    await page.locator('#in-name').fill('A');
    assert.deepEqual(await issues(page, 'name'), ['Skriv minst 2 tecken.']);
    assert.equal(await page.locator('#in-name').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await issues(page, 'postal'), []);
    await page.locator('#in-notes').fill('Rad ett\nRad två');
    await page.locator('#in-postal').fill('12');
    await page.locator('#in-cigarettes').fill('3,5');
    await page.locator('#in-weight').fill('70,5');
    await page.locator('#q-pain').getByLabel('5', { exact: true }).check();
    await page.getByRole('button', { name: 'Nästa' }).click();
    const summary = page.locator('#error-summary');
    await summary.waitFor({ state: 'visible' });
    assert.equal(await page.evaluate(() => document.activeElement.id), 'error-summary');
    assert.deepEqual(await summary.locator('li').allTextContents(), [
      'Namn – Skriv minst 2 tecken.',
      'Postnummer – Skriv postnumret som 123 45.',
      'Cigaretter per dag – Svaret har fel form (väntade integer).',
    ]);
    await page.locator('#in-name').fill('Anna');
    await page.locator('#in-postal').fill('123 45');
    await page.locator('#in-cigarettes').fill('3');
    assert.deepEqual(await issues(page, 'cigarettes'), [], 'the issue goes once the answer is right');
    await page.getByRole('button', { name: 'Nästa' }).click();

    // Time.
    await onPage(page, 'p2');
    await page.locator('#in-visit').fill('2024-05-01');
    await page.locator('#in-bedtime').fill('22:30');
    await page.locator('#in-onset').fill('2024-05-01T10:00');
    await page.getByRole('button', { name: 'Nästa' }).click();

    // Choices: yes/no, a select, checkboxes, and the three kinds of matrix.
    await onPage(page, 'p3');
    await page.locator('#q-smoker').getByLabel('Nej', { exact: true }).check();
    await page.getByLabel('Jag mår bra').selectOption({ label: 'Neutral' });
    await page.locator('#q-symptoms').getByLabel('Hosta', { exact: true }).check();
    await page.locator('#q-symptoms').getByLabel('Feber', { exact: true }).check();
    await page.getByLabel('Jag sover gott: Instämmer inte', { exact: true }).check();
    await page.getByLabel('Jag äter regelbundet: Instämmer', { exact: true }).check();
    await page.getByLabel('Läkemedel 1: Morgon', { exact: true }).fill('1 st');
    await page.getByLabel('Rad: Instämmer inte', { exact: true }).check();
    await checkAccessibility(page, 'all types, choices');
    assert.equal(await page.locator('[style]').count(), 0, 'no inline style, which the policy refuses');
    await page.getByRole('button', { name: 'Nästa' }).click();

    // Contact details in a group, and attachments: two files, the first removed, a refused one explained.
    await onPage(page, 'p4');
    await page.locator('#in-email').fill('anna@example.se');
    await page.locator('#in-site').fill('https://www.1177.se/');
    const files = page.locator('#files-files li');
    for (const name of ['bild.png', 'två.png']) {
      const uploaded = page.waitForResponse((r) => r.url().includes(`/citizen/forms/${id}/attachments/files`));
      await page.getByLabel('Bilagor').setInputFiles({ name, mimeType: 'image/png', buffer: pngBytes() });
      assert.equal((await uploaded).status(), 201);
    }
    await files.nth(1).waitFor();
    assert.deepEqual(await files.allTextContents(), ['Bifogad: bild.png Ta bort bild.png', 'Bifogad: två.png Ta bort två.png']);
    await page.getByRole('button', { name: 'Ta bort bild.png' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#files-files li').length === 1);
    assert.deepEqual(await files.allTextContents(), ['Bifogad: två.png Ta bort två.png']);
    const refused = page.waitForResponse((r) => r.url().includes(`/citizen/forms/${id}/attachments/files`));
    await page.getByLabel('Bilagor').setInputFiles({ name: 'fel.pdf', mimeType: 'application/pdf', buffer: png });
    assert.equal((await refused).status(), 415);
    await page.waitForFunction(() => document.getElementById('err-files').textContent !== '');
    assert.deepEqual(await issues(page, 'files'), ['Filen kunde inte laddas upp. Frågan tar inte emot den här sortens fil.']);
    await checkAccessibility(page, 'all types, contact and files');
    await screenshot(page, '40-all-types-files-desktop');
    await page.getByRole('button', { name: 'Granska dina svar' }).click();

    // The review says every answer in words.
    await page.getByRole('button', { name: 'Bekräfta och skicka' }).waitFor();
    const rows = await page.locator('.answer-row').evaluateAll((list) => list.map((r) => [r.querySelector('dt').textContent, r.querySelector('dd').textContent]));
    assert.deepEqual(rows, [
      ['1. Namn', 'Anna'], ['2. Övrigt', 'Rad ett\nRad två'], ['3. Postnummer', '123 45'], ['4. Cigaretter per dag', '3 st'],
      ['5. Vikt', '70.5 kg'], ['6. Smärta', '5'], ['7. Besöksdatum', '2024-05-01'], ['8. Läggdags', '22:30'],
      ['9. Sedan när?', 'Inte besvarad'], ['10. Vecka', 'Inte besvarad'], ['11. Debut', '2024-05-01T10:00'],
      ['12. Röker du?', 'Nej'], ['13. Jag mår bra', 'Neutral'], ['14. Besvär', 'Hosta, Feber'],
      ['15. Vanor', 'Jag sover gott: Instämmer inte; Jag äter regelbundet: Instämmer'], ['16. Doser', 'Läkemedel 1: Morgon: 1 st'],
      ['17. När', 'Rad: Instämmer inte'], ['18. E-post', 'anna@example.se'], ['19. Telefon', 'Inte besvarad'],
      ['20. Webbplats', 'https://www.1177.se/'], ['21. Barnets personnummer', 'Inte besvarad'], ['22. Bilagor', 'två.png'],
    ]);
    await checkAccessibility(page, 'all types, review');
    await page.getByRole('button', { name: 'Bekräfta och skicka' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tack! Dina svar är skickade' }).waitFor();
    errors.assertNone();
    await page.close();

    // What the page read is what the server stored, each answer in its type; a page saves every one of its
    // items, null for no answer.
    const admin = await server.staff('admin', 'VCN');
    const seen = await admin.get(`/api/v1/answers/${id}`);
    assert.equal(seen.status, 200, seen.text);
    const { files: stored, ...answers } = seen.json.answers;
    assert.deepEqual(answers, {
      info: null, since: null, week: null, contact: null, phone: null, child: null,
      name: 'Anna', notes: 'Rad ett\nRad två', postal: '123 45', cigarettes: 3, weight: 70.5, pain: 5,
      visit: '2024-05-01', bedtime: '22:30', onset: '2024-05-01T10:00',
      smoker: false, mood: '2', symptoms: ['cough', 'fever'], habits: { sleep: '1', food: '3' },
      doses: { med1: { morning: '1 st' } }, when: { r1: ['1'] },
      email: 'anna@example.se', site: 'https://www.1177.se/',
    });
    assert.deepEqual(stored.map((f) => [f.name, f.media_type]), [['två.png', 'image/png']]);
  });
});

// The smallest PNG there is: one transparent pixel (the server checks that a file is what it says).
function pngBytes() {
  return Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
}
