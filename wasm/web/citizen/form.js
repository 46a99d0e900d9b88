// The form page by page (#/form/<id>, #/form/<id>/page/<page>): one page of questions drawn once with
// lit-html, then updated in place after every answer from the core's state (PageView.apply), so that
// typing never redraws the page; leaving a page checks it, shows its problems in an error summary that
// takes focus, and saves it. A form the citizen can only read, or one waiting for confirmation, shows
// its own view instead.
//
// Sections: the page's markup (view) · entering the address (enter) · PageView: answers, the state,
// checks and saving, attachments.
import { ApiError } from '../lib/api.js';
import { timings } from '../lib/core.js';
import { announce, focusMain, notice, setFlash, show, takeFlash } from '../lib/dom.js';
import { html, keyed, nothing, render } from '../lib/html.js';
import { messageOf, t } from '../lib/i18n.js';
import { api } from './api.js';
import { information, readOnly } from './form/closed.js';
import { drawNode, fieldOf } from './form/fields.js';
import { openForm, walk } from './form/open-form.js';
import { formHeader } from './form/parts.js';
import { handleError } from './parts.js';
import * as review from './review.js';

const pageAddress = (f, pageId) => `#/form/${f.id}/page/${encodeURIComponent(pageId)}`;

// ---- The page's markup ---------------------------------------------------------------------------------
// pv: the PageView that draws (its form, its page and place, its actions); flash: a notice or nothing.
export function view(pv, flash) {
  const { f, page, pages, index } = pv;
  const progress = html`<p class="progress">${t('pageOf', { n: index + 1, total: pages.length })}</p>
    <progress class="progress-bar" max=${pages.length} value=${index + 1} aria-hidden="true"></progress>`;
  const submit = (ev) => {
    ev.preventDefault();
    pv.next();
  };
  return html`${formHeader(f, progress)}${flash}${f.pendingLocal ? notice(t('restoredLocally')) : nothing}
    <div id="error-summary" class="error-summary" tabindex="-1" hidden role="alert"></div>
    <div id="save-status" role="status"></div>
    <form id="page-form" novalidate @submit=${submit}>
      <h2 class="page-title">${page.title ?? ''}</h2>${page.description ? html`<p class="description">${page.description}</p>` : nothing}
      ${page.items.map((node) => drawNode(node, pv))}
      <div class="page-nav">
        ${index > 0 ? html`<button type="button" class="button secondary" id="previous"
          @click=${() => pv.leave(pages[index - 1].id)}>${t('previous')}</button>` : nothing}
        <button type="submit" class="button" id="next">${index + 1 < pages.length ? t('next') : t('toReview')}</button>
        <button type="button" class="link-button" id="pause" @click=${() => pv.pause()}>${t('pause')}</button>
      </div>
    </form>`;
}

// ---- Entering the address ------------------------------------------------------------------------------
export async function enter({ id, page }) {
  const f = await openForm(Number(id));
  if (f.information) return information(f);
  if (f.readOnly) return readOnly(f);
  // A form reviewed but not confirmed opens on its review.
  if (page === undefined && f.data.state === 'PENDING_COMPLETION') return review.draw(f);
  new PageView(f, page).draw();
}

// ---- PageView ------------------------------------------------------------------------------------------
let drawings = 0;

// One drawn page of an open form (OpenForm: answers, the core's session, saving) and what the citizen
// does on it.
class PageView {
  constructor(f, pageId) {
    this.f = f;
    f.session.check('', false);
    this.touched = new Set();     // questions changed on this page: their issues are shown
    this.checkedPage = null;      // the page checked with "Nästa": all its issues are shown
    this.state = f.state();
    this.pages = f.visiblePages(this.state);
    this.index = Math.max(0, this.pages.findIndex((p) => p.id === pageId));
    this.page = this.pages[this.index];
  }

  get answers() { return this.f.answers; }

  // Every drawing of a page is new DOM (keyed on a count): lit-html would otherwise reuse the last
  // page's inputs, whose checked and value states the template's attributes do not reset.
  draw() {
    show(this.f.model().form.title, keyed(++drawings, view(this, takeFlash())));
    for (const node of walk(this.page.items)) fieldOf(node).showAnswer?.(node, this);
    this.apply(this.state, false);
    timings.firstQuestion ??= performance.now();
    focusMain();
  }

  // -- Answers
  // A question's input changed: its answer is read from the page and handed to the core, and the
  // page follows the new state.
  changed(node) {
    const q = document.getElementById(`q-${node.id}`);
    this.f.setAnswer(node.id, q ? fieldOf(node).read(node, q, this) : this.f.answers[node.id]);
    this.touched.add(node.id);
    const t0 = performance.now();
    this.apply(this.f.state(), true);
    timings.lastChange = performance.now() - t0;
  }

