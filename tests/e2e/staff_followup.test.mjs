// Uppföljning end to end: PHQ-9 sent through the API to Anna, Erik and Sara, Anna answering question 9
// (a critical alert) and Erik a mild total, Erik's answer documented, and GAD-7 sent to 30 of
// Skatteverket's test numbers so that the list has more than one page. Then in the browser as
// sjukskoterska: the total; Behöver uppmärksamhet leaves Anna's row alone with its badge, and back and
// forward step between the filters in the address; sorted by Uppmärksamhet Anna comes first (aria-sort,
// the button keeps focus); Formulär, Dokumenterad, Gallras efter and Personnummer filter (the number
// never in the address, kept by a reload; a wrong one said beside its field); Välj kolumner hides
// Gallras efter for this user, kept by a reload; 25 per page and Nästa; a row's name leads to the answer
// and back to the same page of the list. The same list on a phone: cards, the order as a select, no
// sideways scrolling. axe-core and screenshots at both widths.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { answerForm as answerWhole, people, root, sample } from '../api/server.mjs';
import { collectConsoleErrors, newPage } from './harness.mjs';
import { serverAndBrowser } from './citizen_steps.mjs';
import { expectedErrors, lookHere, menuLink, staffLogin } from './staff_steps.mjs';

let server;
let browser;
serverAndBrowser((s, b) => { server = s; browser = b; });

// The server refuses a wrong personnummer (400): the page says so beside the field.
const errorsAllowed = [...expectedErrors, /status of 400/];
const h1 = (page, name) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
const dashed = (pnr) => `${pnr.slice(0, 8)}-${pnr.slice(8)}`;
const pins = JSON.parse(readFileSync(path.join(root, 'tests/data/external/personnummer/personnummer-meta-allPins.json'), 'utf8'))
  .filter((p) => p >= '1960' && p < '1990' && !Object.values(people).includes(p)).slice(0, 30);


// What the setup made: the instances by person, and how many answers the unit has.
const known = {};

// Waits for the list after an action that asks the server for it (a search, a sort, a page, a reload).
async function listed(page, act) {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/answers');
  await act();
  await answered;
  await page.waitForFunction(() => document.querySelector('#followup .results')?.getAttribute('aria-busy') === 'false');
}

const count = (page) => page.locator('#fu-count').textContent();
const rows = (page) => page.locator('#answers tbody tr');
// A row's cells and the table's heads, without the box that selects the row (staff_followup_actions).
const cells = (row) => row.locator('th, td:not(.pick-cell)').evaluateAll((cs) => cs.map((c) => c.textContent.trim().replace(/\s+/g, ' ')));
const heads = (page) => page.locator('#answers thead th:not(.pick-cell)').evaluateAll((ths) => ths.map((th) => th.textContent.replace(/[▲▼↕]/g, '').trim()));
// A field of the filters (the column chooser has boxes of the same names).
const filter = (page, name) => page.locator('#fu-filters').getByLabel(name, { exact: true });
const sortButton = (page, name) => page.locator('#answers thead').getByRole('button', { name, exact: true });
const sortHead = (page, name) => page.locator('#answers thead th', { has: page.getByRole('button', { name, exact: true }) });
const search = (page) => listed(page, () => page.getByRole('button', { name: 'Sök', exact: true }).click());
const focused = (page) => page.evaluate(() => document.activeElement?.textContent.replace(/[▲▼↕]/g, '').trim() || document.activeElement?.id);

