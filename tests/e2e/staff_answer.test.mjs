// The answer view in Uppföljning, the "done when": the nurse (reader, and exporter granted by the
// admin) finds yesterday's PHQ-9 answers of the demo unit (seeded on a fresh demo database), sorted by
// alert the one with item 9 answered comes first; she reads it with its score, band and alert, marks it
// documented (the history says so), exports it as a PDF (read back with pdftotext, page 1 drawn with
// pdftoppm) and deletes it for good after the confirmation: gone from the list, 404 from the API. On
// the demo's Hälsoenkät she enters measurements (a wrong one said beside its field, one out of range
// refused by the core) and the BMI and the star profile follow; Anna's PHQ-9, still waiting, gets a
// reminder; the admin, who may not export, is told why. axe-core and screenshots at both widths.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { collectConsoleErrors, newPage, screenshotDir } from './harness.mjs';
import { serverAndBrowser } from './citizen_steps.mjs';
import { expectedErrors, lookHere, menuLink, staffLogin } from './staff_steps.mjs';

let server;
let browser;
serverAndBrowser((s, b) => { server = s; browser = b; });

// The demo citizens who answered yesterday (server/store/demo.cpp, server/demo_answers.cpp).
const greta = { name: 'Greta Holm', pnr: '196205143248' };
const ingrid = { name: 'Ingrid Sjöberg', pnr: '197604012380' };
// The local date (the server's and this process's time zone) a number of days from today.
function localDate(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
const yesterday = localDate(-1);

const h1 = (page, name) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
const rows = (page) => page.locator('#answers tbody tr');
const count = (page) => page.locator('#fu-count').textContent();
const text = (locator) => locator.evaluate((e) => e.innerText.replace(/\s+/g, ' ').trim());
// The history's events in words, in their order.
const history = (page) => page.locator('#history tbody tr td:nth-child(2)').allTextContents();

async function listed(page, act) {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/answers');
  await act();
  await answered;
  await page.waitForFunction(() => document.querySelector('#followup .results')?.getAttribute('aria-busy') === 'false');
}

const known = {};

describe('the answer view', () => {
  before(async () => {
    const admin = await server.staff('admin');
    assert.equal((await admin.post('/api/v1/admin/roles', { username: 'sjukskoterska', role: 'exporter' })).status, 200);
    const nurse = await server.staff('sjukskoterska');
    const seeded = (await nurse.get(`/api/v1/answers?answered_from=${yesterday}&answered_to=${yesterday}&limit=100`)).json.answers;
    known.greta = seeded.find((a) => a.recipient.personnummer === greta.pnr && a.name === 'Hälsoformulär (PHQ-9)');
    known.ingrid = seeded.find((a) => a.recipient.personnummer === ingrid.pnr);
    assert.ok(known.greta && known.ingrid, 'the demo seeded yesterday\'s answers');
    known.waiting = (await nurse.get(`/api/v1/answers?personnummer=197601022382&state=ONGOING&sort=sent&dir=asc`)).json.answers
      .find((a) => a.name === 'Hälsoformulär (PHQ-9)');
  });

  test('at desktop width: found, read with its score and band, documented, exported as a PDF, deleted for good', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await staffLogin(page, server, 'sjukskoterska');
    await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('blankett.followup.')) localStorage.removeItem(k); });

    // Uppföljning: PHQ-9, answered yesterday, sorted by Uppmärksamhet: item 9 first.
    await menuLink(page, 'Uppföljning').click();
    await h1(page, 'Uppföljning');
    const filters = page.locator('#fu-filters');
    await filters.getByLabel('Formulär', { exact: true }).selectOption({ label: 'Hälsoformulär (PHQ-9)' });
    await filters.getByLabel('Besvarat från', { exact: true }).fill(yesterday);
    await filters.getByLabel('Besvarat till', { exact: true }).fill(yesterday);
    await listed(page, () => page.getByRole('button', { name: 'Sök', exact: true }).click());
    assert.equal(await count(page), 'Visar 1–4 av 4.');
    await listed(page, () => page.locator('#answers thead').getByRole('button', { name: 'Uppmärksamhet', exact: true }).click());
    const first = rows(page).first();
    assert.equal(await first.getByRole('link').textContent(), greta.name);
    assert.equal(await first.locator('.level').textContent(), '!Allvarlig');
    assert.deepEqual(await rows(page).locator('.level').allTextContents(), ['!Allvarlig'], 'the only one that needs attention');

    // The answer: who, the score with its band, the alert, the answers in words, the history.
    await first.getByRole('link').click();
    await h1(page, 'Hälsoformulär (PHQ-9)');
    assert.equal(new URL(page.url()).hash, `#/uppfoljning/${known.greta.id}`);
    const facts = page.locator('.answer-facts');
    assert.match(await text(facts), /Mottagare Greta Holm 19620514-3248/);
    assert.match(await text(facts), /Formulär Hälsoformulär \(PHQ-9\), version 1/);
    assert.match(await text(facts), /Status Inskickat/);
    assert.match(await text(facts), /Dokumenterad Nej/);
    assert.equal(await text(page.locator('#score-total')),
      'PHQ-9, summa 17 av 27 Måttligt svåra Gränser: PHQ-9 severity, Kroenke, Spitzer & Williams 2001');
    const alert = page.locator('.alert-list li');
    assert.equal(await alert.count(), 1);
    assert.match(await text(alert), /^! Allvarlig Fråga 9 \(tankar på att det vore bättre att vara död eller på att skada sig själv\) är besvarad/);
    const q9 = page.locator('.answer-row', { hasText: 'skada dig på något sätt' });
    assert.match(await text(q9), /^9\. .*Flera dagar$/);
    assert.deepEqual(await history(page), ['Skickat', 'Öppnat', 'Sparat', 'Granskat', 'Inskickat']);
    assert.equal(await page.getByRole('button', { name: 'Skicka påminnelse' }).count(), 0, 'submitted: nothing to remind of');
    await lookHere(page, 'staff-70-answer', 'desktop');

    // Markera som dokumenterad: the button goes, the history and the facts say so.
    await page.getByRole('button', { name: 'Markera som dokumenterad', exact: true }).click();
    await page.locator('#av-status', { hasText: 'Formulärsvaret är markerat som dokumenterat.' }).waitFor();
    assert.deepEqual(await history(page), ['Skickat', 'Öppnat', 'Sparat', 'Granskat', 'Inskickat', 'Dokumenterat']);
    assert.equal(await page.getByRole('button', { name: 'Markera som dokumenterad' }).count(), 0);
    assert.doesNotMatch(await text(facts), /Dokumenterad Nej/);

    // Exportera PDF: the file from the export area, in Swedish with the score and band; page 1 as a PNG.
    await page.getByRole('button', { name: 'Exportera PDF', exact: true }).click();
    await page.locator('#av-status', { hasText: 'PDF-filen är klar. Den finns i exportområdet i 14 dagar.' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'av-download');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: `Ladda ner formularsvar-${known.greta.id}.pdf`, exact: true }).click();
    const download = await downloading;
    assert.equal(download.suggestedFilename(), `formularsvar-${known.greta.id}.pdf`);
    const pdf = path.join(mkdtempSync(path.join(tmpdir(), 'blankett-e2e-')), download.suggestedFilename());
    await download.saveAs(pdf);
    const printed = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    for (const expected of ['Vårdcentralen Norr', 'Hälsoformulär (PHQ-9)', 'Greta Holm', '19620514-3248', 'PHQ-9, summa', '17',
      'Måttligt svåra', 'Flera dagar', 'Sida 1 av']) assert.ok(printed.includes(expected), `the PDF says ${expected}`);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(screenshotDir, 'staff-71-answer-pdf-page1')]);
    assert.deepEqual(await history(page), ['Skickat', 'Öppnat', 'Sparat', 'Granskat', 'Inskickat', 'Dokumenterat', 'Exporterat']);

    // Gallra: asked first (Avbryt keeps it), then gone for good, and back to the list without it.
    await page.getByRole('button', { name: 'Gallra', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Gallra formulärsvar' });
    await dialog.waitFor();
    assert.equal(await dialog.locator('#ask-text').textContent(), 'Vill du gallra 1 formulärsvar? Det går inte att ångra.');
    await lookHere(page, 'staff-72-answer-gallra', 'desktop');
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    assert.equal((await (await server.staff('sjukskoterska')).get(`/api/v1/answers/${known.greta.id}`)).status, 200);
    await page.getByRole('button', { name: 'Gallra', exact: true }).click();
    await dialog.getByRole('button', { name: 'Ja, gallra', exact: true }).click();
    await page.locator('.notice', { hasText: 'Formulärsvaret är gallrat.' }).waitFor();
    await listed(page, () => page.getByRole('link', { name: 'Tillbaka till Uppföljning' }).click());
    assert.equal(await count(page), 'Visar 1–3 av 3.');
    assert.equal(await rows(page).filter({ hasText: greta.name }).count(), 0);
    assert.equal((await (await server.staff('sjukskoterska')).get(`/api/v1/answers/${known.greta.id}`)).status, 404);
    errors.assertNone();
  });

  test('measurements on the Hälsoenkät: checked, saved, and the result follows; the view on a phone', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: [...expectedErrors, /status of 422/] });
    await staffLogin(page, server, 'sjukskoterska');
    await page.goto(server.url(`/personal/#/uppfoljning/${known.ingrid.id}`));
    await h1(page, 'Hälsoenkät inför hälsosamtal');
    const bmi = page.locator('.result-row', { hasText: 'BMI' }).first();
    assert.match(await text(bmi), /^BMI Kan inte beräknas: värden saknas/);
    const weight = page.getByLabel('Vikt (kg)', { exact: true });
    // Not a number: said beside the field, nothing sent.
    await weight.fill('sjuttio');
    await page.getByRole('button', { name: 'Spara mätvärden' }).click();
    await page.locator('#error-summary', { hasText: 'Ange ett tal, till exempel 72,5.' }).waitFor();
    assert.equal(await weight.getAttribute('aria-invalid'), 'true');
    // Out of range: the core refuses it (422), said beside the field.
    await weight.fill('500');
    await page.getByRole('button', { name: 'Spara mätvärden' }).click();
    await page.locator('#error-summary', { hasText: 'Ange ett värde mellan 30 och 300.' }).waitFor();
    await weight.fill('72,5');
    await page.getByLabel('Längd (cm)', { exact: true }).fill('165');
    await page.getByRole('button', { name: 'Spara mätvärden' }).click();
    await page.locator('#av-status', { hasText: 'Mätvärdena är sparade och resultatet är uppdaterat.' }).waitFor();
    assert.match(await text(bmi), /^BMI 26,6 kg\/m²/);
    assert.equal(await text(page.locator('.profile-table tr', { hasText: 'Vikt (BMI)' })), 'Vikt (BMI) – Övervikt');
    assert.equal((await history(page)).at(-1), 'Mätvärden registrerade');
    assert.equal(await weight.inputValue(), '72,5');
    await lookHere(page, 'staff-73-answer-measurements', 'desktop');

    // A form still waiting for its answer: no result yet, Skicka påminnelse instead of Markera som dokumenterad.
    await page.goto(server.url(`/personal/#/uppfoljning/${known.waiting.id}`));
    await h1(page, 'Hälsoformulär (PHQ-9)');
    await page.getByText('Det finns inget resultat ännu: formuläret är inte inskickat.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Markera som dokumenterad' }).count(), 0);
    await page.getByRole('button', { name: 'Skicka påminnelse', exact: true }).click();
    await page.locator('#av-status', { hasText: 'Påminnelsen är skickad.' }).waitFor();
    // (The reminder's e-mail, Aviserat, goes through the outbox whenever it goes.)
    assert.deepEqual((await history(page)).filter((k) => k !== 'Aviserat'), ['Skickat', 'Påminnelse skickad']);
    errors.assertNone();

    // The admin reads answers but may not export them: the page says why instead of the button.
    await staffLogin(page, server, 'admin');
    await page.goto(server.url(`/personal/#/uppfoljning/${known.ingrid.id}`));
    await h1(page, 'Hälsoenkät inför hälsosamtal');
    assert.equal(await page.getByRole('button', { name: 'Exportera PDF' }).count(), 0);
    await page.getByText('Du behöver behörigheten Export av formulärsvar för att exportera ett formulärsvar.').waitFor();

    // On a phone: the same answer, nothing wider than the screen.
    const phone = await newPage(browser, 'phone');
    await staffLogin(phone, server, 'sjukskoterska');
    await phone.goto(server.url(`/personal/#/uppfoljning/${known.ingrid.id}`));
    await h1(phone, 'Hälsoenkät inför hälsosamtal');
    assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
    await lookHere(phone, 'staff-74-answer', 'phone');
  });
});
