// Uppföljning (#/uppfoljning): the unit's answers (GET /answers), filtered (Formulär, Status, Namn,
// Personnummer, Skickat and Besvarat från/till, Gallras efter, Dokumenterad, Behöver uppmärksamhet),
// sorted by a column's header (aria-sort on the header; on a phone a select), a page at a time with the
// total ("Visar 1–50 av 1 234", Föregående/Nästa, 25/50/100 per sida), in the columns each staff member
// chooses (Välj kolumner, followup-columns.js). An answer whose result raised a warning or a critical
// alert stands out: a badge that says so in words, and its row marked. Each row leads to its answer
// (#/uppfoljning/<id>).
//
// Actions: a box on each row (and "Markera alla på sidan") selects answers for Skicka påminnelse and
// Exportera PDF (one PDF or a zip, into the export area); Skicka påminnelse till alla som inte svarat,
// Exportera CSV (one form at a time, a job that lands in the export area) and Gallra act on everything
// the filter selects, each after a modal question that states how many. The exports need the exporter
// role and are shown only with it. A notice says when the unit's retention rule deletes answers tomorrow.
//
// The view (filters, order, page) is the address's query and its history entry's state
// (followup-parts.js): a search, a sort or a page is a navigation, so back and forward step through
// them and a reload keeps them. While the page is on screen it stays there during the next call, so a
// sort button or the page size keeps its focus.
//
// Sections: texts · the filters · the table · the actions · paging · the page (view) · navigating · enter.
import { ApiError } from '../lib/api.js';
import { focusMain, setFlash, show } from '../lib/dom.js';
import { html, nothing, repeat } from '../lib/html.js';
import { addErrorTexts, addTexts, messageOf, t } from '../lib/i18n.js';
import { api } from './api.js';
import { chooseColumn, chosenColumns, columns, defaultColumns, who } from './followup-columns.js';
import {
  activeFilters, addressOf, countText, emptyView, exportsAddress, followupApi, formDialog, isDate, needsAttention, pageSizes,
  sortWords, sorts, states, stateText, viewOf, whoKey, whoOf,
} from './followup-parts.js';
import { confirmDialog, leftPage } from './design-admin-parts.js';
import { describedBy, errorSummary, fieldError, focusSummary, handleError, invalid, visit } from './parts.js';
import { refusalText } from './recipients.js';
import { hasRole, onSessionChange } from './session.js';

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
    fuPickHead: 'Markera',
    fuPick: 'Markera {form} för {name}',
    fuPickAll: 'Markera alla på sidan',
    fuActions: 'Åtgärder',
    fuSelectedGroup: 'Markerade svar',
    fuSelectedNone: 'Inga svar markerade.',
    fuSelectedOne: '1 svar markerat.',
    fuSelectedMany: '{count} svar markerade.',
    fuAllGroup: 'Alla svar som matchar filtret',
    fuAllCount: 'Filtret väljer {count} formulärsvar.',
    fuRemind: 'Skicka påminnelse',
    fuExportPdf: 'Exportera PDF',
    fuRemindAll: 'Skicka påminnelse till alla som inte svarat',
    fuExportCsv: 'Exportera CSV',
    fuGallra: 'Gallra',
    fuExportsLink: 'Exportområdet: dina exporterade filer',
    fuPickFirst: 'Markera först de formulärsvar som åtgärden gäller.',
    fuCsvNeedsForm: 'Välj ett formulär i filtret först: CSV-exporten gäller ett formulär i taget.',
    fuPdfTooMany: 'Högst {max} formulärsvar i en PDF-export.',
    fuRemindedOne: 'Påminnelse skickad för 1 formulärsvar.',
    fuReminded: 'Påminnelse skickad för {count} formulärsvar.',
    fuRemindedNone: 'Ingen påminnelse skickad.',
    fuSkippedOne: '1 formulärsvar väntade inte på svar och fick ingen påminnelse.',
    fuSkipped: '{count} formulärsvar väntade inte på svar och fick ingen påminnelse.',
    fuRemindAllTitle: 'Skicka påminnelse till alla som inte svarat?',
    fuRemindAllText: 'Filtret väljer {count} formulärsvar. De som fortfarande väntar på svar får en påminnelse i inkorgen, de andra hoppas över.',
    fuRemindAllYes: 'Ja, skicka påminnelse',
    fuRemindChanged: 'Listan har ändrats: filtret väljer nu {count} formulärsvar. Ingen påminnelse har skickats. Välj knappen igen för att skicka.',
    fuGallraTitle: 'Gallra formulärsvar',
    fuGallraText: 'Vill du gallra {count} formulärsvar? Det går inte att ångra.',
    fuGallraYes: 'Ja, gallra',
    fuGallrad: '{count} formulärsvar är gallrade.',
    fuGallraChanged: 'Listan har ändrats: filtret väljer nu {count} formulärsvar. Inget har gallrats. Välj Gallra igen om du vill gallra dem.',
    fuPdfTitle: 'Exportera {count} formulärsvar som PDF',
    fuPdfTitleOne: 'Exportera 1 formulärsvar som PDF',
    fuExportIntro: 'Filen hamnar i exportområdet, där bara du kommer åt den. Den raderas automatiskt efter 14 dagar.',
    fuPdfLegend: 'Filer',
    fuPdfOne: 'En PDF',
    fuPdfZip: 'En zip-fil med en PDF per svar',
    fuExportYes: 'Exportera',
    fuCsvTitle: 'Exportera CSV: {form}',
    fuCsvIntro: 'De inskickade svaren bland filtrets {count} formulärsvar, med en kodbok. Exporten görs i bakgrunden och hamnar i exportområdet, där den raderas automatiskt efter 14 dagar.',
    fuCsvValues: 'Svaren som',
    fuCsvCodes: 'Koder',
    fuCsvLabels: 'Svarstexter',
    fuCsvFormat: 'Format',
    fuCsvSv: 'Svenskt Excel (semikolon)',
    fuCsvIntl: 'Internationellt (komma)',
    fuCsvIdentify: 'Ta med personnummer och namn',
    fuCsvYes: 'Starta export',
    fuPdfDone: 'Exporten är klar: {name}.',
    fuCsvStarted: 'CSV-exporten har startat. Den är klar när förloppet är fullt.',
    fuRetention: 'I morgon gallras {count} formulärsvar enligt enhetens gallringsregel.',
    fuRetentionOne: 'I morgon gallras 1 formulärsvar enligt enhetens gallringsregel.',
    errGallringTooMany: 'Högst 10 000 formulärsvar kan gallras åt gången. Begränsa filtret.',
    errGallringChanged: 'Listan har ändrats. Inget har gallrats.',
    errReminderChanged: 'Listan har ändrats. Ingen påminnelse har skickats.',
    errExportTooMany: 'Högst 200 formulärsvar i en PDF-export.',
    errExportTemplate: 'Välj ett formulär i filtret först: CSV-exporten gäller ett formulär i taget.',
    errExportEmpty: 'Filtret väljer inga inskickade formulärsvar att exportera.',
    errExportRunning: 'Exporten skapas fortfarande. Filen går att ladda ned när den är klar.',
    errExportFailed: 'Exporten misslyckades. Försök igen.',
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
    fuPickHead: 'Select',
    fuPick: 'Select {form} for {name}',
    fuPickAll: 'Select all on the page',
    fuActions: 'Actions',
    fuSelectedGroup: 'Selected answers',
    fuSelectedNone: 'No answers selected.',
    fuSelectedOne: '1 answer selected.',
    fuSelectedMany: '{count} answers selected.',
    fuAllGroup: 'All answers the filter matches',
    fuAllCount: 'The filter selects {count} form answers.',
    fuRemind: 'Send a reminder',
    fuExportPdf: 'Export PDF',
    fuRemindAll: 'Send a reminder to all who have not answered',
    fuExportCsv: 'Export CSV',
    fuGallra: 'Delete',
    fuExportsLink: 'The export area: your exported files',
    fuPickFirst: 'First select the form answers the action is for.',
    fuCsvNeedsForm: 'Choose a form in the filter first: the CSV export is for one form at a time.',
    fuPdfTooMany: 'At most {max} form answers in one PDF export.',
    fuRemindedOne: 'Reminder sent for 1 form answer.',
    fuReminded: 'Reminder sent for {count} form answers.',
    fuRemindedNone: 'No reminder sent.',
    fuSkippedOne: '1 form answer was not waiting for an answer and got no reminder.',
    fuSkipped: '{count} form answers were not waiting for an answer and got no reminder.',
    fuRemindAllTitle: 'Send a reminder to all who have not answered?',
    fuRemindAllText: 'The filter selects {count} form answers. Those still waiting for an answer get a reminder in the inbox; the others are skipped.',
    fuRemindAllYes: 'Yes, send a reminder',
    fuRemindChanged: 'The list has changed: the filter selects {count} form answers now. No reminder was sent. Choose the button again to send.',
    fuGallraTitle: 'Delete form answers',
    fuGallraText: 'Do you want to delete {count} form answers? This cannot be undone.',
    fuGallraYes: 'Yes, delete',
    fuGallrad: '{count} form answers deleted.',
    fuGallraChanged: 'The list has changed: the filter selects {count} form answers now. Nothing was deleted. Choose Delete again to delete them.',
    fuPdfTitle: 'Export {count} form answers as PDF',
    fuPdfTitleOne: 'Export 1 form answer as PDF',
    fuExportIntro: 'The file goes to the export area, where only you can reach it. It is deleted automatically after 14 days.',
    fuPdfLegend: 'Files',
    fuPdfOne: 'One PDF',
    fuPdfZip: 'A zip file with one PDF per answer',
    fuExportYes: 'Export',
    fuCsvTitle: 'Export CSV: {form}',
    fuCsvIntro: 'The submitted answers among the filter\'s {count} form answers, with a codebook. The export runs in the background and goes to the export area, where it is deleted automatically after 14 days.',
    fuCsvValues: 'Answers as',
    fuCsvCodes: 'Codes',
    fuCsvLabels: 'Answer texts',
    fuCsvFormat: 'Format',
    fuCsvSv: 'Swedish Excel (semicolon)',
    fuCsvIntl: 'International (comma)',
    fuCsvIdentify: 'Include personal identity number and name',
    fuCsvYes: 'Start the export',
    fuPdfDone: 'The export is ready: {name}.',
    fuCsvStarted: 'The CSV export has started. It is ready when the progress bar is full.',
    fuRetention: 'Tomorrow {count} form answers are deleted by the unit\'s retention rule.',
    fuRetentionOne: 'Tomorrow 1 form answer is deleted by the unit\'s retention rule.',
    errGallringTooMany: 'At most 10,000 form answers can be deleted at once. Narrow the filter.',
    errGallringChanged: 'The list has changed. Nothing was deleted.',
    errReminderChanged: 'The list has changed. No reminder was sent.',
    errExportTooMany: 'At most 200 form answers in one PDF export.',
    errExportTemplate: 'Choose a form in the filter first: the CSV export is for one form at a time.',
    errExportEmpty: 'The filter selects no submitted form answers to export.',
    errExportRunning: 'The export is still being made. The file can be downloaded when it is ready.',
    errExportFailed: 'The export failed. Please try again.',
  },
});

