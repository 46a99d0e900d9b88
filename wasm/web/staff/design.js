// Design (#/design): the templates the unit uses (GET /templates: its own, national ones and shared ones
// it subscribes to), searchable as you type by name or form id; each with its form id, kind, marks
// (national, shared, public, another owner), latest version and its state, and the published version,
// and a link to its page.
import { focusMain, show, takeFlash } from '../lib/dom.js';
import { html, repeat } from '../lib/html.js';
import { addTexts, language, t } from '../lib/i18n.js';
import { designApi, designNav, kindText, marks, stateBadge } from './design-parts.js';
import { visit } from './parts.js';
import { onSessionChange } from './session.js';

addTexts({
  sv: {
    designTitle: 'Formulärmallar',
    designIntro: 'Enhetens formulärmallar, nationella mallar och gemensamma mallar som enheten prenumererar på. Öppna en mall för att publicera, arkivera, ändra inställningar, exportera eller förhandsgranska den.',
    designUploadLink: 'Ladda upp ny version eller importera mall',
    designSearch: 'Sök mall',
    designSearchHint: 'Skriv en del av namnet eller formulär-id:t. Listan ändras medan du skriver.',
    designShown: 'Visar {shown} av {total} mallar.',
    designNoMatch: 'Ingen mall matchar ”{query}”.',
    designNone: 'Enheten har inga formulärmallar ännu. Ladda upp en formulärdefinition för att skapa en.',
    designCaption: 'Formulärmallar',
    colTplName: 'Namn',
    colFormId: 'Formulär-id',
    colTplKind: 'Slag',
    colMarks: 'Märkning',
    colLatest: 'Senaste version',
    colPublished: 'Publicerad version',
    latestVersion: 'Version {version}',
    noPublished: 'Ingen',
  },
  en: {
    designTitle: 'Form templates',
    designIntro: 'The unit\'s form templates, national templates and shared templates the unit subscribes to. Open a template to publish, archive, change settings, export or preview it.',
    designUploadLink: 'Upload a new version or import a template',
    designSearch: 'Search templates',
    designSearchHint: 'Type part of the name or the form id. The list changes as you type.',
    designShown: 'Showing {shown} of {total} templates.',
    designNoMatch: 'No template matches “{query}”.',
    designNone: 'The unit has no form templates yet. Upload a form definition to create one.',
    designCaption: 'Form templates',
    colTplName: 'Name',
    colFormId: 'Form id',
    colTplKind: 'Kind',
    colMarks: 'Marks',
    colLatest: 'Latest version',
    colPublished: 'Published version',
    latestVersion: 'Version {version}',
    noPublished: 'None',
  },
});

// The templates whose name or form id holds the query (any case).
export function matching(templates, query) {
  const q = query.trim().toLocaleLowerCase(language());
  if (!q) return templates;
  return templates.filter((x) => x.name.toLocaleLowerCase(language()).includes(q) || x.form_id.toLocaleLowerCase(language()).includes(q));
}

const row = (x) => html`<tr>
  <th scope="row" data-label=${t('colTplName')}><a href="#/design/mall/${x.id}">${x.name}</a></th>
  <td data-label=${t('colFormId')}><code>${x.form_id}</code></td>
  <td data-label=${t('colTplKind')}>${kindText(x.kind)}</td>
  <td data-label=${t('colMarks')}>${marks(x)}</td>
  <td data-label=${t('colLatest')}><span>${t('latestVersion', { version: x.latest_version })} ${stateBadge(x.latest_state)}</span></td>
  <td data-label=${t('colPublished')}>${x.published_version ?? t('noPublished')}</td>
</tr>`;

// state: {templates, query, flash}; actions: {search(text)}.
export function view(state, actions) {
  const shown = matching(state.templates, state.query);
  return html`${designNav('#/design')}<h1>${t('designTitle')}</h1>${state.flash}
    <p>${t('designIntro')}</p>
    <p><a href="#/design/ladda-upp" class="button secondary">${t('designUploadLink')}</a></p>
    ${state.templates.length ? html`
      <div class="field search-field">
        <label for="template-search">${t('designSearch')}</label>
        <p class="hint" id="template-search-hint">${t('designSearchHint')}</p>
        <input type="search" id="template-search" autocomplete="off" spellcheck="false" aria-describedby="template-search-hint template-count"
          aria-controls="templates" .value=${state.query} @input=${(ev) => actions.search(ev.target.value)}>
      </div>
      <p id="template-count" class="meta" role="status">${shown.length || !state.query.trim()
        ? t('designShown', { shown: shown.length, total: state.templates.length })
        : t('designNoMatch', { query: state.query.trim() })}</p>
      <div class="table-wrap"><table class="list" id="templates">
        <caption class="visually-hidden">${t('designCaption')}</caption>
        <thead><tr><th scope="col">${t('colTplName')}</th><th scope="col">${t('colFormId')}</th><th scope="col">${t('colTplKind')}</th>
          <th scope="col">${t('colMarks')}</th><th scope="col">${t('colLatest')}</th><th scope="col">${t('colPublished')}</th></tr></thead>
        <tbody>${repeat(shown, (x) => x.id, row)}</tbody>
      </table></div>` : html`<p class="empty">${t('designNone')}</p>`}`;
}

// The query stays while the staff member goes to a template and back (not past a logout).
let query = '';
onSessionChange((me) => { if (!me) query = ''; });

export async function enter() {
  const current = visit();
  const { templates } = (await designApi.templates()).json;
  const state = { templates, query, flash: takeFlash() };
  const draw = () => { if (current()) show(t('designTitle'), view(state, actions)); };
  const actions = {
    search(text) {
      state.query = text;
      query = text;
      draw();
    },
  };
  draw();
  focusMain();
}