describe('Uppföljning', () => {
  before(async () => {
    const nurse = await server.staff('sjukskoterska');
    const templates = (await nurse.get('/api/v1/templates')).json.templates;
    const phq9 = templates.find((x) => x.form_id === 'phq-9');
    const gad7 = templates.find((x) => x.form_id === 'gad-7');
    const three = [people.anna, people.erik, people.sara];
    let r = await nurse.post('/api/v1/dispatches', { template: phq9.id, recipients: three });
    assert.equal(r.status, 201, r.text);
    known.sent = Object.fromEntries(r.json.recipients.map((x, i) => [three[i], x.instance]));
    // Anna answers question 9 (thoughts of self-harm): critical; Erik a mild total, documented; Sara not yet.
    await answerWhole(await server.citizen(people.anna), known.sent[people.anna], sample('phq-9', 'answers/valid-moderately-severe.json').answers);
    await answerWhole(await server.citizen(people.erik), known.sent[people.erik], sample('phq-9', 'answers/valid-mild.json').answers);
    assert.equal((await nurse.post(`/api/v1/answers/${known.sent[people.erik]}/documented`)).status, 200);
    r = await nurse.post('/api/v1/dispatches', { template: gad7.id, recipients: pins });
    assert.equal(r.status, 201, r.text);
    known.phq9 = phq9;
    known.total = (await nurse.get('/api/v1/answers?limit=1')).json.total;
    known.phq9Total = (await nurse.get(`/api/v1/answers?limit=1&template=${phq9.id}`)).json.total;
    assert.ok(known.total > 25 && known.total <= 50, `${known.total} answers: two pages of 25, one of 50`);
    assert.ok(known.phq9Total >= 4, 'the demo\'s PHQ-9 answers and these three');
    // Answers with a warning or a critical alert: Anna's, and any of the demo's (Greta Holm's).
    known.attention = (await nurse.get('/api/v1/answers?limit=1&attention=true')).json.total;
    assert.ok(known.attention >= 1);
  });

  test('at desktop width: the total, triage, sorting, filters in the address, columns, paging, an answer and back', async () => {
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: errorsAllowed });
    const shot = (name) => lookHere(page, `staff-60-followup-${name}`, 'desktop');
    await staffLogin(page, server, 'sjukskoterska');
    await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('blankett.followup.')) localStorage.removeItem(k); });

    // The list: every answer of the unit counted, the first 50 shown, the default columns.
    await menuLink(page, 'Uppföljning').click();
    await h1(page, 'Uppföljning');
    assert.equal(await count(page), `Visar 1–${known.total} av ${known.total}.`);
    assert.equal(await rows(page).count(), known.total);
    assert.deepEqual(await heads(page), ['Uppmärksamhet', 'Namn', 'Personnummer', 'Formulär', 'Status', 'Skickat', 'Inskickat',
      'Besvaras senast', 'Gallras efter', 'Dokumenterad']);
    const sorted = page.locator('#answers thead th[aria-sort]');
    assert.equal(await sorted.getAttribute('aria-sort'), 'descending', 'newest sent first');
    assert.equal(await sorted.evaluate((th) => th.textContent.replace(/[▲▼↕]/g, '').trim()), 'Skickat');
    const anna = rows(page).filter({ has: page.getByRole('link', { name: 'Anna Andersson' }) }).filter({ hasText: 'Inskickat' });
    assert.equal(await anna.count(), 1);
    assert.match(await anna.getAttribute('class'), /needs-attention/);
    assert.equal(await anna.locator('.level').textContent(), '!Allvarlig');
    // Without the export role (Export av formulärsvar): no exports, no way to the export area.
    assert.equal(await page.getByRole('button', { name: 'Exportera PDF', exact: true }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Exportera CSV', exact: true }).count(), 0);
    assert.equal(await page.locator('#fu-exports-link').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Gallra', exact: true }).count(), 1);
    await shot('list');

    // Behöver uppmärksamhet: the answers with an alert, Anna's (the newest) first, the filter in the address.
    await filter(page, 'Behöver uppmärksamhet').check();
    await search(page);
    assert.equal(await count(page), `Visar 1–${known.attention} av ${known.attention}.`);
    assert.deepEqual((await cells(rows(page).first())).slice(0, 5),
      ['!Allvarlig', 'Anna Andersson', dashed(people.anna), 'Hälsoformulär (PHQ-9)', 'Inskickat']);
    assert.equal(new URL(page.url()).hash, '#/uppfoljning?attention=true');
    assert.equal(await focused(page), 'Formulärsvar', 'focus on the results');
    await shot('attention');
    // Back: the whole list and the box unticked; forward: the filter again.
    await listed(page, () => page.goBack());
    assert.equal(await count(page), `Visar 1–${known.total} av ${known.total}.`);
    assert.equal(await filter(page, 'Behöver uppmärksamhet').isChecked(), false);
    await listed(page, () => page.goForward());
    assert.equal(await count(page), `Visar 1–${known.attention} av ${known.attention}.`);
    assert.equal(await filter(page, 'Behöver uppmärksamhet').isChecked(), true);
    await listed(page, () => page.getByRole('button', { name: 'Rensa filter' }).click());
    assert.equal(await filter(page, 'Behöver uppmärksamhet').isChecked(), false);
    assert.equal(await count(page), `Visar 1–${known.total} av ${known.total}.`);

    // Sorted by Uppmärksamhet: Anna first; again, and she is last. The button keeps focus.
    await listed(page, () => sortButton(page, 'Uppmärksamhet').click());
    assert.equal(await sortHead(page, 'Uppmärksamhet').getAttribute('aria-sort'), 'descending');
    assert.equal(await page.locator('#answers thead th[aria-sort]').count(), 1);
    assert.equal(await rows(page).first().getByRole('link').textContent(), 'Anna Andersson');
    assert.equal(await rows(page).first().locator('.level').textContent(), '!Allvarlig');
    assert.equal(await focused(page), 'Uppmärksamhet');
    assert.equal(new URL(page.url()).hash, '#/uppfoljning?sort=alert', 'the order in the address (descending is the default)');
    await listed(page, () => sortButton(page, 'Uppmärksamhet').click());
    assert.equal(await sortHead(page, 'Uppmärksamhet').getAttribute('aria-sort'), 'ascending');
    assert.equal(await rows(page).last().getByRole('link').textContent(), 'Anna Andersson');

    // Formulär and Dokumenterad: PHQ-9's answers, Erik's documented one.
    await filter(page, 'Formulär').selectOption({ label: 'Hälsoformulär (PHQ-9)' });
    await search(page);
    assert.equal(await count(page), `Visar 1–${known.phq9Total} av ${known.phq9Total}.`);
    assert.match(page.url(), new RegExp(`template=${known.phq9.id}`));
    assert.match(page.url(), /sort=alert&dir=asc/, 'the order stays');
    await filter(page, 'Dokumenterad').selectOption({ label: 'Ja' });
    await search(page);
    assert.equal(await count(page), 'Visar 1–1 av 1.');
    const erik = await cells(rows(page).first());
    assert.equal(erik[1], 'Erik Svensson');
    assert.notEqual(erik[9], 'Nej', 'the day it was documented');
    await filter(page, 'Dokumenterad').selectOption({ label: 'Alla' });
    // Gallras efter: answers due on or before today; none yet.
    const today = await page.evaluate(() => new Date().toLocaleDateString('sv-SE'));
    await filter(page, 'Gallras efter').fill(today);
    await search(page);
    assert.equal(await count(page), 'Inga formulärsvar matchar filtret.');
    assert.equal(await rows(page).count(), 0);
    assert.match(page.url(), new RegExp(`delete_after_to=${today}`));
    await filter(page, 'Gallras efter').fill('');

    // Personnummer: Erik's PHQ-9, and his number nowhere in the address; a reload keeps it.
    await filter(page, 'Personnummer').fill(dashed(people.erik));
    await search(page);
    assert.equal(await count(page), 'Visar 1–1 av 1.');
    assert.equal((await cells(rows(page).first()))[2], dashed(people.erik));
    assert.doesNotMatch(page.url(), /19760101|2391/);
    await listed(page, () => page.reload());
    await h1(page, 'Uppföljning');
    assert.equal(await count(page), 'Visar 1–1 av 1.');
    assert.equal(await filter(page, 'Personnummer').inputValue(), dashed(people.erik));
    assert.equal(await filter(page, 'Formulär').inputValue(), String(known.phq9.id));
    // A number whose check digit is wrong: said beside the field, in Swedish.
    await filter(page, 'Personnummer').fill('19760102-2383');
    await search(page);
    await page.locator('#error-summary a').waitFor();
    assert.equal(await page.locator('#err-fu-pnr').textContent(), '19760102-2383: kontrollsiffran stämmer inte. Kontrollera numret.');
    assert.equal(await filter(page, 'Personnummer').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'error-summary');
    await shot('pnr-refused');
    await listed(page, () => page.getByRole('button', { name: 'Rensa filter' }).click());
    assert.equal(await page.locator('#error-summary a').count(), 0);
    assert.equal(await filter(page, 'Personnummer').inputValue(), '');
    assert.equal(await count(page), `Visar 1–${known.total} av ${known.total}.`);

    // Välj kolumner: Gallras efter hidden, for sjukskoterska on this browser; a reload keeps it.
    const toggle = page.getByRole('button', { name: 'Välj kolumner' });
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const panel = page.getByRole('group', { name: 'Kolumner som visas' });
    assert.equal(await panel.getByLabel('Namn').isDisabled(), true, 'the name is always shown');
    await panel.getByLabel('Gallras efter').uncheck();
    assert.ok(!(await heads(page)).includes('Gallras efter'));
    await panel.getByLabel('Version').check();
    assert.ok((await heads(page)).includes('Version'));
    await shot('columns');
    await page.getByRole('button', { name: 'Klar' }).click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'fu-columns-toggle');
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('blankett.followup.')));
    assert.deepEqual(stored, ['blankett.followup.columns.sjukskoterska']);
    await listed(page, () => page.reload());
    await h1(page, 'Uppföljning');
    assert.ok(!(await heads(page)).includes('Gallras efter'), 'still hidden after a reload');
    assert.ok((await heads(page)).includes('Version'));

    // 25 a page: Nästa, the second page, and its total.
    await listed(page, () => page.getByLabel('Per sida').selectOption('25'));
    assert.equal(await count(page), `Visar 1–25 av ${known.total}.`);
    assert.equal(await rows(page).count(), 25);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'fu-limit');
    assert.equal(await page.getByRole('button', { name: 'Föregående' }).isDisabled(), true);
    assert.equal(await page.locator('.paging-where').textContent(), 'Sida 1 av 2');
    await listed(page, () => page.getByRole('button', { name: 'Nästa' }).click());
    assert.equal(await count(page), `Visar 26–${known.total} av ${known.total}.`);
    assert.equal(await rows(page).count(), known.total - 25);
    assert.equal(await page.getByRole('button', { name: 'Nästa' }).isDisabled(), true);
    assert.equal(await page.locator('.paging-where').textContent(), 'Sida 2 av 2');
    assert.match(page.url(), /offset=25&limit=25/);
    await shot('page-2');

    // In English: the same page, its count in English.
    await page.getByRole('button', { name: 'In English' }).click();
    await h1(page, 'Follow-up');
    assert.equal(await count(page), `Showing 26–${known.total} of ${known.total}.`);
    await page.getByRole('button', { name: 'På svenska' }).click();
    await h1(page, 'Uppföljning');

    // A row's name leads to its answer, and back to the same page of the list.
    const first = rows(page).first().getByRole('link');
    const href = await first.getAttribute('href');
    assert.match(href, /^#\/uppfoljning\/\d+$/);
    await first.click();
    // The answer's page (its heading is the form's title) with its way back.
    await page.getByRole('link', { name: 'Tillbaka till Uppföljning' }).waitFor();
    assert.equal(new URL(page.url()).hash, href);
    assert.equal(await menuLink(page, 'Uppföljning').getAttribute('aria-current'), 'page');
    await listed(page, () => page.getByRole('link', { name: 'Tillbaka till Uppföljning' }).click());
    assert.equal(await count(page), `Visar 26–${known.total} av ${known.total}.`);

    // Back to the default columns for the next test.
    await toggle.click();
    await page.getByRole('button', { name: 'Återställ standard' }).click();
    assert.ok((await heads(page)).includes('Gallras efter'));
    errors.assertNone();
    await page.close();
  });

  test('at phone width: cards, the order as a select, paging, no sideways scrolling', async () => {
    const page = await newPage(browser, 'phone');
    const errors = collectConsoleErrors(page, { ignore: errorsAllowed });
    const shot = (name) => lookHere(page, `staff-61-followup-${name}`, 'phone');
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await staffLogin(page, server, 'sjukskoterska');
    await page.goto(server.url('/personal/#/uppfoljning?limit=25'));
    await h1(page, 'Uppföljning');
    await page.locator('#fu-count', { hasText: `Visar 1–25 av ${known.total}.` }).waitFor();
    assert.equal(await page.locator('#answers thead').isVisible(), false, 'no column heads on a phone');
    assert.equal(await sideways(), 0);
    await shot('list');

    // Sorted by Uppmärksamhet through the select: Anna's card first, marked.
    await page.getByLabel('Sortera efter').selectOption({ label: 'Uppmärksamhet, allvarligast först' });
    await listed(page, () => page.getByRole('button', { name: 'Sortera', exact: true }).click());
    const card = rows(page).first();
    assert.equal(await card.getByRole('link').textContent(), 'Anna Andersson');
    assert.equal(await card.locator('.level').textContent(), '!Allvarlig');
    assert.equal(await sideways(), 0);
    await shot('sorted');

    // The columns on a phone: the panel, then the cards without Gallras efter.
    await page.getByRole('button', { name: 'Välj kolumner' }).click();
    await page.getByRole('group', { name: 'Kolumner som visas' }).getByLabel('Gallras efter').uncheck();
    assert.equal(await card.locator('td[data-label="Gallras efter"]').count(), 0);
    assert.equal(await sideways(), 0);
    await shot('columns');
    await page.getByRole('button', { name: 'Återställ standard' }).click();
    await page.getByRole('button', { name: 'Klar' }).click();

    await listed(page, () => page.getByRole('button', { name: 'Nästa' }).click());
    assert.equal(await count(page), `Visar 26–${known.total} av ${known.total}.`);
    assert.equal(await sideways(), 0);
    await shot('page-2');
    errors.assertNone();
    await page.close();
  });
});
