// Uppföljning (#/uppfoljning): the unit's answers (GET /answers), filtered (Formulär, Status, Namn,
// Personnummer, Skickat and Besvarat från/till, Gallras efter, Dokumenterad, Behöver uppmärksamhet),
// sorted by a column's header (aria-sort on the header; on a phone a select), a page at a time with the
// total ("Visar 1–50 av 1 234", Föregående/Nästa, 25/50/100 per sida), in the columns each staff member
// chooses (Välj kolumner, followup-columns.js). An answer whose result raised a warning or a critical
// alert stands out: a badge that says so in words, and its row marked. Each row leads to its answer
// (#/uppfoljning/<id>).
//
// The view (filters, order, page) is the address's query and its history entry's state
// (followup-parts.js): a search, a sort or a page is a navigation, so back and forward step through
// them and a reload keeps them. While the page is on screen it stays there during the next call, so a
// sort button or the page size keeps its focus.
//
// Sections: texts · the filters · the table · paging · the page (view) · navigating · enter.
import { ApiError } from '../lib/api.js';
import { focusMain, show } from '../lib/dom.js';
import { html, nothing, repeat } from '../lib/html.js';
import { addTexts, messageOf, t } from '../lib/i18n.js';
import { api } from './api.js';
import { chooseColumn, chosenColumns, columns, defaultColumns } from './followup-columns.js';
import {
  activeFilters, addressOf, countText, emptyView, followupApi, isDate, needsAttention, pageSizes, sortWords, sorts, states,
  stateText, viewOf, whoKey, whoOf,
} from './followup-parts.js';
import { describedBy, errorSummary, fieldError, focusSummary, handleError, invalid, visit } from './parts.js';
import { refusalText } from './recipients.js';
import { onSessionChange } from './session.js';

// What other pages took from here before the list had a module of parts.
export { pnrText, stateText } from './followup-parts.js';

