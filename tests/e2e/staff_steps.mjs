// Steps the staff end-to-end tests share: log in to the staff app (/personal/), the menu's links, a look
// at a page (axe-core and a screenshot at the page's width), a .txt file of recipients, the PHQ-9
// answers a citizen gives in the browser, and the code printed in a paper letter.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkAccessibility, screenshot } from './harness.mjs';
import { radio } from './citizen_steps.mjs';

// Before login the staff app asks who is logged in: that 401 is expected.
export const expectedErrors = [/status of 401/];

// Logs out whoever was in (the tests of one browser share its cookies and its choice of language) and
// logs in as a demo staff member, in Swedish; waits for the page the login leads to (the start page unless said otherwise).
export async function staffLogin(page, server, username, { landing = 'Start' } = {}) {
  await page.context().clearCookies();
  await page.goto(server.url('/personal/#/login'));
  await page.evaluate(() => localStorage.removeItem('blankett.lang'));  // Swedish
  await page.reload();  // a fresh app: the cookies are gone
  await page.getByRole('heading', { level: 1, name: 'Logga in som vårdpersonal' }).waitFor();
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill(server.passwords[username]);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: landing }).waitFor();
}

// A link of the menu: a module (Utskick, Uppföljning, Design, Administrera), or one of the pages of the
// module shown (Skicka formulär, Skapa formulärlänkar, Skickade utskick).
export const menuLink = (page, name) => page.getByRole('navigation', { name: 'Meny' }).getByRole('link', { name, exact: true });
export const pageLink = (page, name) => page.getByRole('navigation', { name: 'Meny' }).getByRole('list', { name: 'Utskick' })
  .getByRole('link', { name, exact: true });

// axe-core on the page as it is and a screenshot named <name>-<the page's preset>.
export async function lookHere(page, name, size) {
  await checkAccessibility(page, `${name} (${size})`);
  await screenshot(page, `${name}-${size}`);
}

// A .txt file with these lines in a fresh folder; returns its path.
export function textFile(name, lines) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'blankett-e2e-')), name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

// Answers PHQ-9 on its one page ("Inte alls" everywhere, so no follow-up question), reviews and
// submits it; waits for the receipt.
export async function answerPhq9(page) {
  await page.locator('#page-form').waitFor();
  for (let i = 1; i <= 9; ++i) await radio(page, `q${i}`, 'Inte alls').check();
  await page.getByRole('button', { name: 'Granska dina svar' }).click();
  await page.getByRole('button', { name: 'Bekräfta och skicka' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tack! Dina svar är skickade' }).waitFor();
}

// The code to type by hand that a paper letter (a PDF file) prints.
export function letterCode(pdfFile) {
  const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
  const m = /\b([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})\b/.exec(text);
  assert.ok(m, 'the letter prints a code');
  return m[1];
}

// Today and the defaults' dates as the app computes them (YYYY-MM-DD, the browser's local date: the
// browser runs in Europe/Stockholm (harness.mjs) whatever this machine's zone, so between 23:00 and
// midnight UTC its today is already tomorrow here).
export function datesAhead(months) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date()).map((p) => [p.type, Number(p.value)]));
  const first = new Date(parts.year, parts.month - 1 + months, 1);
  const last = new Date(first.getFullYear(), first.getMonth() + 1, 0).getDate();
  const day = new Date(first.getFullYear(), first.getMonth(), Math.min(parts.day, last));
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}
