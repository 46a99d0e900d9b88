// The form the citizen has open: the server's copy (GET /citizen/forms/{id}), the answers as they are
// now, the core's session over them, this tab's unsaved copy, and saving a page. One form is open at a
// time; its pages, review and receipt share it, and leaving the form's addresses closes it (citizen/main.js),
// so that opening it again asks the server afresh.
import { ApiError } from '../../lib/api.js';
import { loadCore, today } from '../../lib/core.js';
import { language, t } from '../../lib/i18n.js';
import { api } from '../api.js';
import { readCopy, removeCopy, writeCopy } from '../storage.js';

// Every node of a list of nodes, groups' nodes included, in order.
export function* walk(nodes) {
  for (const n of nodes) {
    yield n;
    if (n.items) yield* walk(n.items);
  }
}

export class OpenForm {
  constructor(core, id, data) {
    this.id = id;
    this.data = data;             // kind, state, closed, unit, banner, subject, result, ...
    this.revision = data.revision;
    this.answers = { ...data.answers };
    this.submitted = null;        // the result of a submission made here
    this.pendingLocal = false;    // answers typed here that the server does not have yet
    // This tab's copy, newer than the server's (typed while a save failed, or before a reload), wins.
    const local = readCopy(id);
    if (local?.pending && local.answers && data.state === 'ONGOING') {
      Object.assign(this.answers, local.answers);
      this.pendingLocal = true;
    }
    this.session = new core.FormSession(JSON.stringify(data.form), today());
    if (!this.session.ok()) throw new Error('The form does not load.');
    if (data.subject) this.session.setSubject(data.subject);
    this.session.loadAnswers(JSON.stringify(this.answers));
    this.lang = null;
    this.renderModel = null;
  }

  get information() { return this.data.kind === 'information'; }
  // Submitted, cancelled or past its last day: the citizen may read it, not change it.
  get readOnly() { return this.data.state === 'COMPLETED' || this.data.state === 'CANCELLED' || this.data.closed; }

  // The render model (docs/render-model.md) in the current language, made once per language.
  model() {
    if (this.lang !== language()) {
      this.lang = language();
      this.renderModel = JSON.parse(this.session.model(this.lang));
    }
    return this.renderModel;
  }

  // What changes as answers change: pages and items visible, numbers, required marks, issues, calculations.
  state() { return JSON.parse(this.session.state(language())); }

  visiblePages(state) { return this.model().pages.filter((p) => state.pages[p.id]); }

  // The visible page that holds item id, or the first visible page.
  pageOf(state, id) {
    const pages = this.visiblePages(state);
    return pages.find((p) => [...walk(p.items)].some((n) => n.id === id)) ?? pages[0];
  }

  // One answer changed in the page: value undefined clears it. The core hears of it, and this tab keeps it.
  setAnswer(id, value) {
    if (value === undefined) delete this.answers[id];
    else this.answers[id] = value;
    this.session.setAnswer(id, value === undefined ? 'null' : JSON.stringify(value));
    this.storeLocal();
  }

  storeLocal() {
    writeCopy(this.id, { revision: this.revision, answers: this.answers, pending: true });
    this.pendingLocal = true;
  }

  clearLocal() {
    removeCopy(this.id);
    this.pendingLocal = false;
  }

  // Every item of a page with its answer, null for none: what PUT .../pages/{page} replaces.
  pageAnswers(page) {
    const out = {};
    for (const n of walk(page.items)) out[n.id] = this.answers[n.id] ?? null;
    return out;
  }

  // Saves a page with the revision it was read at. Resolves to {ok: true}, or {ok: false, message} when
  // the page stays: a conflict (the server's revision is taken, the answers typed here kept), or a
  // failure (the answers are kept in this tab). A 401 rejects: the session is over.
  async save(page) {
    try {
      const r = await api.savePage(this.id, page.id, this.revision, this.pageAnswers(page));
      this.revision = r.json.revision;
      this.data.state = 'ONGOING';
      this.clearLocal();
      return { ok: true };
    } catch (e) {
      if (e instanceof ApiError && e.code === 'form.conflict') {
        // Someone saved in between (another tab): take the server's revision, keep what was typed here.
        const fresh = (await api.form(this.id)).json;
        this.revision = fresh.revision;
        this.answers = { ...fresh.answers, ...this.pageAnswers(page) };
        for (const [k, v] of Object.entries(this.answers)) if (v === null) delete this.answers[k];
        this.session.loadAnswers(JSON.stringify(this.answers));
        return { ok: false, message: t('conflict') };
      }
      if (e instanceof ApiError && e.status === 401) throw e;
      this.storeLocal();
      return { ok: false, message: e instanceof ApiError && e.status === 0 ? t('savedLocally') : t('saveFailed') };
    }
  }
}

let current = null;

// The open form with this id, fetched (and the core loaded) when another form or none was open.
export async function openForm(id) {
  if (!current || current.id !== id) {
    const [core, data] = await Promise.all([loadCore(), api.form(id)]);
    current = new OpenForm(core, id, data.json);
  }
  return current;
}

// Closes the open form unless it is form id (null: any form).
export function keepOnly(id) {
  if (current && current.id !== id) current = null;
}