addErrorTexts({
  'gallring.too_many': 'errGallringTooMany',
  'gallring.changed': 'errGallringChanged',
  'reminder.changed': 'errReminderChanged',
  'export.too_many': 'errExportTooMany',
  'export.template': 'errExportTemplate',
  'export.empty': 'errExportEmpty',
  'export.running': 'errExportRunning',
  'export.failed': 'errExportFailed',
});

// The most answers one PDF export takes (POST /answers/pdf).
const maxPdf = 200;

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

const row = (shown, s, a) => (x) => html`<tr class=${needsAttention(x.alert) ? `needs-attention attention-${x.alert}` : ''}>
  <td class="pick-cell" data-label=${t('fuPickHead')}><input type="checkbox" class="pick" id="fu-pick-${x.id}" .checked=${s.selected.has(x.id)}
    aria-label=${t('fuPick', { form: x.name, name: who(x) })} @change=${(ev) => a.pick(x.id, ev.target.checked)}></td>
  ${shown.map((c) => (c.fixed
    ? html`<th scope="row" data-label=${t(c.label)}>${c.cell(x)}</th>`
    : html`<td data-label=${t(c.label)} class=${cellClass(c, x)}>${c.cell(x)}</td>`))}
</tr>`;

function table(s, a, shown) {
  const v = s.view;
  const sorted = columns.find((c) => c.sort === v.sort);
  return html`<div class="table-wrap"><table class="list answers" id="answers">
    <caption class="visually-hidden">${t('fuCaption', { column: t(sorted.label), order: sortWords(v.sort, v.dir) })}</caption>
    <thead><tr><th scope="col" class="pick-cell"><span class="visually-hidden">${t('fuPickHead')}</span></th>${shown.map((c) => head(c, v, a))}</tr></thead>
    <tbody>${repeat(s.answers, (x) => x.id, row(shown, s, a))}</tbody>
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

// ---- The actions ------------------------------------------------------------------------------------------
// Two groups over the table: what is done to the answers selected on this page, and what is done to
// everything the filter selects; under them the outcome of the last action (a status, or an alert).
function actions(s, a) {
  const exporter = hasRole('exporter');
  const n = s.selected.size;
  const onPage = s.answers.length;
  const all = onPage > 0 && s.answers.every((x) => s.selected.has(x.id));
  const selectedText = !n ? t('fuSelectedNone') : n === 1 ? t('fuSelectedOne') : t('fuSelectedMany', { count: countText(n) });
  return html`<div class="fu-actions" id="fu-actions">
    <div class="action-group" role="group" aria-labelledby="fu-selected-title">
      <h3 id="fu-selected-title">${t('fuSelectedGroup')}</h3>
      <div class="option pick-all">
        <input type="checkbox" id="fu-pick-all" .checked=${all} .indeterminate=${n > 0 && !all} @change=${(ev) => a.pickAll(ev.target.checked)}>
        <label for="fu-pick-all">${t('fuPickAll')}</label>
      </div>
      <p class="selected-count" id="fu-selected">${selectedText}</p>
      <div class="row-buttons">
        <button type="button" class="button secondary" id="fu-remind" aria-describedby="fu-selected" @click=${a.remind}>${t('fuRemind')}</button>
        ${exporter ? html`<button type="button" class="button secondary" id="fu-pdf" aria-describedby="fu-selected"
          @click=${a.exportPdf}>${t('fuExportPdf')}</button>` : nothing}
      </div>
    </div>
    <div class="action-group" role="group" aria-labelledby="fu-all-title">
      <h3 id="fu-all-title">${t('fuAllGroup')}</h3>
      <p class="selected-count" id="fu-all-count">${t('fuAllCount', { count: countText(s.total) })}</p>
      <div class="row-buttons">
        <button type="button" class="button secondary" id="fu-remind-all" aria-describedby="fu-all-count"
          @click=${a.remindAll}>${t('fuRemindAll')}</button>
        ${exporter ? html`<button type="button" class="button secondary" id="fu-csv"
          aria-describedby=${s.view.template ? 'fu-all-count' : 'fu-all-count fu-csv-hint'} @click=${a.exportCsv}>${t('fuExportCsv')}</button>` : nothing}
        <button type="button" class="button danger" id="fu-gallra" aria-describedby="fu-all-count" @click=${a.gallra}>${t('fuGallra')}</button>
      </div>
      ${exporter && !s.view.template ? html`<p class="hint" id="fu-csv-hint">${t('fuCsvNeedsForm')}</p>` : nothing}
    </div>
  </div>`;
}

// The outcome of the last action: always in the page (a live region is announced only when it changes).
function outcome(s) {
  const o = s.outcome;
  return html`<div id="fu-outcome" class="fu-outcome" tabindex="-1" aria-live="polite">${o
    ? html`<p class="notice notice-${o.kind}">${o.lines.map((line, i) => html`${i ? html`<br>` : nothing}${line}`)}</p>` : nothing}</div>`;
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
// s: {view, draft, templates, answers, total, columns, chooser, filtersOpen, errors, loading, selected (a Set
// of ids on this page), outcome ({kind, lines} | null), tomorrow (answers the retention rule deletes
// tomorrow)}; a: the actions of enter().
export function view(s, a) {
  const shown = columns.filter((c) => s.columns.includes(c.id));
  return html`<div id="followup">
    <h1>${t('followupTitle')}</h1>${errorSummary(s.errors)}
    <p>${t('followupIntro')}</p>
    ${s.tomorrow > 0 ? html`<p class="notice notice-warning" id="fu-retention">${s.tomorrow === 1 ? t('fuRetentionOne')
      : t('fuRetention', { count: countText(s.tomorrow) })}</p>` : nothing}
    ${hasRole('exporter') ? html`<p><a href=${exportsAddress} id="fu-exports-link">${t('fuExportsLink')}</a></p>` : nothing}
    ${filters(s, a)}
    <section class="results" aria-labelledby="fu-heading" aria-busy=${s.loading ? 'true' : 'false'}>
      <div class="results-head">
        <h2 id="fu-heading" tabindex="-1">${t('fuHeading')}</h2>
        <button type="button" class="button secondary" id="fu-columns-toggle" aria-expanded=${s.chooser ? 'true' : 'false'}
          aria-controls="fu-columns" @click=${a.toggleColumns}>${t('fuColumns')}</button>
      </div>
      ${chooser(s, a)}
      <p id="fu-count" class="results-count" role="status">${countLine(s)}</p>
      ${s.answers.length ? actions(s, a) : nothing}
      ${outcome(s)}
      ${s.answers.length ? html`${sortForm(s, a, shown)}${table(s, a, shown)}${paging(s, a)}` : nothing}
    </section>
  </div>`;
}

// What a reminder did: how many were reminded, and how many did not wait for an answer.
function remindedLines(r) {
  const lines = [!r.reminded ? t('fuRemindedNone') : r.reminded === 1 ? t('fuRemindedOne') : t('fuReminded', { count: countText(r.reminded) })];
  if (r.skipped) lines.push(r.skipped === 1 ? t('fuSkippedOne') : t('fuSkipped', { count: countText(r.skipped) }));
  return lines;
}

// ---- Navigating -------------------------------------------------------------------------------------------
let s = null;          // the list on screen (or last on screen): its view, answers, draft, columns
let pending = null;    // a navigation this page started: {address, focus, keep}: where focus goes after it, and
                       // whether the outcome of an action stays
onSessionChange(() => { s = null; });  // another person or unit: nothing of the last list stays

// Shows a view: a new history entry (its address, and its personnummer and name in its state), or,
// when only those two changed, the same entry with the new state. focus() runs once it is drawn; keep:
// the outcome of the action that asked for the list again stays on screen.
function go(v, focus, keep = false) {
  const address = addressOf(v);
  const who = whoOf(v);
  const state = who ? { [whoKey]: who } : null;
  pending = { address, focus, keep };
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
          filtersOpen: !window.matchMedia('(max-width: 48rem)').matches, selected: new Set(), outcome: null, tomorrow: 0, busy: false };
  } else if (!again) {
    s.draft = { ...v };
  }
  // Another list: nothing selected, and the last action's outcome goes (unless the action asked for it).
  if (s.address !== location.hash) s.selected = new Set();
  if (!again && !mine?.keep) s.outcome = null;
  s.view = v;
  s.address = location.hash;
  const here = s;
  const draw = () => { if (current()) show(t('followupTitle'), view(here, a)); };

  // The outcome of an action: kind info or error, its lines; focus on it when the control may be gone.
  const say = (kind, lines, focus = false) => {
    here.outcome = { kind, lines };
    draw();
    if (focus) document.getElementById('fu-outcome')?.focus();
  };
  const failed = (e) => { if (!leftPage(e)) say('error', [messageOf(e)]); };
  // An action's call, one at a time (a second click while the first is on its way does nothing).
  const once = async (work) => {
    if (here.busy) return;
    here.busy = true;
    try { await work(); } finally { here.busy = false; }
  };
  const picked = () => here.answers.filter((x) => here.selected.has(x.id)).map((x) => x.id);
  const reload = (focus) => go(here.view, focus, true);
  const focusOutcome = () => document.getElementById('fu-outcome')?.focus();
  // How many the filter selects now (after a 409 said the list changed).
  const countNow = async () => (await followupApi.answers({ ...here.view, offset: 0, limit: 1 })).json.total;
  const chosenForm = () => here.templates.find((x) => String(x.id) === here.view.template)?.name
    ?? here.answers.find((x) => String(x.template) === here.view.template)?.name ?? t('fuOtherTemplate', { id: here.view.template });
  const radio = (name, value, id, label, checked) => html`<div class="option">
    <input type="radio" name=${name} value=${value} id=${id} ?checked=${checked} ?autofocus=${checked && name !== 'format-csv'}>
    <label for=${id}>${label}</label></div>`;

  const a = {
    // A change of the selection takes away a complaint about it ("Markera först ...").
    pick(id, on) {
      if (on) here.selected.add(id);
      else here.selected.delete(id);
      if (here.outcome?.kind === 'error') here.outcome = null;
      draw();
    },
    pickAll(on) {
      for (const x of here.answers) if (on) here.selected.add(x.id); else here.selected.delete(x.id);
      if (here.outcome?.kind === 'error') here.outcome = null;
      draw();
    },
    remind: () => once(async () => {
      const ids = picked();
      if (!ids.length) return say('error', [t('fuPickFirst')]);
      let r;
      try {
        r = (await followupApi.remind(ids)).json;
      } catch (e) {
        return failed(e);
      }
      say('info', remindedLines(r));
    }),
    exportPdf: () => once(async () => {
      const ids = picked();
      if (!ids.length) return say('error', [t('fuPickFirst')]);
      if (ids.length > maxPdf) return say('error', [t('fuPdfTooMany', { max: maxPdf })]);
      const form = await formDialog({
        id: 'fu-pdf-dialog',
        title: ids.length === 1 ? t('fuPdfTitleOne') : t('fuPdfTitle', { count: countText(ids.length) }),
        intro: t('fuExportIntro'),
        content: html`<fieldset class="choices"><legend>${t('fuPdfLegend')}</legend>
          ${radio('format', 'pdf', 'fu-pdf-one', t('fuPdfOne'), true)}${radio('format', 'zip', 'fu-pdf-zip', t('fuPdfZip'), false)}</fieldset>`,
        yes: t('fuExportYes'),
        no: t('askCancel'),
      });
      if (!form) return;
      let r;
      try {
        r = (await followupApi.pdf(ids, form.get('format'))).json;
      } catch (e) {
        return failed(e);
      }
      setFlash(t('fuPdfDone', { name: r.export.name }));
      location.hash = exportsAddress;
    }),
    remindAll: () => once(async () => {
      const count = here.total;
      const yes = await confirmDialog({
        title: t('fuRemindAllTitle'), text: t('fuRemindAllText', { count: countText(count) }), yes: t('fuRemindAllYes'),
      });
      if (!yes) return;
      let r;
      try {
        r = (await followupApi.remindAll(here.view, count)).json;
      } catch (e) {
        if (!(e instanceof ApiError) || e.code !== 'reminder.changed') return failed(e);
        const now = await countNow().catch(() => null);
        if (now === null) return failed(e);
        here.outcome = { kind: 'error', lines: [t('fuRemindChanged', { count: countText(now) })] };
        return reload(focusOutcome);
      }
      say('info', remindedLines(r));
    }),
    exportCsv: () => once(async () => {
      if (!here.view.template) {
        say('error', [t('fuCsvNeedsForm')]);
        here.filtersOpen = true;
        draw();
        document.getElementById('fu-template')?.focus();
        return;
      }
      const form = await formDialog({
        id: 'fu-csv-dialog',
        title: t('fuCsvTitle', { form: chosenForm() }),
        intro: t('fuCsvIntro', { count: countText(here.total) }),
        content: html`<fieldset class="choices"><legend>${t('fuCsvValues')}</legend>
            ${radio('values', 'labels', 'fu-csv-labels', t('fuCsvLabels'), true)}${radio('values', 'codes', 'fu-csv-codes', t('fuCsvCodes'), false)}
          </fieldset>
          <fieldset class="choices"><legend>${t('fuCsvFormat')}</legend>
            ${radio('format-csv', 'sv', 'fu-csv-sv', t('fuCsvSv'), true)}${radio('format-csv', 'international', 'fu-csv-intl', t('fuCsvIntl'), false)}
          </fieldset>
          <div class="option"><input type="checkbox" name="identify" id="fu-csv-identify"><label for="fu-csv-identify">${t('fuCsvIdentify')}</label></div>`,
        yes: t('fuCsvYes'),
        no: t('askCancel'),
      });
      if (!form) return;
      try {
        await followupApi.csv(here.view, { values: form.get('values'), format: form.get('format-csv'), identify: form.get('identify') === 'on' });
      } catch (e) {
        return failed(e);
      }
      setFlash(t('fuCsvStarted'));
      location.hash = exportsAddress;
    }),
    gallra: () => once(async () => {
      const count = here.total;
      const yes = await confirmDialog({ title: t('fuGallraTitle'), text: t('fuGallraText', { count: countText(count) }), yes: t('fuGallraYes') });
      if (!yes) return;
      let r;
      try {
        r = (await followupApi.gallra(here.view, count)).json;
      } catch (e) {
        if (!(e instanceof ApiError) || e.code !== 'gallring.changed') return failed(e);
        const now = await countNow().catch(() => null);
        if (now === null) return failed(e);
        here.outcome = { kind: 'error', lines: [t('fuGallraChanged', { count: countText(now) })] };
        return reload(focusOutcome);
      }
      here.outcome = { kind: 'info', lines: [t('fuGallrad', { count: countText(r.deleted) })] };
      here.selected = new Set();
      reload(focusOutcome);
    }),
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
  // The retention notice: asked when the page opens and after an action; quietly nothing without the route.
  const askRetention = !onPage || mine?.keep;
  const [list, templates, tomorrow] = await Promise.all([
    followupApi.answers(v).catch((e) => e),
    onPage ? here.templates : api.templates().then((r) => r.json.templates),
    askRetention ? followupApi.retention().then((r) => Number(r.json?.tomorrow) || 0, () => 0) : here.tomorrow,
  ]);
  if (!current()) return;
  here.templates = templates;
  here.tomorrow = tomorrow;
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
  here.selected = new Set(here.answers.filter((x) => here.selected.has(x.id)).map((x) => x.id));
  // A page past the end (answers deleted meanwhile, an old address): the last page instead.
  if (!here.answers.length && here.total > 0 && v.offset > 0) {
    const last = { ...v, offset: Math.floor((here.total - 1) / v.limit) * v.limit };
    pending = { address: addressOf(last), focus: mine?.focus, keep: mine?.keep };
    location.replace(addressOf(last));
    history.replaceState(whoOf(last) ? { [whoKey]: whoOf(last) } : null, '');
    return;
  }
  draw();
  if (mine?.focus) mine.focus();
  else if (!again) focusMain();
}