  // -- The state
  // Draws the state in place: visibility, numbers, required marks, issues (of touched questions, or all
  // on a checked page). Announces follow-up questions that appear or disappear.
  apply(state, announceChanges) {
    const shown = [];
    const hidden = [];
    for (const [id, s] of Object.entries(state.items)) {
      const q = document.getElementById(`q-${id}`);
      if (!q) continue;
      if (q.hidden === s.visible) {
        (s.visible ? shown : hidden).push(id);
        q.hidden = !s.visible;
      }
      const num = document.getElementById(`num-${id}`);
      if (num) num.textContent = s.number ? `${s.number}. ` : '';
      const req = document.getElementById(`req-${id}`);
      if (req) req.textContent = s.required ? ` ${t('requiredMark')}` : '';
      const err = document.getElementById(`err-${id}`);
      if (!err) continue;
      const showIssues = s.visible && (this.checkedPage !== null || this.touched.has(id));
      const issues = showIssues ? s.issues : [];
      setTexts(err, issues.map((i) => i.text));
      q.classList.toggle('has-error', issues.length > 0);
      for (const input of q.querySelectorAll('input, select, textarea')) {
        if (issues.length) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
      }
    }
    if (announceChanges) {
      const title = (id) => document.querySelector(`#q-${CSS.escape(id)} legend, label[for="in-${CSS.escape(id)}"]`)?.textContent ?? id;
      if (shown.length) announce(t('followUpShown', { title: title(shown[0]) }));
      else if (hidden.length) announce(t('followUpHidden', { title: title(hidden[0]) }));
    }
  }

  // -- Checks and saving
  // Saves the page; a failure stays on it with its notice. A 401 rejects.
  async save() {
    const r = await this.f.save(this.page);
    const status = document.getElementById('save-status');
    if (!r.ok && status) render(notice(r.message, 'error'), status);
    return r.ok;
  }

  // Saves and goes to another page, or to the review ('review').
  async leave(target) {
    if (!(await this.save().catch((e) => { handleError(e); return false; }))) return;
    location.hash = target === 'review' ? `#/form/${this.f.id}/review` : pageAddress(this.f, target);
  }

  // "Nästa" / "Granska dina svar": the page is checked with its mandatory questions. Problems are listed
  // in the error summary, which takes focus (the draft is saved all the same); else on to the next
  // visible page or the review.
  async next() {
    this.f.session.check(this.page.id, true);
    this.checkedPage = this.page.id;
    const state = this.f.state();
    this.apply(state, false);
    const problems = [];
    for (const n of walk(this.page.items)) {
      const s = state.items[n.id];
      if (s?.visible && s.issues.length) problems.push({ id: n.id, text: s.issues[0].text, title: n.title });
    }
    if (problems.length) {
      await this.save().catch(() => false);
      const summary = document.getElementById('error-summary');
      const focusQuestion = (id) => (ev) => {
        ev.preventDefault();
        document.getElementById(`in-${id}`)?.focus();
      };
      render(html`<h2>${problems.length === 1 ? t('errorTitle') : t('errorsTitle', { count: problems.length })}</h2>
        <ul>${problems.map((p) => html`<li><a href="#in-${p.id}" @click=${focusQuestion(p.id)}>${
          p.title ? `${p.title} – ${p.text}` : p.text}</a></li>`)}</ul>`, summary);
      summary.hidden = false;
      summary.focus();
      return;
    }
    const after = this.f.visiblePages(state);
    const at = after.findIndex((p) => p.id === this.page.id);
    await this.leave(at + 1 < after.length ? after[at + 1].id : 'review');
  }

  // "Pausa och spara": saved, then the forms page says so.
  async pause() {
    if (await this.save().catch((e) => { handleError(e); return false; })) {
      setFlash(t('saved'), 'info');
      location.hash = '#/forms';
    }
  }

  // -- Attachments
  // Each chosen file goes to the server; the answer is then the list of what it took.
  async upload(node, input) {
    const files = [...input.files];
    if (!files.length) return;  // the file dialog was cancelled: what was attached stays
    const error = document.getElementById(`err-${node.id}`);
    const uploaded = [];
    for (const file of files) {
      try {
        uploaded.push((await api.upload(this.f.id, node.id, file)).json);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) { handleError(e); return; }
        // The body limit, met by a file, is said as the file's size.
        const why = e instanceof ApiError && e.code === 'request.too_large' ? t('errFileTooLarge') : messageOf(e);
        setTexts(error, [`${t('uploadFailed')} ${why}`]);
        return;
      }
    }
    const before = this.f.answers[node.id];
    const list = (node.max_files ?? 1) > 1 ? [...(Array.isArray(before) ? before : before ? [before] : []), ...uploaded] : uploaded[0];
    input.value = '';
    this.touched.add(node.id);
    this.attached(node, list);
  }

  removeFile(node, index) {
    const v = this.f.answers[node.id];
    const rest = (Array.isArray(v) ? v : v ? [v] : []).filter((_, j) => j !== index);
    this.attached(node, (node.max_files ?? 1) > 1 && rest.length ? rest : undefined);
  }

  // The question's files are now these (undefined: none): the answer, the list and the state follow.
  attached(node, files) {
    this.f.setAnswer(node.id, files);
    fieldOf(node).showAnswer(node, this);
    this.apply(this.f.state(), true);
  }
}

// A question's issues as paragraphs. Written with the DOM, not lit-html: these boxes change after every
// answer, and nothing else draws into them.
function setTexts(box, texts) {
  box.replaceChildren(...texts.map((text) => {
    const p = document.createElement('p');
    p.textContent = text;
    return p;
  }));
}
