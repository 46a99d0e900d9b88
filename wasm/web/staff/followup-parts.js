// What the Uppföljning pages share: the list's endpoints (GET /answers and the actions on answers,
// docs/api.md "Answers (uppföljning)"), the export area's, the filters as the address's query and back,
// the names of a form's states and of alert levels (the badge), the sort orders in words, a personnummer
// as staff read it, and a modal dialog with a form (the PDF and CSV exports' choices).
//
// The filters live in the address (#/uppfoljning?template=3&attention=true&sort=alert), so that back,
// forward and a reload keep them, except the two that name a person (personnummer, part of a name):
// those stay out of the address, which the browser keeps in its history and may sync elsewhere, and
// go with the tab's history entry instead (history.state), which back, forward and a reload keep too.
import { call } from '../lib/api.js';
import { html, nothing } from '../lib/html.js';
import { addTexts, language, t } from '../lib/i18n.js';
import { modal } from './design-admin-parts.js';

addTexts({
  sv: {
    answerONGOING: 'Pågående',
    answerPENDING_COMPLETION: 'Väntar på bekräftelse',
    answerCOMPLETED: 'Inskickat',
    answerCANCELLED: 'Avbrutet',
    alertCritical: 'Allvarlig',
    alertWarning: 'Varning',
    alertInfo: 'Information',
    alertNone: 'Ingen',
    sortNewest: 'senaste först',
    sortOldest: 'äldsta först',
    sortAlertDesc: 'allvarligast först',
    sortAlertAsc: 'minst allvarlig först',
    sortAz: 'A–Ö',
    sortZa: 'Ö–A',
    sortStateAsc: 'avbrutna först',
    sortStateDesc: 'väntar på bekräftelse först',
  },
  en: {
    answerONGOING: 'In progress',
    answerPENDING_COMPLETION: 'Waiting for confirmation',
    answerCOMPLETED: 'Submitted',
    answerCANCELLED: 'Cancelled',
    alertCritical: 'Critical',
    alertWarning: 'Warning',
    alertInfo: 'Information',
    alertNone: 'None',
    sortNewest: 'newest first',
    sortOldest: 'oldest first',
    sortAlertDesc: 'most serious first',
    sortAlertAsc: 'least serious first',
    sortAz: 'A–Z',
    sortZa: 'Z–A',
    sortStateAsc: 'cancelled first',
    sortStateDesc: 'waiting for confirmation first',
  },
});

// ---- Names ---------------------------------------------------------------------------------------------
// A form's states in their order (the server sorts by it): ONGOING, PENDING_COMPLETION, COMPLETED, CANCELLED.
export const states = ['ONGOING', 'PENDING_COMPLETION', 'COMPLETED', 'CANCELLED'];
export const stateText = (state) => t(`answer${state}`);

// A personnummer as staff read it: ÅÅÅÅMMDD-NNNN.
export const pnrText = (pnr) => (/^\d{12}$/.test(pnr) ? `${pnr.slice(0, 8)}-${pnr.slice(8)}` : pnr);

// The highest alert an answer raised, as a badge that says it in words (never colour alone).
const alertKeys = { critical: 'alertCritical', warning: 'alertWarning', info: 'alertInfo', none: 'alertNone' };
export const alertText = (level) => t(alertKeys[level] ?? 'alertNone');
export const needsAttention = (level) => level === 'warning' || level === 'critical';
const mark = html`<span class="level-mark" aria-hidden="true">!</span>`;
export const alertBadge = (level) => (alertKeys[level] && level !== 'none'
  ? html`<span class="level level-${level}">${needsAttention(level) ? mark : ''}${alertText(level)}</span>`
  : html`<span aria-hidden="true">–</span><span class="visually-hidden">${alertText('none')}</span>`);

// A count as people read it: "1 234" in Swedish, "1,234" in English.
export const countText = (n) => new Intl.NumberFormat(language() === 'sv' ? 'sv-SE' : 'en-GB').format(n);

