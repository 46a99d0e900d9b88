// The forms page (#/forms): whom the citizen answers for, the forms in progress, the forms the citizen
// may start, and the submitted ones. The forms one occasion of a package brought come together under
// the package's title when there is more than one of them.
import { focusMain, show, takeFlash } from '../lib/dom.js';
import { html, nothing, repeat } from '../lib/html.js';
import { language, longDate, t } from '../lib/i18n.js';
import { api } from './api.js';
import { handleError } from './parts.js';
import { citizen, loadMe, refreshInbox } from './session.js';

// A form's card; level: its heading's level (4 under a package's title).
const card = (f, level = 3) => html`<li class="card">
  ${level === 4 ? html`<h4><a href="#/form/${f.id}">${f.title}</a></h4>` : html`<h3><a href="#/form/${f.id}">${f.title}</a></h3>`}
  <p class="meta">${t('from', { unit: f.unit })}</p>
  ${f.kind === 'information' ? html`<p class="meta">${t('information')}</p>` : nothing}
  ${f.answer_by && f.state !== 'COMPLETED'
    ? html`<p class="meta">${t(f.closed ? 'closedOn' : 'answerBy', { date: longDate(f.answer_by) })}</p>` : nothing}
  <p class="state state-${f.state}">${t(`state${f.state}`)}</p>
</li>`;

// The button's words are one text (one text node), which the browser shapes as one run.
const startCard = (a, actions) => html`<li class="card">
  <h3>${a.title}</h3>
  <p class="meta">${t('from', { unit: a.unit })}</p>
  <button type="button" class="button secondary" @click=${() => actions.start(a.template)}>${`${t('start')}: ${a.title}`}</button>
</li>`;

// One list of the page: its cards keyed by key(item), or the text for an empty list.
const section = (id, title, list, key, draw, empty) => html`<section aria-labelledby=${id}>
  <h2 id=${id}>${title}</h2>
  ${list.length ? html`<ul class="cards">${repeat(list, key, draw)}</ul>` : html`<p class="empty">${empty}</p>`}
</section>`;

// A list of forms as the page shows it: each form on its own, except the forms of one package occasion
// ({package: {id, title, occasion, position}}) when there are several, which come together where the
// first of them is, in the package's order, as one entry {key, package, forms}.
export function byPackage(list) {
  const keyOf = (f) => (f.package ? `${f.package.id}-${f.package.occasion}` : null);
  const groups = new Map();
  for (const f of list) {
    const k = keyOf(f);
    if (k) groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  const entries = [];
  for (const f of list) {
    const k = keyOf(f);
    const group = k ? groups.get(k) : null;
    if (!group || group.length < 2) entries.push({ key: `form-${f.id}`, form: f });
    else if (group[0] === f) {
      const forms = [...group].sort((a, b) => (a.package.position ?? 0) - (b.package.position ?? 0) || a.id - b.id);
      entries.push({ key: `package-${k}`, package: f.package, forms });
    }
  }
  return entries;
}

// An entry of byPackage(): a card, or the package's title over its forms' cards.
const entry = (e) => (e.form ? card(e.form) : html`<li class="package-group">
  <h3 id=${e.key}>${e.package.title}</h3>
  <ul class="cards" aria-labelledby=${e.key}>${repeat(e.forms, (f) => f.id, (f) => card(f, 4))}</ul>
</li>`);

// The child select: the citizen, then each child the citizen may answer for.
function actingFor(me, data, actions) {
  const submit = (ev) => {
    ev.preventDefault();
    const value = ev.currentTarget.querySelector('#acting-for').value;
    actions.actFor(value ? Number(value) : null);
  };
  return html`<form class="acting-for" @submit=${submit}>
    <label for="acting-for">${t('actingFor')}</label>
    <select id="acting-for">
      <option value="">${`${t('myself')} (${me.name})`}</option>
      ${me.children.map((c) => html`<option value=${String(c.id)} ?selected=${data.acting_for === c.id}>${c.name}</option>`)}
    </select>
    <button type="submit" class="button secondary">${t('change')}</button>
  </form>`;
}

// state: {me, data (GET /citizen/forms), flash}; actions: {actFor(child id or null), start(template id)}.
export function view({ me, data, flash }, actions) {
  return html`<h1>${t('formsTitle')}</h1>${flash}
    ${me.children?.length ? actingFor(me, data, actions) : nothing}
    ${section('ongoing', t('ongoing'), byPackage(data.ongoing), (e) => e.key, entry, t('noneOngoing'))}
    ${section('available', t('available'), data.available, (a) => a.template, (a) => startCard(a, actions), t('noneAvailable'))}
    ${section('submitted', t('submitted'), byPackage(data.submitted), (e) => e.key, entry, t('noneSubmitted'))}
    <p class="code-link"><a href="#/kod">${t('codeLink')}</a></p>`;
}

const actions = {
  async actFor(child) {
    try {
      await api.actFor(child);
      await loadMe();
      await enter();
    } catch (e) {
      handleError(e);
    }
  },
  async start(template) {
    try {
      const r = await api.start(template);
      location.hash = `#/form/${r.json.id}`;
    } catch (e) {
      handleError(e);
    }
  },
};

export async function enter() {
  refreshInbox();  // new messages since the last look show in the header
  const data = (await api.forms(language())).json;
  show(t('formsTitle'), view({ me: citizen(), data, flash: takeFlash() }, actions));
  focusMain();
}