// ---- Texts ---------------------------------------------------------------------------------------------
addTexts({
  sv: {
    followupTitle: 'Uppföljning',
    followupIntro: 'Enhetens formulärsvar. Filtrera fram de svar du söker, sortera dem och öppna ett svar genom att välja namnet. Svar som behöver uppmärksamhet är markerade.',
    fuFilters: 'Filtrera',
    fuFiltersNone: 'Inga filter valda',
    fuFiltersOne: '1 filter valt',
    fuFiltersMany: '{count} filter valda',
    fuFixFilter: 'Inga formulärsvar visas förrän filtret är rättat.',
    fuTemplate: 'Formulär',
    fuAllForms: 'Alla formulär',
    fuOtherTemplate: 'Mall nr {id}',
    fuState: 'Status',
    fuAllStates: 'Alla',
    fuName: 'Namn',
    fuNameHint: 'En del av namnet räcker.',
    fuPnr: 'Personnummer',
    fuPnrHint: 'ÅÅÅÅMMDD-NNNN',
    fuSentFrom: 'Skickat från',
    fuSentTo: 'Skickat till',
    fuAnsweredFrom: 'Besvarat från',
    fuAnsweredTo: 'Besvarat till',
    fuDeleteAfter: 'Gallras efter',
    fuDeleteAfterHint: 'Detta datum eller tidigare.',
    fuDocumented: 'Dokumenterad',
    fuDocumentedAll: 'Alla',
    fuDocumentedYes: 'Ja',
    fuDocumentedNo: 'Nej',
    fuAttention: 'Behöver uppmärksamhet',
    fuAttentionHint: 'Bara svar med en varning eller en allvarlig signal, till exempel svar på fråga 9 i PHQ-9.',
    fuSearch: 'Sök',
    fuClear: 'Rensa filter',
    fuDateBad: 'Skriv datumet som ÅÅÅÅ-MM-DD.',
    fuSentOrder: '”Skickat från” kan inte vara efter ”Skickat till”.',
    fuAnsweredOrder: '”Besvarat från” kan inte vara efter ”Besvarat till”.',
    fuHeading: 'Formulärsvar',
    fuShowing: 'Visar {from}–{to} av {total}.',
    fuNoneMatch: 'Inga formulärsvar matchar filtret.',
    fuNone: 'Enheten har inga formulärsvar.',
    fuCaption: 'Formulärsvar, sorterade efter {column}, {order}',
    fuColumns: 'Välj kolumner',
    fuColumnsLegend: 'Kolumner som visas',
    fuColumnsHint: 'Namn visas alltid. Ditt val sparas i den här webbläsaren.',
    fuColumnsReset: 'Återställ standard',
    fuColumnsDone: 'Klar',
    fuSortBy: 'Sortera efter',
    fuSortApply: 'Sortera',
    fuSortOption: '{column}, {order}',
    fuPaging: 'Sidor med formulärsvar',
    fuPrevious: 'Föregående',
    fuNext: 'Nästa',
    fuPageOf: 'Sida {page} av {pages}',
    fuPerPage: 'Per sida',
  },
  en: {
    followupTitle: 'Follow-up',
    followupIntro: 'The unit\'s form answers. Filter to find the answers you are looking for, sort them and open an answer by choosing the name. Answers that need attention are marked.',
    fuFilters: 'Filter',
    fuFiltersNone: 'No filters chosen',
    fuFiltersOne: '1 filter chosen',
    fuFiltersMany: '{count} filters chosen',
    fuFixFilter: 'No form answers are shown until the filter is put right.',
    fuTemplate: 'Form',
    fuAllForms: 'All forms',
    fuOtherTemplate: 'Template no. {id}',
    fuState: 'Status',
    fuAllStates: 'All',
    fuName: 'Name',
    fuNameHint: 'Part of the name is enough.',
    fuPnr: 'Personal identity number',
    fuPnrHint: 'YYYYMMDD-NNNN',
    fuSentFrom: 'Sent from',
    fuSentTo: 'Sent to',
    fuAnsweredFrom: 'Answered from',
    fuAnsweredTo: 'Answered to',
    fuDeleteAfter: 'Delete after',
    fuDeleteAfterHint: 'On this date or earlier.',
    fuDocumented: 'Documented',
    fuDocumentedAll: 'All',
    fuDocumentedYes: 'Yes',
    fuDocumentedNo: 'No',
    fuAttention: 'Needs attention',
    fuAttentionHint: 'Only answers with a warning or a critical alert, for example an answer to question 9 of PHQ-9.',
    fuSearch: 'Search',
    fuClear: 'Clear filters',
    fuDateBad: 'Write the date as YYYY-MM-DD.',
    fuSentOrder: '“Sent from” cannot be after “Sent to”.',
    fuAnsweredOrder: '“Answered from” cannot be after “Answered to”.',
    fuHeading: 'Form answers',
    fuShowing: 'Showing {from}–{to} of {total}.',
    fuNoneMatch: 'No form answers match the filter.',
    fuNone: 'The unit has no form answers.',
    fuCaption: 'Form answers, sorted by {column}, {order}',
    fuColumns: 'Choose columns',
    fuColumnsLegend: 'Columns shown',
    fuColumnsHint: 'Name is always shown. Your choice is kept in this browser.',
    fuColumnsReset: 'Back to the default',
    fuColumnsDone: 'Done',
    fuSortBy: 'Sort by',
    fuSortApply: 'Sort',
    fuSortOption: '{column}, {order}',
    fuPaging: 'Pages of form answers',
    fuPrevious: 'Previous',
    fuNext: 'Next',
    fuPageOf: 'Page {page} of {pages}',
    fuPerPage: 'Per page',
  },
});

// ---- The filters -----------------------------------------------------------------------------------------
// The form's fields by the API's parameter: the id of the input, where the server's refusal is shown.
const fieldIds = {
  template: 'fu-template', state: 'fu-state', name: 'fu-name', personnummer: 'fu-pnr', sent_from: 'fu-sent-from',
  sent_to: 'fu-sent-to', answered_from: 'fu-answered-from', answered_to: 'fu-answered-to',
  delete_after_to: 'fu-delete-after', documented: 'fu-documented', attention: 'fu-attention',
};
const dateFields = [['sent_from', 'fuSentFrom'], ['sent_to', 'fuSentTo'], ['answered_from', 'fuAnsweredFrom'],
                    ['answered_to', 'fuAnsweredTo'], ['delete_after_to', 'fuDeleteAfter', 'fuDeleteAfterHint']];

