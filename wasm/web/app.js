// The citizen app: login, the forms page, form links, a form page by page, review, confirmation and receipt.
//
// Sections: core loading · small DOM helpers · what the browser keeps · header and routing · login ·
// form links · forms page · the form (drawing questions, reading values, state, page checks, saving,
// local copy) · review · receipt.
// Visibility, numbering, required marks and validation texts all come from the core (WebAssembly),
// the same code that validates on the server; this file only draws and talks to the server.
import { api, ApiError, setCsrf, whenSessionEnds } from './api.js';
import { errorText, language, longDate, setLanguage, t } from './i18n.js';

// ---- Core loading ---------------------------------------------------------------------------------
window.blankettTimings = { start: performance.now() };
const corePromise = new Promise((resolve, reject) => {
  const ready = () => window.BlankettCore().then((core) => {
    window.blankettTimings.coreReady = performance.now();
    resolve(core);
  }, reject);
  if (window.BlankettCore) ready();
  else window.addEventListener('load', ready, { once: true });
});

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

// ---- DOM helpers ------------------------------------------------------------------------------------
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

const main = () => document.getElementById('main');

function show(title, ...children) {
  const m = main();
  m.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  document.title = `${title} – Blankett`;
}

function announce(text) {
  const a = document.getElementById('announcer');
  a.textContent = '';
  setTimeout(() => { a.textContent = text; }, 50);
}