// ---- Sorting ----------------------------------------------------------------------------------------------
// The orders the server sorts by, each with the direction it starts in and its two directions in words.
// The server orders states by their codes: CANCELLED, COMPLETED, ONGOING, PENDING_COMPLETION.
export const sorts = {
  sent: { first: 'desc', asc: 'sortOldest', desc: 'sortNewest' },
  answered: { first: 'desc', asc: 'sortOldest', desc: 'sortNewest' },
  answer_by: { first: 'desc', asc: 'sortOldest', desc: 'sortNewest' },
  delete_after: { first: 'asc', asc: 'sortOldest', desc: 'sortNewest' },
  alert: { first: 'desc', asc: 'sortAlertAsc', desc: 'sortAlertDesc' },
  form: { first: 'asc', asc: 'sortAz', desc: 'sortZa' },
  recipient: { first: 'asc', asc: 'sortAz', desc: 'sortZa' },
  state: { first: 'asc', asc: 'sortStateAsc', desc: 'sortStateDesc' },
};
export const sortWords = (sort, dir) => t(sorts[sort][dir]);

// ---- The filters and the address ------------------------------------------------------------------------
// A list's view: {template, state, sent_from, sent_to, answered_from, answered_to, delete_after_to,
// documented ('' | 'true' | 'false'), attention (bool), personnummer, name, sort, dir, offset, limit}.
// Each key is the API's parameter of the same name.
export const pageSizes = [25, 50, 100];
const defaults = { sort: 'sent', dir: 'desc', offset: 0, limit: 50 };
const dateKeys = ['sent_from', 'sent_to', 'answered_from', 'answered_to', 'delete_after_to'];
// The filters kept in the address, in its order, and the ones that name a person (history.state).
const addressed = ['template', 'state', ...dateKeys, 'documented', 'attention'];
const personal = ['personnummer', 'name'];
export const whoKey = 'blankett.followup';

export const isDate = (v) => /^\d{4}-\d{2}-\d{2}$/.test(v);

export function emptyView() {
  return { template: '', state: '', sent_from: '', sent_to: '', answered_from: '', answered_to: '', delete_after_to: '',
           documented: '', attention: false, personnummer: '', name: '', ...defaults };
}

// The view an address's query and its history entry's state describe; what does not fit is left out.
export function viewOf(query, who) {
  const v = emptyView();
  const get = (key) => query.get(key) ?? '';
  if (/^\d+$/.test(get('template'))) v.template = get('template');
  if (states.includes(get('state'))) v.state = get('state');
  for (const key of dateKeys) if (isDate(get(key))) v[key] = get(key);
  if (['true', 'false'].includes(get('documented'))) v.documented = get('documented');
  v.attention = get('attention') === 'true';
  for (const key of personal) if (typeof who?.[key] === 'string') v[key] = who[key];
  if (get('sort') in sorts) v.sort = get('sort');
  if (['asc', 'desc'].includes(get('dir'))) v.dir = get('dir');
  if (/^\d{1,9}$/.test(get('offset'))) v.offset = Number(get('offset'));
  if (pageSizes.includes(Number(get('limit')))) v.limit = Number(get('limit'));
  return v;
}

// The query of a view: its filters and, when not the defaults, its order and page; with personal
// also the personnummer and the name (for the API).
function queryOf(v, { withPersonal = false } = {}) {
  const q = new URLSearchParams();
  for (const key of addressed) {
    if (key === 'attention') { if (v.attention) q.set('attention', 'true'); } else if (v[key]) q.set(key, v[key]);
  }
  if (withPersonal) for (const key of personal) if (v[key].trim()) q.set(key, v[key].trim());
  for (const [key, value] of Object.entries(defaults)) if (v[key] !== value || withPersonal) q.set(key, String(v[key]));
  return q;
}