// The filters in a disclosure that says how many are chosen: open at first on a wide screen, closed on a
// phone (where the fields would push the answers a screen down).
function filters(s, a) {
  const d = s.draft;
  const e = s.errors;
  const set = (key) => (ev) => { d[key] = ev.target.type === 'checkbox' ? ev.target.checked : ev.target.value; };
  const hintOf = (id, hint) => (hint ? html`<p class="hint" id="${id}-hint">${t(hint)}</p>` : nothing);
  const label = (id, text, hint) => html`<label for=${id}>${t(text)}</label>${hintOf(id, hint)}${fieldError(e, id)}`;
  const aria = (id, hint) => describedBy(e, id, hint ? `${id}-hint` : '');
  const select = (key, text, options) => {
    const id = fieldIds[key];
    return html`<div class="field">${label(id, text)}
      <select id=${id} aria-invalid=${invalid(e, id)} aria-describedby=${aria(id)} @change=${set(key)}>
        ${options.map(([value, words]) => html`<option value=${value} .selected=${d[key] === value}>${words}</option>`)}
      </select></div>`;
  };
  const text = (key, words, hint, extra = {}) => {
    const id = fieldIds[key];
    return html`<div class="field">${label(id, words, hint)}
      <input type="text" id=${id} maxlength="100" autocomplete="off" spellcheck="false" inputmode=${extra.inputmode ?? nothing}
        .value=${d[key]} aria-invalid=${invalid(e, id)} aria-describedby=${aria(id, hint)} @input=${set(key)}></div>`;
  };
  const date = ([key, words, hint]) => {
    const id = fieldIds[key];
    return html`<div class="field">${label(id, words, hint)}
      <input type="date" id=${id} .value=${d[key]} aria-invalid=${invalid(e, id)} aria-describedby=${aria(id, hint)}
        @input=${set(key)}></div>`;
  };
  const chosen = activeFilters(s.view);
  const chosenText = !chosen ? t('fuFiltersNone') : chosen === 1 ? t('fuFiltersOne') : t('fuFiltersMany', { count: chosen });
  return html`<details class="filter-box" ?open=${s.filtersOpen} @toggle=${a.filtersToggled}>
    <summary><span class="filter-title">${t('fuFilters')}</span> <span class="filter-count">${chosenText}</span></summary>
    <form class="followup-filters" id="fu-filters" novalidate @submit=${a.apply}>
      <div class="filter-grid">
        <div class="wide">${select('template', 'fuTemplate', [['', t('fuAllForms')], ...templateOptions(s)])}</div>
        ${select('state', 'fuState', [['', t('fuAllStates')], ...states.map((x) => [x, stateText(x)])])}
        ${select('documented', 'fuDocumented', [['', t('fuDocumentedAll')], ['true', t('fuDocumentedYes')], ['false', t('fuDocumentedNo')]])}
        ${text('name', 'fuName', 'fuNameHint')}
        ${text('personnummer', 'fuPnr', 'fuPnrHint', { inputmode: 'numeric' })}
        ${date(dateFields[4])}
        <div class="grid-gap"></div>
        ${dateFields.slice(0, 4).map(date)}
      </div>
      <div class="option attention-option">
        <input type="checkbox" id="fu-attention" .checked=${d.attention} aria-describedby="fu-attention-hint" @change=${set('attention')}>
        <label for="fu-attention">${t('fuAttention')}</label>
      </div>
      <p class="hint option-hint" id="fu-attention-hint">${t('fuAttentionHint')}</p>
      <div class="row-buttons">
        <button type="submit" class="button" id="fu-search">${t('fuSearch')}</button>
        <button type="button" class="button secondary" id="fu-clear" @click=${a.clear}>${t('fuClear')}</button>
      </div>
    </form>
  </details>`;
}

// The unit's templates by name; a template the address names that the unit no longer lists (a shared one
// it stopped subscribing to) is kept, named as its answers name it.
function templateOptions(s) {
  const options = s.templates.map((x) => [String(x.id), x.name]);
  const wanted = s.draft.template;
  if (wanted && !options.some(([id]) => id === wanted)) {
    options.push([wanted, s.answers.find((x) => String(x.template) === wanted)?.name ?? t('fuOtherTemplate', { id: wanted })]);
  }
  return options;
}

