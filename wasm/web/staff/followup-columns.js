// Uppföljning's columns as one table: what each shows of an answer, the order the server sorts it by
// (if any), which are shown until the staff member chooses otherwise, and each staff member's own
// choice (Välj kolumner), kept in localStorage under their user name so that it follows them on this
// browser and no one else's choice is theirs.
import { html } from '../lib/html.js';
import { addTexts, language, t } from '../lib/i18n.js';
import { alertBadge, pnrText, stateText } from './followup-parts.js';
import { staff } from './session.js';

addTexts({
  sv: {
    colAlert: 'Uppmärksamhet',
    colName: 'Namn',
    colPnr: 'Personnummer',
    colTemplate: 'Formulär',
    colAnswerVersion: 'Version',
    colState: 'Status',
    colSentOn: 'Skickat',
    colSubmitted: 'Inskickat',
    colAnsweredBy: 'Besvarat av',
    colAnswerBy: 'Besvaras senast',
    colDeleteAfter: 'Gallras efter',
    colDocumented: 'Dokumenterad',
    colUpdated: 'Senast ändrat',
    unclaimedLink: 'Formulärlänk som ingen har använt',
    byCitizen: 'Invånaren',
    byGuardian: 'Vårdnadshavare',
    notDocumented: 'Nej',
  },
  en: {
    colAlert: 'Attention',
    colName: 'Name',
    colPnr: 'Personal identity number',
    colTemplate: 'Form',
    colAnswerVersion: 'Version',
    colState: 'Status',
    colSentOn: 'Sent',
    colSubmitted: 'Submitted',
    colAnsweredBy: 'Answered by',
    colAnswerBy: 'Answer by',
    colDeleteAfter: 'Delete after',
    colDocumented: 'Documented',
    colUpdated: 'Last changed',
    unclaimedLink: 'Form link nobody has used',
    byCitizen: 'The citizen',
    byGuardian: 'Guardian',
    notDocumented: 'No',
  },
});

// Dates in a table's few characters: "6 dec. 2026" / "6 Dec 2026"; a moment as its day (in the reader's
// time zone) over its time, which a phone's card puts on one line.
const formats = new Map();
const format = (kind, options) => {
  const key = `${kind} ${language()}`;
  if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat(language() === 'sv' ? 'sv-SE' : 'en-GB', options));
  return formats.get(key);
};
export function shortDate(iso) {
  if (!iso) return '';
  const d = new Date(`${iso.slice(0, 10)}T12:00:00`);
  return Number.isNaN(d.getTime()) ? iso : format('date', { dateStyle: 'medium' }).format(d);
}
function when(iso, { time = true } = {}) {
  const d = new Date(iso ?? '');
  if (Number.isNaN(d.getTime())) return iso ?? '';
  const day = format('date', { dateStyle: 'medium' }).format(d);
  return time ? html`<span class="when"><span class="nowrap">${day}</span> <span
    class="time">${format('time', { timeStyle: 'short' }).format(d)}</span></span>` : day;
}

const dash = '–';
// Whom an answer is for, in words: the recipient's name (or number), or an unclaimed form link.
export const who = (a) => (a.recipient ? a.recipient.name || pnrText(a.recipient.personnummer) : t('unclaimedLink'));
const answeredBy = { citizen: 'byCitizen', guardian: 'byGuardian' };

// Each column: id, label (a text key), sort (the server's order, or none), shown (a default column),
// fixed (always shown: the row's name and its link), cls (the cells' class), cell(answer) its content;
// none(answer): the cell says nothing worth a line on a phone's card.
export const columns = [
  { id: 'alert', label: 'colAlert', sort: 'alert', shown: true, cell: (a) => alertBadge(a.alert), none: (a) => a.alert === 'none' },
  { id: 'name', label: 'colName', sort: 'recipient', shown: true, fixed: true,
    cell: (a) => html`<a href="#/uppfoljning/${a.id}">${who(a)}</a>` },
  { id: 'pnr', label: 'colPnr', shown: true, cls: 'nowrap', cell: (a) => (a.recipient ? pnrText(a.recipient.personnummer) : dash) },
  { id: 'form', label: 'colTemplate', sort: 'form', shown: true, cls: 'breakable', cell: (a) => a.name },
  { id: 'version', label: 'colAnswerVersion', cls: 'num', cell: (a) => a.version },
  { id: 'state', label: 'colState', sort: 'state', shown: true,
    cell: (a) => html`<span class="state state-${a.state}">${stateText(a.state)}</span>` },
  { id: 'sent', label: 'colSentOn', sort: 'sent', shown: true, cell: (a) => when(a.sent_at) },
  { id: 'submitted', label: 'colSubmitted', sort: 'answered', shown: true, cell: (a) => (a.submitted_at ? when(a.submitted_at) : dash),
    none: (a) => !a.submitted_at },
  { id: 'answered_by', label: 'colAnsweredBy', cell: (a) => (answeredBy[a.answered_by] ? t(answeredBy[a.answered_by]) : dash),
    none: (a) => !answeredBy[a.answered_by] },
  { id: 'answer_by', label: 'colAnswerBy', sort: 'answer_by', shown: true, cls: 'nowrap', cell: (a) => shortDate(a.answer_by) },
  { id: 'delete_after', label: 'colDeleteAfter', sort: 'delete_after', shown: true, cls: 'nowrap', cell: (a) => shortDate(a.delete_after) },
  { id: 'documented', label: 'colDocumented', shown: true,
    cell: (a) => (a.documented_at ? when(a.documented_at, { time: false }) : a.state === 'COMPLETED' ? t('notDocumented') : dash),
    none: (a) => !a.documented_at && a.state !== 'COMPLETED' },
  { id: 'updated', label: 'colUpdated', cell: (a) => when(a.updated_at) },
];

const defaults = () => columns.filter((c) => c.shown).map((c) => c.id);
const storageKey = () => `blankett.followup.columns.${staff()?.staff.username ?? ''}`;

// The ids of the columns the staff member shows, in the table's order.
export function chosenColumns() {
  let ids = null;
  try { ids = JSON.parse(localStorage.getItem(storageKey()) ?? 'null'); } catch { ids = null; }
  if (!Array.isArray(ids)) return defaults();
  return columns.filter((c) => c.fixed || ids.includes(c.id)).map((c) => c.id);
}

// Shows or hides a column for this staff member; returns the ids shown now.
export function chooseColumn(ids, id, on) {
  const now = columns.filter((c) => c.fixed || (c.id === id ? on : ids.includes(c.id))).map((c) => c.id);
  try { localStorage.setItem(storageKey(), JSON.stringify(now)); } catch { /* private mode: this visit only */ }
  return now;
}

// Back to the default columns (the choice forgotten); returns them.
export function defaultColumns() {
  try { localStorage.removeItem(storageKey()); } catch { /* nothing kept */ }
  return defaults();
}
