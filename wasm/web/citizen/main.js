// The citizen app's start: its route table, its header (the inbox with its unread count, the citizen's
// name, the language, logout), and what happens once at the start. Pages are modules with enter(params)
// (and view() for their markup); visibility, numbering, required marks and validation texts come from
// the core (WebAssembly), the same code that validates on the server.
import { loadCore } from '../lib/core.js';
import { skipToMain } from '../lib/dom.js';
import { html, nothing, render } from '../lib/html.js';
import { language, setLanguage, t } from '../lib/i18n.js';
import { createRouter } from '../lib/router.js';
import './texts.js';
import * as form from './form.js';
import { keepOnly } from './form/open-form.js';
import * as code from './code.js';
import * as forms from './forms.js';
import * as inbox from './inbox.js';
import * as link from './link.js';
import * as login from './login.js';
import * as notFound from './not-found.js';
import { handleError } from './parts.js';
import * as receipt from './receipt.js';
import * as review from './review.js';
import { citizen, loadMe, logout, onSessionChange, unreadMessages } from './session.js';
import { adoptOldCopies, rememberLink } from './storage.js';

// Every page but the login needs a session; without one the login comes first.
const loggedIn = () => (citizen() ? true : '/login');
// A form link opened before login waits for it (its token in this tab only).
const linkLoggedIn = ({ token }) => {
  if (citizen()) return true;
  rememberLink(token.slice(0, 128));
  return '/login';
};

const routes = [
  { pattern: '/login', page: login },
  { pattern: '/', page: forms, guard: loggedIn },
  { pattern: '/forms', page: forms, guard: loggedIn },
  { pattern: '/inkorg', page: inbox, guard: loggedIn },
  { pattern: '/kod', page: code, guard: loggedIn },
  { pattern: '/lank/:token', page: link, guard: linkLoggedIn },
  { pattern: '/form/:id', page: form, guard: loggedIn, form: true },
  { pattern: '/form/:id/page/:page', page: form, guard: loggedIn, form: true },
  { pattern: '/form/:id/review', page: review, guard: loggedIn, form: true },
  { pattern: '/form/:id/receipt', page: receipt, guard: loggedIn, form: true },
];

const router = createRouter({
  routes,
  notFound,
  onError: handleError,
  // The open form stays open while its own pages are shown; anywhere else it is closed, so that it is
  // fetched afresh when opened again.
  before: (match) => keepOnly(match?.route.form ? Number(match.params.id) : null),
});

// ---- The header ----------------------------------------------------------------------------------------
function drawHeader() {
  document.getElementById('skip-link').textContent = t('skip');
  document.getElementById('brand').textContent = t('brand');
  const nav = document.getElementById('top-nav');
  nav.setAttribute('aria-label', t('account'));
  const me = citizen();
  const other = language() === 'sv' ? 'en' : 'sv';
  const switchLanguage = () => {
    setLanguage(other);
    drawHeader();
    router.reload();
  };
  const leave = async () => {
    await logout();
    location.hash = '#/login';
  };
  // The inbox with its unread count in a badge ("Inkorg 2 olästa meddelanden" to a screen reader).
  const unread = unreadMessages();
  const inboxLink = html`<a href="#/inkorg" class="top-link" id="inbox-link">${t('inbox')}${unread ? html`<span
    class="badge">${unread}</span><span class="visually-hidden"> ${t(unread === 1 ? 'inboxUnreadOne' : 'inboxUnreadMany')}</span>`
    : nothing}</a>`;
  render(html`${me ? inboxLink : nothing}${me ? html`<span class="who">${me.name || ''}</span>` : nothing}
    <button class="link-button" type="button" lang=${other} id="language" @click=${switchLanguage}>${t('language')}</button>
    ${me ? html`<button class="link-button" type="button" id="logout" @click=${leave}>${t('logout')}</button>` : nothing}`, nav);
}

// ---- The start -----------------------------------------------------------------------------------------
loadCore();  // compiles while the citizen logs in
skipToMain(document.getElementById('skip-link'));
setLanguage(language());
onSessionChange(drawHeader);
drawHeader();
// Who is logged in, once at the start: without a session the copies go (the 401), with one the copies
// an older version kept in localStorage move into this tab.
loadMe().then(() => {
  if (citizen()) adoptOldCopies();
  router.start();
});