// The problems of a draft that the browser can tell: a date half typed, a period that ends before it starts.
function problems(d) {
  const errors = [];
  for (const [key] of dateFields) {
    const id = fieldIds[key];
    if (document.getElementById(id)?.validity.badInput || (d[key] && !isDate(d[key]))) errors.push({ field: id, text: t('fuDateBad') });
  }
  const order = (from, to, text) => {
    if (d[from] && d[to] && d[from] > d[to] && !errors.some((x) => x.field === fieldIds[from])) errors.push({ field: fieldIds[from], text: t(text) });
  };
  order('sent_from', 'sent_to', 'fuSentOrder');
  order('answered_from', 'answered_to', 'fuAnsweredOrder');
  return errors;
}

// ---- The table -------------------------------------------------------------------------------------------
const ariaSort = (v, c) => (v.sort !== c.sort ? nothing : v.dir === 'asc' ? 'ascending' : 'descending');

function head(c, v, a) {
  if (!c.sort) return html`<th scope="col" class=${c.cls ?? ''}>${t(c.label)}</th>`;
  const on = v.sort === c.sort;
  return html`<th scope="col" class="sortable" aria-sort=${ariaSort(v, c)}>
    <button type="button" class="sort-button" data-sort=${c.sort} @click=${() => a.sortBy(c.sort)}>${t(c.label)}<span
      class="sort-mark ${on ? 'is-on' : ''}" aria-hidden="true">${on ? (v.dir === 'asc' ? '▲' : '▼') : '↕'}</span></button>
  </th>`;
}

const cellClass = (c, x) => [c.cls, c.none?.(x) ? 'cell-none' : ''].filter(Boolean).join(' ');

const row = (shown) => (x) => html`<tr class=${needsAttention(x.alert) ? `needs-attention attention-${x.alert}` : ''}>
  ${shown.map((c) => (c.fixed
    ? html`<th scope="row" data-label=${t(c.label)}>${c.cell(x)}</th>`
    : html`<td data-label=${t(c.label)} class=${cellClass(c, x)}>${c.cell(x)}</td>`))}
</tr>`;

function table(s, a, shown) {
  const v = s.view;
  const sorted = columns.find((c) => c.sort === v.sort);
  return html`<div class="table-wrap"><table class="list answers" id="answers">
    <caption class="visually-hidden">${t('fuCaption', { column: t(sorted.label), order: sortWords(v.sort, v.dir) })}</caption>
    <thead><tr>${shown.map((c) => head(c, v, a))}</tr></thead>
    <tbody>${repeat(s.answers, (x) => x.id, row(shown))}</tbody>
  </table></div>`;
}

// On a phone the rows are cards without their column heads: the order is a select there.
function sortForm(s, a, shown) {
  const v = s.view;
  // The columns shown that sort (and the one sorted by, if hidden), each in its first direction, then the other.
  const orders = (c) => (sorts[c.sort].first === 'asc' ? ['asc', 'desc'] : ['desc', 'asc']);
  const options = columns.filter((c) => c.sort && (shown.includes(c) || c.sort === v.sort)).flatMap((c) => orders(c)
    .map((dir) => [`${c.sort} ${dir}`, t('fuSortOption', { column: t(c.label), order: sortWords(c.sort, dir) })]));
  return html`<form class="sort-form" @submit=${a.sortForm}>
    <div class="field">
      <label for="fu-sort">${t('fuSortBy')}</label>
      <select id="fu-sort">${options.map(([value, words]) => html`<option value=${value}
        .selected=${value === `${v.sort} ${v.dir}`}>${words}</option>`)}</select>
    </div>
    <button type="submit" class="button secondary">${t('fuSortApply')}</button>
  </form>`;
}

// Välj kolumner: a disclosure with a box a column; a change shows at once and is kept.
function chooser(s, a) {
  return html`<div class="column-panel" id="fu-columns" ?hidden=${!s.chooser} @keydown=${a.columnsKey}>
    <fieldset>
      <legend>${t('fuColumnsLegend')}</legend>
      <div class="column-boxes">${columns.map((c) => html`<div class="option">
        <input type="checkbox" id="fu-col-${c.id}" .checked=${s.columns.includes(c.id)} ?disabled=${c.fixed}
          @change=${(ev) => a.column(c.id, ev.target.checked)}>
        <label for="fu-col-${c.id}">${t(c.label)}</label></div>`)}</div>
    </fieldset>
    <p class="hint">${t('fuColumnsHint')}</p>
    <div class="row-buttons">
      <button type="button" class="button secondary" @click=${a.resetColumns}>${t('fuColumnsReset')}</button>
      <button type="button" class="button" @click=${a.closeColumns}>${t('fuColumnsDone')}</button>
    </div>
  </div>`;
}

