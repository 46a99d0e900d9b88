// The views of a form the citizen can only read: an information form (its texts, marked as read), and a
// form that is submitted, cancelled or past its last day (the answers in words).
import { focusMain, notice, show } from '../../lib/dom.js';
import { html, nothing } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { backLink } from '../parts.js';
import { drawNode } from './fields.js';
import { answerList, formHeader } from './parts.js';

// An information form has display texts only; what draws them needs no answers to change.
const reader = (f) => ({ answers: f.answers, changed() {}, upload() {}, removeFile() {} });

export function informationView(f) {
  const model = f.model();
  return html`${formHeader(f)}
    ${model.pages.map((p) => html`<section>
      ${p.title ? html`<h2>${p.title}</h2>` : nothing}${p.items.map((n) => drawNode(n, reader(f)))}
    </section>`)}
    ${notice(t('informationDone'))}${backLink()}`;
}

export function information(f) {
  show(f.model().form.title, informationView(f));
  focusMain();
}

export function readOnlyView(f, state) {
  const note = f.data.state === 'COMPLETED' ? t('submittedForm') : f.data.state === 'CANCELLED' ? t('cancelledForm') : t('closedForm');
  return html`${formHeader(f)}${notice(note)}${answerList(f, state, false)}${backLink()}`;
}

export function readOnly(f) {
  f.session.check('', false);
  show(f.model().form.title, readOnlyView(f, f.state()));
  focusMain();
}
