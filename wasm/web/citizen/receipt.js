// The receipt (#/form/<id>/receipt): the answers are sent, to whom, the results the form shows the
// citizen (calculations marked citizen_visible) and its links to read more.
import { focusMain, show } from '../lib/dom.js';
import { html, nothing } from '../lib/html.js';
import { formatNumber, t } from '../lib/i18n.js';
import { information } from './form/closed.js';
import { openForm } from './form/open-form.js';
import { backLink } from './parts.js';

// A result's value as the citizen reads it: numbers in the language's way, with their unit.
const valueText = (v, unit) => {
  if (v.value === undefined) return '–';
  const text = typeof v.value === 'number' ? formatNumber(v.value) : String(v.value);
  return unit ? `${text} ${unit}` : text;
};

// f: the OpenForm; state: the core's state (which calculations and routes the citizen's view has);
// result: the submission's result ({calculations, routes}).
export function view(f, state, result) {
  const calcs = state.calculations.filter((c) => result.calculations?.[c.id]);
  const routes = state.routes.filter((r) => result.routes?.some((x) => x.id === r.id));
  return html`<h1>${t('receiptTitle')}</h1>
    <p>${t('receiptIntro', { unit: f.data.unit })}</p>
    ${calcs.length ? html`<section aria-labelledby="results"><h2 id="results">${t('yourResults')}</h2>
      <dl>${calcs.map((c) => html`<div class="answer-row"><dt>${c.title}</dt><dd>${valueText(result.calculations[c.id], c.unit)}${
        c.text ? html`<p class="hint">${c.text}</p>` : nothing}</dd></div>`)}</dl>
    </section>` : nothing}
    ${routes.length ? html`<section aria-labelledby="more"><h2 id="more">${t('readMore')}</h2>
      <ul>${routes.map((r) => html`<li><a href=${r.url} target="_blank" rel="noopener">${r.label}</a></li>`)}</ul>
    </section>` : nothing}
    ${backLink()}`;
}

export async function enter({ id }) {
  const f = await openForm(Number(id));
  if (f.information) return information(f);
  const result = f.submitted ?? f.data.result ?? { calculations: {}, routes: [] };
  show(t('receiptTitle'), view(f, f.state(), result));
  focusMain();
}
