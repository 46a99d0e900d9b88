// The preview of a template (Visa formulär) as the citizen will see it: the newest published version
// (GET /templates/{id}/versions/{v}) drawn by the citizen app's item table (citizen/form/fields.js) from
// the core's render model, every page at once, the inputs disabled; what the core hides before any
// answer (follow-up questions) is hidden, numbers and required marks as the citizen sees them.
import { loadCore, today } from '../lib/core.js';
import { html, nothing } from '../lib/html.js';
import { addTexts, language, t } from '../lib/i18n.js';
import { drawNode } from '../citizen/form/fields.js';
import { api } from './api.js';

addTexts({
  sv: {
    previewTitle: 'Förhandsgranskning',
    previewIntro: 'Så här ser formuläret ut för mottagaren. Det går inte att svara här.',
    previewFailed: 'Formuläret kunde inte visas.',
    previewLoading: 'Hämtar formuläret …',
  },
  en: {
    previewTitle: 'Preview',
    previewIntro: 'This is how the form looks to the recipient. It cannot be answered here.',
    previewFailed: 'The form could not be shown.',
    previewLoading: 'Loading the form …',
  },
});

// Every node of a list of nodes, groups' nodes included.
function* walk(nodes) {
  for (const n of nodes) {
    yield n;
    if (n.items) yield* walk(n.items);
  }
}

// What the citizen's item table needs of a page that draws; nothing here changes.
const reader = { answers: {}, changed() {}, upload() {}, removeFile() {} };

export class Preview {
  // template: {id, published_version}. Resolves once the core has loaded the version.
  static async of(template) {
    const [core, definition] = await Promise.all([loadCore(), api.version(template.id, template.published_version)]);
    return new Preview(core, template, definition.json);
  }

  constructor(core, template, definition) {
    this.template = template;
    this.session = new core.FormSession(JSON.stringify(definition), today());
    if (!this.session.ok()) throw new Error('The form does not load.');
    this.session.check('', false);
    this.lang = null;
    this.model = null;
  }

  // The render model in the current language, made once per language.
  current() {
    if (this.lang !== language()) {
      this.lang = language();
      this.model = JSON.parse(this.session.model(this.lang));
    }
    return this.model;
  }

  // banner: the formulärmeddelande typed so far, shown as the citizen will see it.
  view(banner) {
    const model = this.current();
    return html`<section class="preview" id="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">${t('previewTitle')}</h2>
      <p class="hint">${t('previewIntro')}</p>
      <h3 class="preview-form-title">${model.form.title}</h3>
      ${banner ? html`<div class="banner" role="note">${banner}</div>` : nothing}
      <fieldset class="preview-pages" disabled>
        <legend class="visually-hidden">${model.form.title}</legend>
        ${model.pages.map((p) => html`<section class="preview-page" id="preview-page-${p.id}" ?hidden=${!p.visible}>
          ${p.title ? html`<h4>${p.title}</h4>` : nothing}
          ${p.description ? html`<p class="description">${p.description}</p>` : nothing}
          ${p.items.map((n) => drawNode(n, reader))}
        </section>`)}
      </fieldset>
    </section>`;
  }

  // After drawing: what the citizen sees before answering (visibility, numbers, required marks).
  apply() {
    for (const page of this.current().pages) {
      for (const node of walk(page.items)) {
        const q = document.getElementById(`q-${node.id}`);
        if (!q) continue;
        q.hidden = !node.visible;
        const num = document.getElementById(`num-${node.id}`);
        if (num) num.textContent = node.number ? `${node.number}. ` : '';
        const req = document.getElementById(`req-${node.id}`);
        if (req) req.textContent = node.required ? ` ${t('requiredMark')}` : '';
      }
    }
  }
}
