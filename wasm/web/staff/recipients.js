// The recipients of a dispatch as the sender builds the list: numbers typed or read from a .txt file
// (one a line, or one line separated by commas), each checked by the server (POST /dispatches/check)
// with the numbers already listed, so that the same person twice is caught in any written form; the
// refusals as texts with their line; the list with who has logged in and who gets notifications.
import { html, repeat } from '../lib/html.js';
import { addTexts, t } from '../lib/i18n.js';
import { api } from './api.js';

addTexts({
  sv: {
    lineWhere: 'Rad {line}: ',
    linePartWhere: 'Rad {line} (nummer {part}): ',
    refusedFormat: '{number} har fel format. Skriv ÅÅÅÅMMDDNNNN eller ÅÅÅÅMMDD-NNNN.',
    refusedChecksum: '{number}: kontrollsiffran stämmer inte. Kontrollera numret.',
    refusedDate: '{number} innehåller inget giltigt datum.',
    refusedBirthNumber: '{number}: födelsenumret 000 finns inte.',
    refusedFuture: '{number}: födelsedatumet har inte kommit än.',
    refusedSeparator: '{number}: plustecken används bara för den som har fyllt 100 år.',
    refusedInterim: '{number} är ett interimsnummer, som inte kan användas.',
    refusedNotNumber: '{number} är inte ett personnummer.',
    refusedDuplicate: '{number} finns redan i listan: numren är sammanslagna till en mottagare.',
    refusedUnreachable: '{number} kan inte nås via personnummer: skapa en formulärlänk i stället.',
    refusedOther: '{number} kan inte läggas till.',
    refusedFull: '{number} fick inte plats: ett utskick har högst 1000 mottagare.',
    fileNotText: 'Filen {name} är inte en textfil. Importera en .txt-fil med ett personnummer per rad, eller på en rad med komma mellan.',
    fileTooLarge: 'Filen {name} är för stor för en lista med mottagare.',
    fileEmpty: 'Filen {name} innehåller inga personnummer.',
    fileRead: 'Filen {name} kunde inte läsas.',
    colPnrRecipient: 'Personnummer',
    colLoggedIn: 'Har loggat in',
    colNotifications: 'Avisering',
    colRemove: 'Ta bort',
    notifyBoth: 'E-post och sms',
    notifyEmail: 'E-post',
    notifySms: 'Sms',
    notifyNone: 'Ingen avisering',
    remove: 'Ta bort',
    removeWho: 'Ta bort {number}',
  },
  en: {
    lineWhere: 'Line {line}: ',
    linePartWhere: 'Line {line} (number {part}): ',
    refusedFormat: '{number} has the wrong format. Write YYYYMMDDNNNN or YYYYMMDD-NNNN.',
    refusedChecksum: '{number}: the check digit is wrong. Check the number.',
    refusedDate: '{number} does not hold a valid date.',
    refusedBirthNumber: '{number}: the birth number 000 does not exist.',
    refusedFuture: '{number}: the date of birth has not come yet.',
    refusedSeparator: '{number}: a plus sign is only for people who have turned 100.',
    refusedInterim: '{number} is an interim number, which cannot be used.',
    refusedNotNumber: '{number} is not a personal identity number.',
    refusedDuplicate: '{number} is in the list already: the numbers are merged into one recipient.',
    refusedUnreachable: '{number} cannot be reached by personal identity number: create a form link instead.',
    refusedOther: '{number} cannot be added.',
    refusedFull: '{number} did not fit: a dispatch has at most 1000 recipients.',
    fileNotText: 'The file {name} is not a text file. Import a .txt file with one personal identity number a line, or on one line separated by commas.',
    fileTooLarge: 'The file {name} is too large for a list of recipients.',
    fileEmpty: 'The file {name} holds no personal identity numbers.',
    fileRead: 'The file {name} could not be read.',
    colPnrRecipient: 'Personal identity number',
    colLoggedIn: 'Has logged in',
    colNotifications: 'Notification',
    colRemove: 'Remove',
    notifyBoth: 'E-mail and SMS',
    notifyEmail: 'E-mail',
    notifySms: 'SMS',
    notifyNone: 'No notification',
    remove: 'Remove',
    removeWho: 'Remove {number}',
  },
});

export const maxRecipients = 1000;

