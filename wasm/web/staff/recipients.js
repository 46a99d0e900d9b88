// The recipients of a dispatch or a package as the sender builds the list: numbers typed or read from
// a .txt file (one a line, or one line separated by commas), each checked by the server (POST
// /dispatches/check) with the numbers already listed, so that the same person twice is caught in any
// written form; the refusals as texts with their line; the list with who has logged in and who gets
// notifications. The sending pages (Skicka formulär, Starta paketutskick) draw it as one section
// (recipientsSection) over the fields of their own state (recipientDraft) with its actions
// (recipientActions).
import { announce } from '../lib/dom.js';
import { html, nothing, repeat } from '../lib/html.js';
import { addTexts, t } from '../lib/i18n.js';
import { api } from './api.js';
import { fieldError } from './parts.js';

addTexts({
  sv: {
    recipientsHeading: 'Mottagare',
    pnrLabel: 'Personnummer',
    pnrHint: 'ÅÅÅÅMMDDNNNN eller ÅÅÅÅMMDD-NNNN. Personer med skyddad identitet kan inte läggas till: skapa en formulärlänk till dem.',
    addRecipient: 'Lägg till',
    pnrMissing: 'Skriv ett personnummer.',
    importLabel: 'Importera från fil',
    importHint: 'En textfil (.txt) med ett personnummer per rad, eller på en rad med komma mellan.',
    importedFrom: 'Import från {name}',
    addedNone: 'Ingen mottagare lades till.',
    addedOne: '1 mottagare lades till.',
    addedMany: '{count} mottagare lades till.',
    refusedOne: '1 rad kunde inte läggas till:',
    refusedMany: '{count} rader kunde inte läggas till:',
    toLinks: 'Skapa formulärlänkar',
    recipientsCaption: 'Mottagare: {count} av högst {max}',
    recipientsNone: 'Inga mottagare ännu.',
    removed: '{number} är borttagen ur listan.',
    noNoticeOne: '1 mottagare har ingen avisering med e-post eller sms och märker inte att hen har fått ett formulär. Vi rekommenderar att du tar bort mottagaren ur listan och når hen på annat sätt, till exempel per telefon eller brev.',
    noNoticeMany: '{count} mottagare har ingen avisering med e-post eller sms och märker inte att de har fått ett formulär. Vi rekommenderar att du tar bort dem ur listan och når dem på annat sätt, till exempel per telefon eller brev.',
    removeNoNotice: 'Ta bort mottagare utan avisering',
    removedNoNotice: '{count} mottagare utan avisering är borttagna ur listan.',
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
    recipientsHeading: 'Recipients',
    pnrLabel: 'Personal identity number',
    pnrHint: 'YYYYMMDDNNNN or YYYYMMDD-NNNN. People with protected identity cannot be added: create a form link for them.',
    addRecipient: 'Add',
    pnrMissing: 'Enter a personal identity number.',
    importLabel: 'Import from a file',
    importHint: 'A text file (.txt) with one personal identity number a line, or on one line separated by commas.',
    importedFrom: 'Import from {name}',
    addedNone: 'No recipient was added.',
    addedOne: '1 recipient was added.',
    addedMany: '{count} recipients were added.',
    refusedOne: '1 line could not be added:',
    refusedMany: '{count} lines could not be added:',
    toLinks: 'Create form links',
    recipientsCaption: 'Recipients: {count} of at most {max}',
    recipientsNone: 'No recipients yet.',
    removed: '{number} has been removed from the list.',
    noNoticeOne: '1 recipient has no notification by e-mail or SMS and will not notice that they have been sent a form. We recommend that you remove the recipient from the list and reach them another way, for example by phone or letter.',
    noNoticeMany: '{count} recipients have no notification by e-mail or SMS and will not notice that they have been sent a form. We recommend that you remove them from the list and reach them another way, for example by phone or letter.',
    removeNoNotice: 'Remove recipients without notification',
    removedNoNotice: '{count} recipients without notification have been removed from the list.',
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

// ---- The section of a sending page -----------------------------------------------------------------------
// The fields a page's state holds for the list (spread into it, so that a draft keeps them).
export const recipientDraft = () => ({ pnr: '', pnrError: '', pnrUnreachable: false, recipients: [], report: null, busy: false });

const countText = (count, one, many) => t(count === 1 ? one : many, { count });

// The last import's report: which file, how many were added, each refused line and why.
function report(r) {
  if (!r) return nothing;
  const unreachable = r.refused?.some((p) => p.code === 'recipient.unreachable');
  const problems = Boolean(r.problem) || r.refused.length > 0;
  return html`<div class="report ${problems ? 'has-problems' : ''}" id="recipient-report" tabindex="-1" role="group"
      aria-labelledby="recipient-report-title">
    <h3 id="recipient-report-title">${t('importedFrom', { name: r.file })}</h3>
    ${r.problem ? html`<p>${t(r.problem, { name: r.file })}</p>` : html`
      <p>${r.added ? countText(r.added, 'addedOne', 'addedMany') : t('addedNone')}</p>
      ${r.refused.length ? html`<p>${countText(r.refused.length, 'refusedOne', 'refusedMany')}</p>
        <ul>${r.refused.map((p) => html`<li>${refusalText(p)}</li>`)}</ul>` : nothing}
      ${unreachable ? html`<p><a href="#/utskick/lankar">${t('toLinks')}</a></p>` : nothing}`}
  </div>`;
}

// The section "Mottagare": s holds recipientDraft()'s fields, errors the page's [{field, text}] (the
// number's box is pnr), a the actions of recipientActions().
export function recipientsSection(s, errors, a) {
  const unnotified = withoutNotifications(s.recipients).length;
  const pnrMessage = s.pnrError ? html`<p class="field-error" id="err-pnr">${s.pnrError}${s.pnrUnreachable
    ? html` <a href="#/utskick/lankar">${t('toLinks')}</a>` : nothing}</p>` : fieldError(errors, 'pnr');
  const pnrInvalid = s.pnrError || errors.some((e) => e.field === 'pnr');
  return html`<section class="section" aria-labelledby="recipients-heading">
    <h2 id="recipients-heading" tabindex="-1">${t('recipientsHeading')}</h2>
    <form class="field add-recipient" novalidate @submit=${a.addTyped}>
      <label for="pnr">${t('pnrLabel')}</label>
      <p class="hint" id="pnr-hint">${t('pnrHint')}</p>${pnrMessage}
      <div class="input-row">
        <input type="text" id="pnr" inputmode="numeric" autocomplete="off" .value=${s.pnr}
          aria-describedby=${pnrInvalid ? 'pnr-hint err-pnr' : 'pnr-hint'} aria-invalid=${pnrInvalid ? 'true' : nothing}
          @input=${(ev) => { s.pnr = ev.target.value; }}>
        <button type="submit" class="button secondary" ?disabled=${s.busy}>${t('addRecipient')}</button>
      </div>
    </form>
    <div class="field file-field">
      <label for="import">${t('importLabel')}</label>
      <p class="hint" id="import-hint">${t('importHint')}</p>
      <input type="file" id="import" accept=".txt,text/plain" aria-describedby="import-hint" ?disabled=${s.busy} @change=${a.importFile}>
    </div>
    ${report(s.report)}
    ${s.recipients.length
      ? recipientTable(s.recipients, t('recipientsCaption', { count: s.recipients.length, max: maxRecipients }), a.remove)
      : html`<p class="empty">${t('recipientsNone')}</p>`}
    ${unnotified ? html`<div class="notice notice-warning" id="no-notice-advice">
        <p>${countText(unnotified, 'noNoticeOne', 'noNoticeMany')}</p>
        <button type="button" class="button secondary" @click=${a.removeUnnotified}>${t('removeNoNotice')}</button>
      </div>` : nothing}
  </section>`;
}

// The section's actions over s (recipientDraft()'s fields and the page's errors): draw() draws the
// page; failed(e, field) says a failed check (or leaves the page for a 401).
export function recipientActions(s, { draw, failed }) {
  const a = {
    // Adds entries (typed or from a file): resolves to {added, refused}, or null when the call failed.
    async add(entries) {
      s.busy = true;
      draw();
      try {
        const r = await checkEntries(s.recipients, entries);
        s.recipients = [...s.recipients, ...r.added];
        s.errors = s.errors.filter((e) => e.field !== 'pnr' || !s.recipients.length);
        return r;
      } catch (e) {
        failed(e, 'pnr');
        return null;
      } finally {
        s.busy = false;
      }
    },
    async addTyped(ev) {
      ev.preventDefault();
      const entries = typedEntries(s.pnr);
      s.pnrUnreachable = false;
      if (!entries.length) {
        s.pnrError = t('pnrMissing');
        draw();
        announce(s.pnrError);
        document.getElementById('pnr').focus();
        return;
      }
      const r = await a.add(entries);
      if (!r) return;
      s.pnrError = r.refused.map(refusalText).join(' ');
      s.pnrUnreachable = r.refused.some((p) => p.code === 'recipient.unreachable');
      s.pnr = r.refused.map((p) => p.text).join(', ');
      draw();
      announce([r.added.length ? countText(r.added.length, 'addedOne', 'addedMany') : '', s.pnrError].filter(Boolean).join(' '));
      document.getElementById('pnr').focus();
    },
    async importFile(ev) {
      const input = ev.target;
      const file = input.files[0];
      if (!file) return;
      input.value = '';  // the same file chosen again is read again
      const read = await readFile(file);
      let entries = [];
      if (!read.problem) {
        entries = fileEntries(read.text);
        if (!entries.length) read.problem = 'fileEmpty';
      }
      if (read.problem) {
        s.report = { file: file.name, problem: read.problem, added: 0, refused: [] };
      } else {
        const r = await a.add(entries);
        if (!r) return;
        s.report = { file: file.name, added: r.added.length, refused: r.refused };
      }
      draw();
      document.getElementById('recipient-report')?.focus();
    },
    remove(recipient) {
      const at = s.recipients.indexOf(recipient);
      s.recipients = s.recipients.filter((x) => x !== recipient);
      draw();
      announce(t('removed', { number: pnrShown(recipient.text) }));
      const buttons = document.querySelectorAll('#recipients tbody button');
      (buttons[Math.min(at, buttons.length - 1)] ?? document.getElementById('recipients-heading')).focus();
    },
    removeUnnotified() {
      const gone = withoutNotifications(s.recipients);
      s.recipients = s.recipients.filter((x) => !gone.includes(x));
      draw();
      announce(t('removedNoNotice', { count: gone.length }));
      document.getElementById('recipients-heading').focus();
    },
  };
  return a;
}