function notice(text, kind = 'info') {
  return el('p', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

function focusMain() {
  const h1 = main().querySelector('h1');
  (h1 ?? main()).setAttribute('tabindex', '-1');
  (h1 ?? main()).focus();
}

// ---- What the browser keeps ------------------------------------------------------------------------
// The unsaved copy of a form (blankett.form.<id>) is in sessionStorage: this tab only, gone when it is
// closed. Every copy goes, from sessionStorage and from localStorage (where older versions kept them),
// as soon as the session is known to be over: logout, any 401, or a start without a session. A shared
// computer must not show the next person what the last one typed.
const copyPrefix = 'blankett.form.';
const localKey = (id) => `${copyPrefix}${id}`;

function forgetCopies() {
  for (const storage of [window.sessionStorage, window.localStorage]) {
    try {
      for (const key of Object.keys(storage)) if (key.startsWith(copyPrefix)) storage.removeItem(key);
    } catch { /* storage unavailable: nothing was kept there either */ }
  }
}

// Copies an older version left in localStorage while this session lives move into this tab's storage.
function adoptOldCopies() {
  try {
    for (const key of Object.keys(localStorage)) {
      if (!key.startsWith(copyPrefix)) continue;
      if (sessionStorage.getItem(key) === null) sessionStorage.setItem(key, localStorage.getItem(key));
      localStorage.removeItem(key);
    }
  } catch { /* storage unavailable */ }
}

// A form link opened before login (#/lank/<token>) waits here for the login, in this tab only.
const linkKey = 'blankett.link';
function rememberLink(token) { try { sessionStorage.setItem(linkKey, token); } catch { /* the login then lands on the forms page */ } }
function pendingLink() { try { return sessionStorage.getItem(linkKey); } catch { return null; } }
function forgetLink() { try { sessionStorage.removeItem(linkKey); } catch { /* nothing kept */ } }

whenSessionEnds(forgetCopies);

// ---- Header and routing ---------------------------------------------------------------------------
let me = null;      // the logged-in citizen (GET /citizen/me)
let flash = null;   // a message for the next view

function drawHeader() {
  document.getElementById('skip-link').textContent = t('skip');
  document.getElementById('brand').textContent = t('brand');
  const nav = document.getElementById('top-nav');
  nav.setAttribute('aria-label', t('account'));
  const lang = el('button', {
    class: 'link-button', type: 'button', lang: language() === 'sv' ? 'en' : 'sv', id: 'language',
    onclick: () => { setLanguage(language() === 'sv' ? 'en' : 'sv'); drawHeader(); route(); },
  }, t('language'));
  const items = [lang];
  if (me) {
    items.unshift(el('span', { class: 'who' }, me.name || ''));
    items.push(el('button', {
      class: 'link-button', type: 'button', id: 'logout',
      onclick: async () => {
        forgetCopies();
        forgetLink();
        try { await api.logout(); } catch { /* the session may be gone already */ }
        me = null;
        drawHeader();
        location.hash = '#/login';
      },
    }, t('logout')));
  }
  nav.replaceChildren(...items);
}

// Asks who is logged in. A 401 (no session) forgets the stored copies on the way (whenSessionEnds).
async function loadMe() {
  try {
    me = (await api.me()).json;
    setCsrf(me.csrf);
  } catch (e) {
    me = null;
    if (e instanceof ApiError && e.status === 403) forgetCopies();  // another kind of session: none of ours
  }
  drawHeader();
}

let currentView = null;  // a FormView while a form is open

async function route() {
  const hash = location.hash || '#/';
  if (!hash.startsWith('#/')) return;  // an in-page link
  const parts = hash.slice(2).split('/');
  document.documentElement.lang = language();
  if (currentView && !(parts[0] === 'form' && Number(parts[1]) === currentView.id)) currentView = null;
  if (!me && parts[0] !== 'login') {
    // A form link waits for the login; replace() keeps its token out of the tab's history.
    if (parts[0] === 'lank' && parts[1]) rememberLink(parts[1].slice(0, 128));
    location.replace('#/login');
    return;
  }
  try {
    if (parts[0] === 'login') return await loginView();
    if (parts[0] === 'lank') return await linkView(parts[1] ?? '');
    if (parts[0] === 'form' && parts[1]) return await formRoute(Number(parts[1]), parts[2], parts[3]);
    return await formsView();
  } catch (e) {
    handleError(e);
  }
}

function handleError(e) {
  if (e instanceof ApiError && e.status === 401) {
    me = null;
    drawHeader();
    flash = { text: t('sessionEnded'), kind: 'error' };
    location.hash = '#/login';
    return;
  }
  if (e instanceof ApiError && e.status === 404) {
    show(t('formsTitle'), el('h1', {}, t('formsTitle')), notice(t('notFound'), 'error'), backLink());
    return;
  }
  show(t('formsTitle'), el('h1', {}, t('formsTitle')), notice(messageOf(e), 'error'), backLink());
  console.error(e);
}

// What to tell the citizen about a failed call, in their language: never the server's English message.
function messageOf(e) {
  if (e instanceof ApiError) return e.status === 0 ? t('networkError') : errorText(e.code);
  return t('errorGeneric');
}

function backLink() {
  return el('p', {}, el('a', { href: '#/forms', class: 'back' }, t('backToForms')));
}

function takeFlash() {
  const f = flash;
  flash = null;
  return f ? notice(f.text, f.kind) : null;
}

// ---- Login ----------------------------------------------------------------------------------------
async function loginView() {
  const parts = [el('h1', {}, t('loginTitle')), takeFlash(), pendingLink() ? notice(t('linkLogin')) : null,
    el('p', {}, t('loginIntro'))];
  let people = null;
  try { people = (await api.demoPeople()).json.people; } catch { people = null; }
  const login = async (pnr) => {
    try {
      const r = await api.login(pnr);
      setCsrf(r.json.csrf);
      await loadMe();
      const link = pendingLink();
      if (link) location.replace(`#/lank/${link}`);
      else location.hash = '#/forms';
    } catch (e) {
      const msg = e instanceof ApiError && e.status !== 0 ? `${t('loginFailed')} ${messageOf(e)}` : t('networkError');
      const box = document.getElementById('login-error');
      box.textContent = msg;
      box.hidden = false;
      box.focus();
    }
  };
  parts.push(el('p', { id: 'login-error', class: 'notice notice-error', role: 'alert', tabindex: '-1', hidden: true }));
  if (people) {
    parts.push(el('p', { class: 'notice notice-demo' }, t('demoNotice')));
    parts.push(el('ul', { class: 'people' }, people.map((p) => el('li', {},
      el('button', { type: 'button', class: 'button secondary', onclick: () => login(p.personnummer) },
        t('loginAs', { name: p.name }))))));
    const input = el('input', { id: 'pnr', name: 'pnr', type: 'text', inputmode: 'numeric', autocomplete: 'off',
      'aria-describedby': 'pnr-hint' });
    parts.push(el('form', { class: 'own-number', onsubmit: (ev) => { ev.preventDefault(); login(input.value.trim()); } },
      el('h2', {}, t('ownNumber')),
      el('label', { for: 'pnr' }, t('personnummer')),
      el('p', { id: 'pnr-hint', class: 'hint' }, t('personnummerHint')),
      input,
      el('button', { type: 'submit', class: 'button' }, t('login'))));
  } else {
    parts.push(el('button', { type: 'button', class: 'button', onclick: () => login(undefined) }, t('loginProxy')));
  }
  show(t('loginTitle'), ...parts);
  focusMain();
}

// ---- Form links -------------------------------------------------------------------------------------
// Staff hand out /#/lank/<64 hex> (POST /dispatches/links). The first citizen to claim it owns the form;
// the owner may open it again. The token is used once here and then forgotten.
const linkRefusals = {
  'link.unknown': 'linkUnknown',
  'link.used': 'linkUsed',
  'link.expired': 'linkExpired',
};

async function linkView(raw) {
  forgetLink();
  const token = raw.toLowerCase();
  const refused = (key) => {
    show(t('linkTitle'), el('h1', {}, t('linkTitle')),
      el('p', { class: 'notice notice-error', role: 'alert', id: 'link-message' }, t(key)),
      el('p', {}, el('a', { href: '#/forms', class: 'back' }, t('goToForms'))));
    focusMain();
  };
  if (!/^[0-9a-f]{64}$/.test(token)) return refused('linkUnknown');
  show(t('linkTitle'), el('p', { class: 'loading' }, t('linkOpening')));
  let id;
  try {
    id = (await api.claimLink(token)).json.id;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) rememberLink(token);  // after the next login
    const key = e instanceof ApiError ? linkRefusals[e.code] : undefined;
    if (!key) throw e;
    return refused(key);
  }
  location.replace(`#/form/${id}`);  // the form, in place of the token in the tab's history
}

// ---- Forms page -----------------------------------------------------------------------------------
async function formsView() {
  const data = (await api.forms(language())).json;
  const parts = [el('h1', {}, t('formsTitle')), takeFlash()];
  if (me.children?.length) {
    const select = el('select', { id: 'acting-for' },
      el('option', { value: '' }, `${t('myself')} (${me.name})`),
      me.children.map((c) => el('option', { value: String(c.id), selected: data.acting_for === c.id }, c.name)));
    parts.push(el('form', { class: 'acting-for', onsubmit: async (ev) => {
      ev.preventDefault();
      await api.actFor(select.value ? Number(select.value) : null);
      await loadMe();
      formsView().catch(handleError);
    } }, el('label', { for: 'acting-for' }, t('actingFor')), select, el('button', { type: 'submit', class: 'button secondary' }, t('change'))));
  }
  const card = (f, action) => el('li', { class: 'card' },
    el('h3', {}, el('a', { href: `#/form/${f.id}` }, f.title)),
    el('p', { class: 'meta' }, t('from', { unit: f.unit })),
    f.kind === 'information' ? el('p', { class: 'meta' }, t('information')) : null,
    f.answer_by && f.state !== 'COMPLETED'
      ? el('p', { class: 'meta' }, f.closed ? t('closedOn', { date: longDate(f.answer_by) }) : t('answerBy', { date: longDate(f.answer_by) })) : null,
    el('p', { class: `state state-${f.state}` }, t(`state${f.state}`)),
    action);
  const section = (id, title, items, empty) => el('section', { 'aria-labelledby': id },
    el('h2', { id }, title),
    items.length ? el('ul', { class: 'cards' }, items) : el('p', { class: 'empty' }, empty));
  parts.push(section('ongoing', t('ongoing'), data.ongoing.map((f) => card(f, null)), t('noneOngoing')));
  parts.push(section('available', t('available'), data.available.map((a) => el('li', { class: 'card' },
    el('h3', {}, a.title),
    el('p', { class: 'meta' }, t('from', { unit: a.unit })),
    el('button', { type: 'button', class: 'button secondary', onclick: async () => {
      try {
        const r = await api.start(a.template);
        location.hash = `#/form/${r.json.id}`;
      } catch (e) { handleError(e); }
    } }, `${t('start')}: ${a.title}`))), t('noneAvailable')));
  parts.push(section('submitted', t('submitted'), data.submitted.map((f) => card(f, null)), t('noneSubmitted')));
  show(t('formsTitle'), ...parts);
  focusMain();
}

// ---- The form -------------------------------------------------------------------------------------
async function formRoute(id, what, pageId) {
  if (!currentView || currentView.id !== id) {
    const [core, data] = await Promise.all([corePromise, api.form(id)]);
    currentView = new FormView(core, id, data.json);
  }
  const v = currentView;
  if (v.data.kind === 'information') return v.drawInformation();
  if (what === 'receipt') return v.drawReceipt();
  if (v.data.state === 'COMPLETED' || v.data.state === 'CANCELLED' || v.data.closed) return v.drawReadOnly();
  if (what === 'review') return v.drawReview();
  return v.drawPage(what === 'page' ? pageId : null);
}

class FormView {
  constructor(core, id, data) {
    this.core = core;
    this.id = id;
    this.data = data;
    this.revision = data.revision;
    this.answers = { ...data.answers };
    this.touched = new Set();     // questions changed on this page: their issues are shown
    this.checkedPage = null;      // the page checked with "Nästa": all its issues are shown
    this.pendingLocal = false;
    // This tab's copy, newer than the server's (typed while a save failed, or before a reload), wins.
    try {
      const local = JSON.parse(sessionStorage.getItem(localKey(id)) ?? 'null');
      if (local?.pending && local.answers && data.state === 'ONGOING') {
        Object.assign(this.answers, local.answers);
        this.pendingLocal = true;
      }
    } catch { /* no local copy */ }
    this.session = new core.FormSession(JSON.stringify(data.form), today());
    if (!this.session.ok()) throw new Error('The form does not load.');
    if (data.subject) this.session.setSubject(data.subject);
    this.session.loadAnswers(JSON.stringify(this.answers));
    this.lang = null;
    this.model = null;
  }

  ensureModel() {
    if (this.lang !== language()) {
      this.lang = language();
      this.model = JSON.parse(this.session.model(this.lang));
    }
    return this.model;
  }

  state() { return JSON.parse(this.session.state(language())); }

  visiblePages(state) { return this.ensureModel().pages.filter((p) => state.pages[p.id]); }

  storeLocal() {
    try {
      sessionStorage.setItem(localKey(this.id), JSON.stringify({ revision: this.revision, answers: this.answers, pending: true }));
    } catch { /* storage full or private mode: the server copy is what there is */ }
    this.pendingLocal = true;
  }

  clearLocal() {
    try { sessionStorage.removeItem(localKey(this.id)); } catch { /* nothing stored */ }
    this.pendingLocal = false;
  }

  header(extra) {
    const model = this.ensureModel();
    return [
      el('p', { class: 'unit' }, t('from', { unit: this.data.unit })),
      el('h1', {}, model.form.title),
      this.data.banner ? el('div', { class: 'banner', role: 'note' }, this.data.banner) : null,
      extra,
    ];
  }

  // -- One page of questions
  drawPage(pageId) {
    this.session.check('', false);
    this.checkedPage = null;
    this.touched = new Set();
    const model = this.ensureModel();
    const state = this.state();
    const pages = this.visiblePages(state);
    let index = Math.max(0, pages.findIndex((p) => p.id === pageId));
    if (!pageId && this.data.state === 'PENDING_COMPLETION') return this.drawReview();
    const page = pages[index];
    this.page = page;
    const progress = el('p', { class: 'progress' }, t('pageOf', { n: index + 1, total: pages.length }));
    const bar = el('progress', { class: 'progress-bar', max: pages.length, value: index + 1, 'aria-hidden': 'true' });
    const summary = el('div', { id: 'error-summary', class: 'error-summary', tabindex: '-1', hidden: true, role: 'alert' });
    const status = el('div', { id: 'save-status', role: 'status' });
    const items = page.items.map((node) => this.drawNode(node));
    const nav = el('div', { class: 'page-nav' },
      index > 0 ? el('button', { type: 'button', class: 'button secondary', id: 'previous', onclick: () => this.leave(pages[index - 1].id, false) }, t('previous')) : null,
      el('button', { type: 'submit', class: 'button', id: 'next' }, index + 1 < pages.length ? t('next') : t('toReview')),
      el('button', { type: 'button', class: 'link-button', id: 'pause', onclick: () => this.pause() }, t('pause')));
    const formEl = el('form', { id: 'page-form', novalidate: true, onsubmit: (ev) => {
      ev.preventDefault();
      this.next(pages, index);
    } }, el('h2', { class: 'page-title' }, page.title ?? ''), page.description ? el('p', { class: 'description' }, page.description) : null,
    ...items, nav);
    show(model.form.title, ...this.header([progress, bar]), takeFlash(), this.pendingLocal ? notice(t('restoredLocally')) : null, summary, status, formEl);
    this.apply(state, false);
    window.blankettTimings.firstQuestion ??= performance.now();
    focusMain();
  }

  drawNode(node) {
    if (node.type === 'group') {
      return el('fieldset', { class: 'group', id: `q-${node.id}` },
        node.title ? el('legend', {}, node.title) : null,
        node.description ? el('p', { class: 'description' }, node.description) : null,
        node.items.map((n) => this.drawNode(n)));
    }
    if (node.type === 'display') {
      return el('div', { class: 'display', id: `q-${node.id}` }, el('p', {}, node.text ?? ''),
        node.help ? el('p', {}, el('a', { href: node.help.url, target: '_blank', rel: 'noopener' }, node.help.label)) : null);
    }
    const id = node.id;
    const described = [`err-${id}`];
    const desc = node.description ? el('p', { class: 'description', id: `desc-${id}` }, node.description) : null;
    if (desc) described.unshift(`desc-${id}`);
    const label = () => [el('span', { class: 'number', id: `num-${id}` }), node.title,
      el('span', { class: 'required-mark', id: `req-${id}` })];
    const error = el('div', { class: 'field-error', id: `err-${id}` });
    const help = node.help ? el('p', {}, el('a', { href: node.help.url, target: '_blank', rel: 'noopener' }, node.help.label)) : null;
    const value = this.answers[id];
    const onchange = () => this.changed(node);
    let field;
    const choiceGroup = (type, choices, checked) => el('fieldset', { class: 'choices', 'aria-describedby': described.join(' '), id: `fs-${id}` },
      el('legend', {}, ...label()), desc,
      el('div', { class: `options ${choices.length > 4 ? '' : 'inline-capable'}` }, choices.map((c, i) => {
        const cid = i === 0 ? `in-${id}` : `in-${id}-${i}`;
        return el('div', { class: 'option' },
          el('input', { type, id: cid, name: id, value: c.value, checked: checked(c.value), onchange }),
          el('label', { for: cid }, c.label));
      })), help, error);
    switch (node.type) {
      case 'single_choice':
        if (node.widget === 'select') {
          field = [el('label', { for: `in-${id}` }, ...label()), desc,
            el('select', { id: `in-${id}`, name: id, 'aria-describedby': described.join(' '), onchange },
              el('option', { value: '' }, t('choose')),
              node.choices.map((c) => el('option', { value: c.value, selected: value === c.value }, c.label))), help, error];
        } else {
          field = [choiceGroup('radio', node.choices, (v) => value === v)];
        }
        break;
      case 'multiple_choice':
        field = [choiceGroup('checkbox', node.choices, (v) => Array.isArray(value) && value.includes(v))];
        break;
      case 'yes_no':
        field = [choiceGroup('radio', [{ value: 'true', label: t('yes') }, { value: 'false', label: t('no') }], (v) => String(value) === v)];
        break;
      case 'scale': {
        const choices = [];
        const step = node.step ?? 1;
        for (let x = node.min; x <= node.max + 1e-9; x += step) choices.push({ value: String(Math.round(x * 1e6) / 1e6), label: String(Math.round(x * 1e6) / 1e6) });
        field = [el('fieldset', { class: 'choices scale', 'aria-describedby': described.join(' '), id: `fs-${id}` },
          el('legend', {}, ...label()), desc,
          el('div', { class: 'scale-row' },
            node.min_label ? el('span', { class: 'scale-label' }, node.min_label) : null,
            el('div', { class: 'options scale-options' }, choices.map((c, i) => {
              const cid = i === 0 ? `in-${id}` : `in-${id}-${i}`;
              return el('div', { class: 'option' },
                el('input', { type: 'radio', id: cid, name: id, value: c.value, checked: value !== undefined && String(value) === c.value, onchange }),
                el('label', { for: cid }, c.label));
            })),
            node.max_label ? el('span', { class: 'scale-label' }, node.max_label) : null), help, error)];
        break;
      }
      case 'matrix':
        field = [this.drawMatrix(node, label, desc, described, help, error, onchange)];
        break;
      case 'textarea':
        field = [el('label', { for: `in-${id}` }, ...label()), desc,
          el('textarea', { id: `in-${id}`, name: id, rows: 5, maxlength: node.max_length, 'aria-describedby': described.join(' '),
            placeholder: node.placeholder, onchange, oninput: onchange }, value ?? ''), help, error];
        break;
      case 'attachment':
        field = [el('label', { for: `in-${id}` }, ...label()), desc,
          el('input', { type: 'file', id: `in-${id}`, name: id, accept: node.media_types.join(','), multiple: (node.max_files ?? 1) > 1,
            'aria-describedby': described.join(' '), onchange: (ev) => this.upload(node, ev.target) }),
          el('ul', { class: 'files', id: `files-${id}` }), help, error];
        break;
      default: {
        const numeric = node.type === 'integer' || node.type === 'decimal';
        const type = { date: 'date', time: 'time', month: 'month', week: 'week', datetime: 'datetime-local', email: 'email',
          url: 'url', phone: 'tel' }[node.type] ?? 'text';
        const input = el('input', { type, id: `in-${id}`, name: id, 'aria-describedby': described.join(' '),
          inputmode: numeric ? (node.type === 'integer' ? 'numeric' : 'decimal') : (node.type === 'personnummer' ? 'numeric' : undefined),
          autocomplete: { email: 'email', phone: 'tel' }[node.type] ?? 'off', maxlength: node.max_length, placeholder: node.placeholder,
          value: value === undefined || value === null ? '' : String(value), onchange, oninput: onchange });
        field = [el('label', { for: `in-${id}` }, ...label()), desc,
          node.unit ? el('div', { class: 'with-unit' }, input, el('span', { class: 'unit-text' }, node.unit)) : input, help, error];
      }
    }
    const q = el('div', { class: `question type-${node.type}`, id: `q-${id}` }, ...field);
    if (node.type === 'attachment') setTimeout(() => this.drawFiles(node), 0);
    return q;
  }

  drawMatrix(node, label, desc, described, help, error, onchange) {
    const id = node.id;
    const value = this.answers[id] ?? {};
    const rows = node.rows.map((row, r) => {
      const cells = node.columns.map((col, c) => {
        const cid = r === 0 && c === 0 ? `in-${id}` : `in-${id}-${row.id}-${c}`;
        let input;
        if (node.cell === 'text') {
          input = el('input', { type: 'text', id: cid, 'data-row': row.id, 'data-col': col.value, maxlength: node.max_length,
            value: value[row.id]?.[col.value] ?? '', onchange, oninput: onchange });
        } else {
          const checked = node.cell === 'checkbox' ? (value[row.id] ?? []).includes(col.value) : value[row.id] === col.value;
          input = el('input', { type: node.cell === 'checkbox' ? 'checkbox' : 'radio', id: cid, name: `${id}-${row.id}`,
            'data-row': row.id, value: col.value, checked, onchange });
        }
        return el('td', { 'data-label': col.label }, input, el('label', { for: cid, class: 'cell-label' }, `${row.title}: ${col.label}`));
      });
      return el('tr', {}, el('th', { scope: 'row' }, row.title), cells);
    });
    return el('fieldset', { class: 'choices matrix', id: `fs-${id}`, 'aria-describedby': described.join(' ') },
      el('legend', {}, ...label()), desc,
      el('table', {}, el('thead', {}, el('tr', {}, el('td', {}), node.columns.map((c) => el('th', { scope: 'col' }, c.label)))),
        el('tbody', {}, rows)), help, error);
  }

  // The answer of one question as it is in the page, as a JS value (undefined: unanswered).
  read(node) {
    const id = node.id;
    const q = document.getElementById(`q-${id}`);
    if (!q) return this.answers[id];
    switch (node.type) {
      case 'single_choice': {
        if (node.widget === 'select') return q.querySelector('select').value || undefined;
        return q.querySelector('input:checked')?.value;
      }
      case 'multiple_choice': {
        const v = [...q.querySelectorAll('input:checked')].map((i) => i.value);
        return v.length ? v : undefined;
      }
      case 'yes_no': {
        const v = q.querySelector('input:checked')?.value;
        return v === undefined ? undefined : v === 'true';
      }
      case 'scale': {
        const v = q.querySelector('input:checked')?.value;
        return v === undefined ? undefined : Number(v);
      }
      case 'matrix': {
        const out = {};
        if (node.cell === 'text') {
          for (const i of q.querySelectorAll('input[data-row]')) {
            if (!i.value) continue;
            (out[i.dataset.row] ??= {})[i.dataset.col] = i.value;
          }
        } else {
          for (const i of q.querySelectorAll('input:checked')) {
            if (node.cell === 'checkbox') (out[i.dataset.row] ??= []).push(i.value);
            else out[i.dataset.row] = i.value;
          }
        }
        return Object.keys(out).length ? out : undefined;
      }
      case 'attachment':
        return this.answers[id];
      case 'integer':
      case 'decimal': {
        const raw = q.querySelector('input').value.trim().replace(',', '.').replace(/\s/g, '');
        if (!raw) return undefined;
        const n = Number(raw);
        return Number.isFinite(n) && /^[-+]?(\d+\.?\d*|\.\d+)$/.test(raw) ? n : raw;  // text: the core says it is no number
      }
      default: {
        const v = (q.querySelector('input, textarea')?.value ?? '');
        return v === '' ? undefined : v;
      }
    }
  }

  changed(node) {
    const v = this.read(node);
    if (v === undefined) delete this.answers[node.id];
    else this.answers[node.id] = v;
    this.session.setAnswer(node.id, v === undefined ? 'null' : JSON.stringify(v));
    this.touched.add(node.id);
    this.storeLocal();
    const t0 = performance.now();
    this.apply(this.state(), true);
    window.blankettTimings.lastChange = performance.now() - t0;
  }

  // Draws the state: visibility, numbers, required marks, issues (of touched questions, or all on a
  // checked page), calculations. Announces follow-up questions that appear or disappear.
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
      err.replaceChildren(...issues.map((i) => el('p', {}, i.text)));
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

  pageAnswers(page) {
    const ids = new Set();
    const walk = (nodes) => { for (const n of nodes) { ids.add(n.id); if (n.items) walk(n.items); } };
    walk(page.items);
    const out = {};
    for (const id of ids) out[id] = this.answers[id] ?? null;
    return out;
  }

  async save(page) {
    const status = document.getElementById('save-status');
    try {
      const r = await api.savePage(this.id, page.id, this.revision, this.pageAnswers(page));
      this.revision = r.json.revision;
      this.data.state = 'ONGOING';
      this.clearLocal();
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'form.conflict') {
        // Someone saved in between (another tab): take the server's revision, keep what was typed here.
        const fresh = (await api.form(this.id)).json;
        this.revision = fresh.revision;
        this.answers = { ...fresh.answers, ...this.pageAnswers(page) };
        for (const [k, v] of Object.entries(this.answers)) if (v === null) delete this.answers[k];
        this.session.loadAnswers(JSON.stringify(this.answers));
        if (status) status.replaceChildren(notice(t('conflict'), 'error'));
        return false;
      }
      if (e instanceof ApiError && e.status === 401) throw e;
      this.storeLocal();
      if (status) status.replaceChildren(notice(e instanceof ApiError && e.status === 0 ? t('savedLocally') : t('saveFailed'), 'error'));
      return false;
    }
  }

  async leave(targetPageId, check) {
    if (!(await this.save(this.page).catch((e) => { handleError(e); return false; }))) return;
    if (check === 'review') {
      location.hash = `#/form/${this.id}/review`;
      return;
    }
    location.hash = `#/form/${this.id}/page/${targetPageId}`;
  }

  async next(pages, index) {
    this.session.check(this.page.id, true);
    this.checkedPage = this.page.id;
    const state = this.state();
    this.apply(state, false);
    const problems = [];
    const collect = (nodes) => {
      for (const n of nodes) {
        const s = state.items[n.id];
        if (s?.visible && s.issues.length) problems.push({ id: n.id, text: s.issues[0].text, title: n.title });
        if (n.items) collect(n.items);
      }
    };
    collect(this.page.items);
    if (problems.length) {
      await this.save(this.page).catch(() => false);  // the draft is kept even with problems
      const summary = document.getElementById('error-summary');
      summary.replaceChildren(
        el('h2', {}, problems.length === 1 ? t('errorTitle') : t('errorsTitle', { count: problems.length })),
        el('ul', {}, problems.map((p) => el('li', {}, el('a', { href: `#in-${p.id}`, onclick: (ev) => {
          ev.preventDefault();
          document.getElementById(`in-${p.id}`)?.focus();
        } }, p.title ? `${p.title} – ${p.text}` : p.text)))));
      summary.hidden = false;
      summary.focus();
      return;
    }
    const after = this.visiblePages(state);
    const at = after.findIndex((p) => p.id === this.page.id);
    if (at + 1 < after.length) await this.leave(after[at + 1].id, false);
    else await this.leave(null, 'review');
  }

  async pause() {
    if (await this.save(this.page).catch((e) => { handleError(e); return false; })) {
      flash = { text: t('saved'), kind: 'info' };
      location.hash = '#/forms';
    }
  }

  async upload(node, input) {
    const files = [...input.files];
    const error = document.getElementById(`err-${node.id}`);
    const uploaded = [];
    for (const f of files) {
      try {
        uploaded.push((await api.upload(this.id, node.id, f)).json);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) { handleError(e); return; }
        // The body limit, met by a file, is said as the file's size.
        const why = e instanceof ApiError && e.code === 'request.too_large' ? t('errFileTooLarge') : messageOf(e);
        error.replaceChildren(el('p', {}, `${t('uploadFailed')} ${why}`));
        return;
      }
    }
    const before = this.answers[node.id];
    const list = (node.max_files ?? 1) > 1 ? [...(Array.isArray(before) ? before : before ? [before] : []), ...uploaded] : uploaded[0];
    this.answers[node.id] = list;
    this.session.setAnswer(node.id, JSON.stringify(list));
    input.value = '';
    this.touched.add(node.id);
    this.storeLocal();
    this.drawFiles(node);
    this.apply(this.state(), true);
  }

  drawFiles(node) {
    const ul = document.getElementById(`files-${node.id}`);
    if (!ul) return;
    const v = this.answers[node.id];
    const files = Array.isArray(v) ? v : v ? [v] : [];
    ul.replaceChildren(...files.map((f, i) => el('li', {}, t('fileUploaded', { name: f.name }), ' ',
      el('button', { type: 'button', class: 'link-button', onclick: () => {
        const rest = files.filter((_, j) => j !== i);
        const next = (node.max_files ?? 1) > 1 ? (rest.length ? rest : undefined) : undefined;
        if (next === undefined) delete this.answers[node.id];
        else this.answers[node.id] = next;
        this.session.setAnswer(node.id, next === undefined ? 'null' : JSON.stringify(next));
        this.storeLocal();
        this.drawFiles(node);
        this.apply(this.state(), true);
      } }, t('removeFile', { name: f.name })))));
  }

  // -- Review, read-only answers, receipt
  answerText(node) {
    const v = this.answers[node.id];
    if (v === undefined || v === null || v === '') return t('notAnswered');
    const label = (val) => node.choices?.find((c) => c.value === val)?.label ?? val;
    switch (node.type) {
      case 'single_choice': return label(v);
      case 'multiple_choice': return v.map(label).join(', ');
      case 'yes_no': return v ? t('yes') : t('no');
      case 'matrix': return node.rows.filter((r) => v[r.id] !== undefined).map((r) => {
        const cell = v[r.id];
        const col = (val) => node.columns.find((c) => c.value === val)?.label ?? val;
        const text = node.cell === 'text' ? Object.entries(cell).map(([k, x]) => `${col(k)}: ${x}`).join(', ')
          : Array.isArray(cell) ? cell.map(col).join(', ') : col(cell);
        return `${r.title}: ${text}`;
      }).join('; ');
      case 'attachment': return (Array.isArray(v) ? v : [v]).map((f) => f.name).join(', ');
      default: return node.unit ? `${v} ${node.unit}` : String(v);
    }
  }

  answerList(state, withEdit) {
    return this.visiblePages(state).map((page) => {
      const rows = [];
      const walk = (nodes) => {
        for (const n of nodes) {
          const s = state.items[n.id];
          if (!s?.visible) continue;
          if (n.items) walk(n.items);
          else if (n.type !== 'display') rows.push(el('div', { class: 'answer-row' },
            el('dt', {}, `${s.number ? `${s.number}. ` : ''}${n.title ?? ''}`), el('dd', {}, this.answerText(n))));
        }
      };
      walk(page.items);
      return el('section', { class: 'review-page', 'aria-labelledby': `rp-${page.id}` },
        el('div', { class: 'review-head' }, el('h2', { id: `rp-${page.id}` }, page.title ?? ''),
          withEdit ? el('a', { href: `#/form/${this.id}/page/${page.id}`, 'aria-label': t('editPage', { page: page.title ?? '' }) }, t('edit')) : null),
        el('dl', {}, rows));
    });
  }

  async drawReview() {
    // The revision the citizen reviews: a save elsewhere in between makes the server refuse (409).
    const r = await api.review(this.id, this.revision);
    this.session.check('', true);
    this.checkedPage = '';
    const state = this.state();
    if (r.status === 422) {
      // Something is missing: go to the first page with a problem and show it there.
      const first = r.json.result.issues[0];
      const pages = this.visiblePages(state);
      const page = pages.find((p) => JSON.stringify(p.items).includes(`"id":"${first?.item}"`)) ?? pages[0];
      location.hash = `#/form/${this.id}/page/${page.id}`;
      return;
    }
    this.data.state = 'PENDING_COMPLETION';
    const send = el('button', { type: 'button', class: 'button', id: 'confirm', onclick: async () => {
      send.disabled = true;
      try {
        const s = await api.submit(this.id, this.revision);
        if (s.status === 422) {
          location.hash = `#/form/${this.id}/page/${this.visiblePages(state)[0].id}`;
          return;
        }
        this.data.state = 'COMPLETED';
        this.submitted = s.json.result;
        this.clearLocal();
        location.hash = `#/form/${this.id}/receipt`;
      } catch (e) {
        send.disabled = false;
        handleError(e);
      }
    } }, t('confirm'));
    show(t('reviewTitle'), ...this.header(el('h2', { class: 'step' }, t('reviewTitle'))), el('p', {}, t('reviewIntro')),
      ...this.answerList(state, true), el('div', { class: 'page-nav' }, send));
    focusMain();
  }

  drawReadOnly() {
    this.session.check('', false);
    const state = this.state();
    const note = this.data.state === 'COMPLETED' ? t('submittedForm') : this.data.state === 'CANCELLED' ? t('cancelledForm') : t('closedForm');
    show(this.ensureModel().form.title, ...this.header(null), notice(note), ...this.answerList(state, false), backLink());
    focusMain();
  }

  drawReceipt() {
    const state = this.state();
    const result = this.submitted ?? this.data.result ?? { calculations: {}, routes: [] };
    const calcs = state.calculations.filter((c) => result.calculations?.[c.id]);
    const routes = state.routes.filter((r) => result.routes?.some((x) => x.id === r.id));
    show(t('receiptTitle'),
      el('h1', {}, t('receiptTitle')),
      el('p', {}, t('receiptIntro', { unit: this.data.unit })),
      calcs.length ? el('section', { 'aria-labelledby': 'results' }, el('h2', { id: 'results' }, t('yourResults')),
        el('dl', {}, calcs.map((c) => {
          const v = result.calculations[c.id];
          return el('div', { class: 'answer-row' }, el('dt', {}, c.title),
            el('dd', {}, v.value !== undefined ? `${String(v.value).replace('.', language() === 'sv' ? ',' : '.')}${c.unit ? ` ${c.unit}` : ''}` : '–',
              c.text ? el('p', { class: 'hint' }, c.text) : null));
        }))) : null,
      routes.length ? el('section', { 'aria-labelledby': 'more' }, el('h2', { id: 'more' }, t('readMore')),
        el('ul', {}, routes.map((r) => el('li', {}, el('a', { href: r.url, target: '_blank', rel: 'noopener' }, r.label))))) : null,
      backLink());
    focusMain();
  }

  drawInformation() {
    const model = this.ensureModel();
    show(model.form.title, ...this.header(null),
      ...model.pages.map((p) => el('section', {}, p.title ? el('h2', {}, p.title) : null, p.items.map((n) => this.drawNode(n)))),
      notice(t('informationDone')), backLink());
    focusMain();
  }
}

// ---- Start ------------------------------------------------------------------------------------------
window.addEventListener('hashchange', () => route());
document.getElementById('skip-link').addEventListener('click', (ev) => {
  ev.preventDefault();
  main().focus();
});
setLanguage(language());
drawHeader();
// Who is logged in, once at the start: without a session the copies go (the 401), with one the copies
// an older version kept in localStorage move into this tab.
loadMe().then(() => {
  if (me) adoptOldCopies();
  route();
});