// The server's refusal codes (docs/api.md, "Dispatches") as text keys.
const refusals = {
  'recipient.format': 'refusedNotNumber',
  'pnr.format': 'refusedFormat',
  'pnr.checksum': 'refusedChecksum',
  'pnr.date': 'refusedDate',
  'pnr.birth_number': 'refusedBirthNumber',
  'pnr.future': 'refusedFuture',
  'pnr.separator': 'refusedSeparator',
  'pnr.interim': 'refusedInterim',
  'recipient.duplicate': 'refusedDuplicate',
  'recipient.unreachable': 'refusedUnreachable',
  full: 'refusedFull',
};

// A refused entry ({line?, part?, text, code}) in words: where it was, the number and why.
export function refusalText(p) {
  const where = p.line ? t(p.part ? 'linePartWhere' : 'lineWhere', { line: p.line, part: p.part }) : '';
  return where + t(refusals[p.code] ?? 'refusedOther', { number: p.text });
}

// A number as staff read it: twelve digits as ÅÅÅÅMMDD-NNNN, anything else as it was written.
export const pnrShown = (text) => (/^\d{12}$/.test(text) ? `${text.slice(0, 8)}-${text.slice(8)}` : text);

// The entries of a file's text: one number a line, or numbers separated by commas (or semicolons) on
// a line; [{line, part?, text}], part only where a line holds more than one.
export function fileEntries(text) {
  const entries = [];
  text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).forEach((line, i) => {
    const parts = line.split(/[,;]/).map((s) => s.trim()).filter(Boolean);
    parts.forEach((s, j) => entries.push({ line: i + 1, ...(parts.length > 1 ? { part: j + 1 } : {}), text: s }));
  });
  return entries;
}

// Typed numbers: one, or several separated by commas, semicolons or spaces; [{text}].
export const typedEntries = (text) => text.split(/[\s,;]+/).filter(Boolean).map((s) => ({ text: s }));

// A file chosen for import as text, or {problem: text key} when it cannot be a list of numbers.
export async function readFile(file) {
  if (file.size > 1024 * 1024) return { problem: 'fileTooLarge' };
  let text;
  try { text = await file.text(); } catch { return { problem: 'fileRead' }; }
  if (text.includes('\u0000')) return { problem: 'fileNotText' };
  return { text };
}

// Checks new entries against the list: resolves to {added: [recipient], refused: [entry with code]}.
// A recipient is {text (as written), has_logged_in, notifications: {email, sms}, advice}. Entries beyond
// the list's room are refused as 'full' without asking.
export async function checkEntries(list, entries) {
  const room = Math.max(0, maxRecipients - list.length);
  const asked = entries.slice(0, room);
  const refused = entries.slice(room).map((e) => ({ ...e, code: 'full' }));
  const added = [];
  if (asked.length) {
    const r = (await api.check([...list.map((x) => x.text), ...asked.map((e) => e.text)])).json;
    asked.forEach((e, i) => {
      const answer = r.recipients[list.length + i];
      if (answer.status === 'ok') {
        added.push({ text: e.text, has_logged_in: answer.has_logged_in, notifications: answer.notifications, advice: answer.advice });
      } else {
        refused.unshift({ ...e, code: answer.code });
      }
    });
    refused.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.part ?? 0) - (b.part ?? 0));
  }
  return { added, refused };
}

export const notificationText = ({ email, sms }) =>
  (email && sms ? t('notifyBoth') : email ? t('notifyEmail') : sms ? t('notifySms') : t('notifyNone'));

// The list as a table; remove(recipient) takes one out.
export function recipientTable(list, caption, remove) {
  const row = (r) => html`<tr>
    <th scope="row" data-label=${t('colPnrRecipient')}>${pnrShown(r.text)}</th>
    <td data-label=${t('colLoggedIn')}>${r.has_logged_in ? t('yes') : t('no')}</td>
    <td data-label=${t('colNotifications')}>${r.advice === 'no_notifications'
      ? html`<span class="warn-text">${t('notifyNone')}</span>` : notificationText(r.notifications)}</td>
    <td class="cell-action"><button type="button" class="button secondary" @click=${() => remove(r)}
      aria-label=${t('removeWho', { number: pnrShown(r.text) })}>${t('remove')}</button></td>
  </tr>`;
  return html`<div class="table-wrap"><table class="list recipients" id="recipients">
    <caption>${caption}</caption>
    <thead><tr><th scope="col">${t('colPnrRecipient')}</th><th scope="col">${t('colLoggedIn')}</th>
      <th scope="col">${t('colNotifications')}</th><th scope="col"><span class="visually-hidden">${t('colRemove')}</span></th></tr></thead>
    <tbody>${repeat(list, (r) => r.text, row)}</tbody>
  </table></div>`;
}

export const withoutNotifications = (list) => list.filter((r) => r.advice === 'no_notifications');
