// The review (#/form/<id>/review): the server checks the whole form at the revision the citizen saw
// (POST .../review); with problems the citizen is taken to the first page that has one, else every
// answer is listed in words with a link to change each page, and "Bekräfta och skicka" submits.
import { focusMain, show } from '../lib/dom.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { api } from './api.js';
import { information, readOnly } from './form/closed.js';
import { openForm } from './form/open-form.js';
import { answerList, formHeader } from './form/parts.js';
import { handleError } from './parts.js';

// f: the OpenForm, state: the core's state checked for the whole form; actions: {confirm(button)}.
export function view(f, state, actions) {
  return html`${formHeader(f, html`<h2 class="step">${t('reviewTitle')}</h2>`)}<p>${t('reviewIntro')}</p>
    ${answerList(f, state, true)}
    <div class="page-nav">
      <button type="button" class="button" id="confirm" @click=${(ev) => actions.confirm(ev.currentTarget)}>${t('confirm')}</button>
    </div>`;
}

// Draws the review of an open form that can still be changed.
export async function draw(f) {
  // The revision the citizen reviews: a save elsewhere in between makes the server refuse (409).
  const r = await api.review(f.id, f.revision);
  f.session.check('', true);
  const state = f.state();
  if (r.status === 422) {
    // Something is missing: go to the first page with a problem.
    const page = f.pageOf(state, r.json.result.issues[0]?.item);
    location.hash = `#/form/${f.id}/page/${encodeURIComponent(page.id)}`;
    return;
  }
  f.data.state = 'PENDING_COMPLETION';
  const actions = {
    async confirm(button) {
      button.disabled = true;
      try {
        const s = await api.submit(f.id, f.revision);
        if (s.status === 422) {
          location.hash = `#/form/${f.id}/page/${encodeURIComponent(f.visiblePages(state)[0].id)}`;
          return;
        }
        f.data.state = 'COMPLETED';
        f.submitted = s.json.result;
        f.clearLocal();
        location.hash = `#/form/${f.id}/receipt`;
      } catch (e) {
        button.disabled = false;
        handleError(e);
      }
    },
  };
  show(t('reviewTitle'), view(f, state, actions));
  focusMain();
}

export async function enter({ id }) {
  const f = await openForm(Number(id));
  if (f.information) return information(f);
  if (f.readOnly) return readOnly(f);
  return draw(f);
}