// ---- Paging ----------------------------------------------------------------------------------------------
function countLine(s) {
  const v = s.view;
  if (s.errors.length) return t('fuFixFilter');
  if (!s.total) return activeFilters(v) ? t('fuNoneMatch') : t('fuNone');
  return t('fuShowing', { from: countText(v.offset + 1), to: countText(v.offset + s.answers.length), total: countText(s.total) });
}

function paging(s, a) {
  const v = s.view;
  const pages = Math.max(1, Math.ceil(s.total / v.limit));
  const page = Math.floor(v.offset / v.limit) + 1;
  return html`<nav class="paging" aria-label=${t('fuPaging')}>
    <div class="paging-steps" ?hidden=${pages === 1}>
      <button type="button" class="button secondary" id="fu-previous" ?disabled=${v.offset === 0} @click=${a.previous}>${t('fuPrevious')}</button>
      <span class="paging-where">${t('fuPageOf', { page: countText(page), pages: countText(pages) })}</span>
      <button type="button" class="button secondary" id="fu-next" ?disabled=${v.offset + v.limit >= s.total} @click=${a.next}>${t('fuNext')}</button>
    </div>
    <div class="field paging-size">
      <label for="fu-limit">${t('fuPerPage')}</label>
      <select id="fu-limit" @change=${a.pageSize}>${pageSizes.map((n) => html`<option value=${n} .selected=${n === v.limit}>${n}</option>`)}</select>
    </div>
  </nav>`;
}

// ---- The page ----------------------------------------------------------------------------------------------
// s: {view, draft, templates, answers, total, columns, chooser, filtersOpen, errors, loading}; a: the actions
// of enter().
export function view(s, a) {
  const shown = columns.filter((c) => s.columns.includes(c.id));
  return html`<div id="followup">
    <h1>${t('followupTitle')}</h1>${errorSummary(s.errors)}
    <p>${t('followupIntro')}</p>
    ${filters(s, a)}
    <section class="results" aria-labelledby="fu-heading" aria-busy=${s.loading ? 'true' : 'false'}>
      <div class="results-head">
        <h2 id="fu-heading" tabindex="-1">${t('fuHeading')}</h2>
        <button type="button" class="button secondary" id="fu-columns-toggle" aria-expanded=${s.chooser ? 'true' : 'false'}
          aria-controls="fu-columns" @click=${a.toggleColumns}>${t('fuColumns')}</button>
      </div>
      ${chooser(s, a)}
      <p id="fu-count" class="results-count" role="status">${countLine(s)}</p>
      ${s.answers.length ? html`${sortForm(s, a, shown)}${table(s, a, shown)}${paging(s, a)}` : nothing}
    </section>
  </div>`;
}

// ---- Navigating -------------------------------------------------------------------------------------------
let s = null;          // the list on screen (or last on screen): its view, answers, draft, columns
let pending = null;    // a navigation this page started: {address, focus}, for where focus goes after it
onSessionChange(() => { s = null; });  // another person or unit: nothing of the last list stays

// Shows a view: a new history entry (its address, and its personnummer and name in its state), or,
// when only those two changed, the same entry with the new state. focus() runs once it is drawn.
function go(v, focus) {
  const address = addressOf(v);
  const who = whoOf(v);
  const state = who ? { [whoKey]: who } : null;
  pending = { address, focus };
  if (location.hash === address) {
    history.replaceState(state, '');
    enter({}, new URLSearchParams(address.split('?')[1] ?? '')).catch(handleError);
    return;
  }
  location.hash = address;  // a new entry at once; the router draws it at hashchange
  history.replaceState(state, '');
}

// The list as it was last shown, for a way back to it from an answer.
export function backToList(ev) {
  if (!s) return;
  ev.preventDefault();
  go(s.view, null);
}
export const listAddress = () => (s ? addressOf(s.view) : '#/uppfoljning');

const focusResults = () => document.getElementById('fu-heading')?.focus();
const focusOn = (selector) => () => document.querySelector(selector)?.focus();