// The address of a view ('#/uppfoljning?...') and the state its history entry keeps (or null).
export function addressOf(v) {
  const q = queryOf(v).toString();
  return `#/uppfoljning${q ? `?${q}` : ''}`;
}
export function whoOf(v) {
  const who = Object.fromEntries(personal.filter((key) => v[key].trim()).map((key) => [key, v[key].trim()]));
  return Object.keys(who).length ? who : null;
}

// How many filters a view has chosen (sort and page aside).
export const activeFilters = (v) => [...addressed, ...personal].filter((key) => (key === 'attention' ? v.attention : Boolean(v[key]))).length;

// ---- The endpoints ---------------------------------------------------------------------------------------
// The filter of a view as the query of an action on everything it selects (gallring, reminders, CSV):
// the filters only, personnummer and name included, never the order or the page.
function filterQuery(v) {
  const q = queryOf(v, { withPersonal: true });
  for (const key of Object.keys(defaults)) q.delete(key);
  return q.toString();
}
const withFilter = (path, v) => {
  const q = filterQuery(v);
  return q ? `${path}?${q}` : path;
};

export const followupApi = {
  // {answers, total, offset, limit, next}
  answers: (v) => call('GET', `/answers?${queryOf(v, { withPersonal: true })}`),
  // {policy: null | {days, after}, tomorrow}; a server without the route answers 404.
  retention: () => call('GET', '/answers/retention'),
  // {reminded, skipped}: to the answers given, or to all the view's filter selects (count: the number confirmed).
  remind: (ids) => call('POST', '/answers/reminders', { answers: ids }),
  remindAll: (v, count) => call('POST', withFilter('/answers/reminders', v), { count }),
  // {deleted}; 409 gallring.changed when the filter selects another number now.
  gallra: (v, count) => call('POST', withFilter('/answers/gallra', v), { count }),
  // {export}: the answers as one PDF or a zip of one PDF an answer, into the export area.
  pdf: (ids, format) => call('POST', '/answers/pdf', { answers: ids, format }),
  // 202 {export}: a job that writes the CSV file into the export area.
  csv: (v, options) => call('POST', withFilter('/answers/csv', v), options),
};

// ---- The export area's endpoints ---------------------------------------------------------------------------
// An export: {id, kind: pdf | zip | csv, name, answers, size, created_at, expires_at, state: ready | running
// | failed, done, total, error}.
export const exportsApi = {
  list: () => call('GET', '/exports'),
  file: (id) => call('GET', `/exports/${id}/file`, undefined, { file: true }),
  remove: (id) => call('DELETE', `/exports/${id}`),
};
export const exportsAddress = '#/uppfoljning/exporter';

// ---- A dialog with a form ------------------------------------------------------------------------------------
// A modal <dialog> (showModal: the page behind is inert, Escape closes it) named by its heading, holding
// a form: content is its fields (lit-html); the first field with autofocus takes focus. Resolves to the
// form's FormData when it is sent, null when it is closed; focus goes back to the control that opened it.
export function formDialog({ id, title, intro, content, yes, no }) {
  return modal('form-dialog-host', (finish) => {
    const submit = (ev) => {
      ev.preventDefault();
      finish(new FormData(ev.target));
    };
    return html`<dialog class="confirm form-dialog" id=${id} aria-labelledby="${id}-title"
        aria-describedby=${intro ? `${id}-intro` : nothing} @close=${() => finish(null)}>
      <form @submit=${submit}>
        <h2 id="${id}-title">${title}</h2>
        ${intro ? html`<p id="${id}-intro">${intro}</p>` : nothing}
        ${content}
        <div class="dialog-buttons">
          <button type="submit" class="button" id="${id}-yes">${yes}</button>
          <button type="button" class="button secondary" id="${id}-no" @click=${() => finish(null)}>${no}</button>
        </div>
      </form>
    </dialog>`;
  });
}
