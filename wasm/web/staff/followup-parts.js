// What the Uppföljning pages share: the list's endpoint (GET /answers, docs/api.md "Answers
// (uppföljning)"), the filters as the address's query and back, the names of a form's states and of
// alert levels (the badge), the sort orders in words, and a personnummer as staff read it.
//
// The filters live in the address (#/uppfoljning?template=3&attention=true&sort=alert), so that back,
// forward and a reload keep them, except the two that name a person (personnummer, part of a name):
// those stay out of the address, which the browser keeps in its history and may sync elsewhere, and
// go with the tab's history entry instead (history.state), which back, forward and a reload keep too.
import { call } from '../lib/api.js';
import { html } from '../lib/html.js';
import { addTexts, language, t } from '../lib/i18n.js';

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

// ---- The endpoint ----------------------------------------------------------------------------------------
export const followupApi = {
  // {answers, total, offset, limit, next}
  answers: (v) => call('GET', `/answers?${queryOf(v, { withPersonal: true })}`),
};