// ---- Entering the address ---------------------------------------------------------------------------------
export async function enter(params, query = new URLSearchParams()) {
  const current = visit();
  const v = viewOf(query, history.state?.[whoKey]);
  const mine = pending?.address === location.hash ? pending : null;
  pending = null;
  // The list already on screen stays there during the call; the same address again (the language
  // changed) keeps what was typed in the filters.
  const onPage = s !== null && document.getElementById('followup') !== null;
  const again = onPage && !mine && s.address === location.hash;
  if (!onPage) {
    s = { draft: { ...v }, templates: [], answers: [], total: 0, columns: chosenColumns(), chooser: false, errors: [], loading: false,
          filtersOpen: !window.matchMedia('(max-width: 48rem)').matches };
  } else if (!again) {
    s.draft = { ...v };
  }
  s.view = v;
  s.address = location.hash;
  const here = s;
  const draw = () => { if (current()) show(t('followupTitle'), view(here, a)); };

  const a = {
    apply(ev) {
      ev.preventDefault();
      here.errors = problems(here.draft);
      if (here.errors.length) {
        draw();
        focusSummary();
        return;
      }
      const { sort, dir, limit } = here.view;
      go({ ...here.draft, sort, dir, limit, offset: 0 }, focusResults);
    },
    clear() {
      const { sort, dir, limit } = here.view;
      go({ ...emptyView(), sort, dir, limit }, focusResults);
    },
    sortBy(sort) {
      const dir = here.view.sort === sort ? (here.view.dir === 'asc' ? 'desc' : 'asc') : sorts[sort].first;
      go({ ...here.view, sort, dir, offset: 0 }, focusOn(`#answers .sort-button[data-sort="${sort}"]`));
    },
    sortForm(ev) {
      ev.preventDefault();
      const [sort, dir] = document.getElementById('fu-sort').value.split(' ');
      go({ ...here.view, sort, dir, offset: 0 }, focusResults);
    },
    previous() { go({ ...here.view, offset: Math.max(0, here.view.offset - here.view.limit) }, focusResults); },
    next() { go({ ...here.view, offset: here.view.offset + here.view.limit }, focusResults); },
    pageSize(ev) {
      const limit = Number(ev.target.value);
      go({ ...here.view, limit, offset: Math.floor(here.view.offset / limit) * limit }, focusOn('#fu-limit'));
    },
    filtersToggled(ev) { here.filtersOpen = ev.target.open; },
    toggleColumns() {
      here.chooser = !here.chooser;
      draw();
    },
    closeColumns() {
      here.chooser = false;
      draw();
      document.getElementById('fu-columns-toggle')?.focus();
    },
    columnsKey(ev) {
      if (ev.key !== 'Escape') return;
      ev.preventDefault();
      a.closeColumns();
    },
    column(id, on) {
      here.columns = chooseColumn(here.columns, id, on);
      draw();
    },
    resetColumns() {
      here.columns = defaultColumns();
      draw();
    },
  };

  if (onPage) {
    here.loading = true;
    draw();
  }
  const [list, templates] = await Promise.all([
    followupApi.answers(v).catch((e) => e),
    onPage ? here.templates : api.templates().then((r) => r.json.templates),
  ]);
  if (!current()) return;
  here.templates = templates;
  here.loading = false;
  if (list instanceof Error) {
    // A filter the server refuses (a personnummer that is not one, a date of an old address): said
    // beside its field; anything else is the app's to say.
    if (!(list instanceof ApiError) || list.status !== 400) throw list;
    const field = fieldIds[list.field] ?? 'fu-search';
    const text = list.field === 'personnummer' && list.code.startsWith('pnr.')
      ? refusalText({ code: list.code, text: v.personnummer.trim() }) : messageOf(list);
    Object.assign(here, { answers: [], total: 0, errors: [{ field, text }], filtersOpen: true });
    draw();
    focusSummary();
    return;
  }
  here.answers = list.json.answers;
  here.total = list.json.total;
  here.errors = [];
  // A page past the end (answers deleted meanwhile, an old address): the last page instead.
  if (!here.answers.length && here.total > 0 && v.offset > 0) {
    const last = { ...v, offset: Math.floor((here.total - 1) / v.limit) * v.limit };
    pending = { address: addressOf(last), focus: mine?.focus };
    location.replace(addressOf(last));
    history.replaceState(whoOf(last) ? { [whoKey]: whoOf(last) } : null, '');
    return;
  }
  draw();
  if (mine?.focus) mine.focus();
  else if (!again) focusMain();
}
