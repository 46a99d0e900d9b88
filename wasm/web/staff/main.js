// The staff app's start (served at /personal/): its route table with the guards (logged in, a unit
// chosen, the page's role at that unit), its header (the chosen unit top right and a way to switch it,
// the staff member's name, the language, logout), the menu by role, and what happens once at the start.
// Pages are modules with enter(params) (and view() for their markup), as in the citizen app.
import { loadCore } from '../lib/core.js';
import { skipToMain } from '../lib/dom.js';
import { html, nothing, render } from '../lib/html.js';
import { language, setLanguage, t } from '../lib/i18n.js';
import { createRouter } from '../lib/router.js';
import './texts.js';
import * as admin from './admin.js';
import * as adminAudit from './admin-audit.js';
import * as adminCitizens from './admin-citizens.js';
import * as adminRecords from './admin-records.js';
import * as adminWebhooks from './admin-webhooks.js';
import * as adminStaff from './admin-staff.js';
import * as adminUnit from './admin-unit.js';
import * as design from './design.js';
import * as designPackage from './design-package.js';
import * as designPackages from './design-packages.js';
import * as designShared from './design-shared.js';
import * as designTemplate from './design-template.js';
import * as designUpload from './design-upload.js';
import * as dispatch from './dispatch.js';
import * as exportsPage from './exports.js';
import * as followup from './followup.js';
import * as followupAnswer from './followup-answer.js';
import * as forbidden from './forbidden.js';
import * as home from './home.js';
import * as links from './links.js';
import * as login from './login.js';
import { menuFor } from './menu.js';
import * as notFound from './not-found.js';
import * as packagePage from './package.js';
import * as packageStart from './package-start.js';
import * as packages from './packages.js';
import { handleError } from './parts.js';
import * as send from './send.js';
import * as sent from './sent.js';
import * as settingsPage from './settings.js';
import { hasRole, loadMe, logout, onSessionChange, rememberWanted, staff, unit } from './session.js';
import * as unitPage from './unit.js';

// ---- Guards --------------------------------------------------------------------------------------------
// Each returns true or the address to go to instead; an address turned away to the login or the unit
// picker is kept for after them.
const loggedIn = (params, path) => {
  if (staff()) return true;
  rememberWanted(path);
  return '/login';
};
const withUnit = (params, path) => {
  const ok = loggedIn(params, path);
  if (ok !== true) return ok;
  if (unit()) return true;
  rememberWanted(path);
  return '/enhet';
};
// A page of one module: its role at the chosen unit, else "Du har inte behörighet".
const role = (name) => (params, path) => {
  const ok = withUnit(params, path);
  if (ok !== true) return ok;
  return hasRole(name) ? true : '/ingen-behorighet';
};

// ---- Routes --------------------------------------------------------------------------------------------
// section: the module the page belongs to (menu.js); nav: the menu page marked as current.
const routes = [
  { pattern: '/login', page: login },
  { pattern: '/enhet', page: unitPage, guard: loggedIn },
  { pattern: '/', page: home, guard: withUnit },
  { pattern: '/utskick', page: send, guard: role('sender'), section: 'utskick', nav: '#/utskick' },
  { pattern: '/utskick/lankar', page: links, guard: role('sender'), section: 'utskick', nav: '#/utskick/lankar' },
  { pattern: '/utskick/skickade', page: sent, guard: role('sender'), section: 'utskick', nav: '#/utskick/skickade' },
  { pattern: '/utskick/skickade/:id', page: dispatch, guard: role('sender'), section: 'utskick', nav: '#/utskick/skickade' },
  { pattern: '/utskick/paket', page: packageStart, guard: role('sender'), section: 'utskick', nav: '#/utskick/paket' },
  { pattern: '/utskick/paket/pagaende', page: packages, guard: role('sender'), section: 'utskick', nav: '#/utskick/paket/pagaende' },
  { pattern: '/utskick/paket/pagaende/:id', page: packagePage, guard: role('sender'), section: 'utskick', nav: '#/utskick/paket/pagaende' },
  { pattern: '/uppfoljning', page: followup, guard: role('reader'), section: 'uppfoljning', nav: '#/uppfoljning' },
  { pattern: '/uppfoljning/exporter', page: exportsPage, guard: role('exporter'), section: 'uppfoljning', nav: '#/uppfoljning' },
  { pattern: '/uppfoljning/:id', page: followupAnswer, guard: role('reader'), section: 'uppfoljning', nav: '#/uppfoljning' },
  { pattern: '/design', page: design, guard: role('designer'), section: 'design', nav: '#/design' },
  { pattern: '/design/mall/:id', page: designTemplate, guard: role('designer'), section: 'design' },
  { pattern: '/design/ladda-upp', page: designUpload, guard: role('designer'), section: 'design' },
  { pattern: '/design/ladda-upp/:id', page: designUpload, guard: role('designer'), section: 'design' },
  { pattern: '/design/gemensamma', page: designShared, guard: role('designer'), section: 'design' },
  { pattern: '/design/paket', page: designPackages, guard: role('designer'), section: 'design' },
  { pattern: '/design/paket/ny', page: designPackage, guard: role('designer'), section: 'design' },
  { pattern: '/design/paket/:id', page: designPackage, guard: role('designer'), section: 'design' },
  { pattern: '/administrera', page: admin, guard: role('admin'), section: 'administrera', nav: '#/administrera' },
  { pattern: '/administrera/personal', page: adminStaff, guard: role('admin'), section: 'administrera' },
  { pattern: '/administrera/invanare', page: adminCitizens, guard: role('admin'), section: 'administrera' },
  { pattern: '/administrera/enhet', page: adminUnit, guard: role('admin'), section: 'administrera' },
  { pattern: '/administrera/loggbok', page: adminAudit, guard: role('admin'), section: 'administrera' },
  { pattern: '/administrera/journalsystem', page: adminRecords, guard: role('admin'), section: 'administrera' },
  { pattern: '/administrera/webhooks', page: adminWebhooks, guard: role('admin'), section: 'administrera' },
  { pattern: '/installningar', page: settingsPage, guard: withUnit },
  { pattern: '/ingen-behorighet', page: forbidden, guard: withUnit },
];

let here = null;  // the route row drawn now (for the menu)

const router = createRouter({
  routes,
  notFound,
  onError: handleError,
  before: (match) => {
    here = match?.route ?? null;
    drawMenu();
  },
});

// ---- The header ----------------------------------------------------------------------------------------
function drawHeader() {
  document.getElementById('skip-link').textContent = t('skip');
  document.getElementById('brand').textContent = `${t('brand')} – ${t('staffTitle')}`;
  const me = staff();
  const chosen = unit();
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
  render(html`${chosen ? html`<p class="unit-now"><span class="unit-label">${t('unitNow')}</span> <strong id="unit-name">${chosen.name}</strong>
      ${me.units.length > 1 ? html`<a href="#/enhet" id="unit-switch">${t('unitSwitch')}</a>` : nothing}</p>` : nothing}
    ${me ? html`<span class="who">${me.staff.name}</span>` : nothing}
    ${me && chosen ? html`<a href="#/installningar" class="link-button" id="my-settings">${t('mySettings')}</a>` : nothing}
    <button class="link-button" type="button" lang=${other} id="language" @click=${switchLanguage}>${t('language')}</button>
    ${me ? html`<button class="link-button" type="button" id="logout" @click=${leave}>${t('logout')}</button>` : nothing}`,
  document.getElementById('top-nav'));
  drawMenu();
}

// The modules the roles at the chosen unit open, and the pages of the module drawn now.
function drawMenu() {
  const nav = document.getElementById('menu');
  const chosen = staff() ? unit() : null;
  nav.hidden = !chosen;
  nav.setAttribute('aria-label', t('menu'));
  if (!chosen) {
    render(nothing, nav);
    return;
  }
  const modules = menuFor(chosen.roles);
  const open = modules.find((m) => m.section === here?.section);
  const current = (href, section) => (here?.nav === href ? 'page' : section && here?.section === section ? 'true' : nothing);
  render(html`<ul class="menu-modules">${modules.map((m) => html`<li>
      <a href=${m.href} aria-current=${current(m.pages.length ? null : m.href, m.section)}>${t(m.text)}</a></li>`)}</ul>
    ${open?.pages.length ? html`<ul class="menu-pages" aria-label=${t(open.text)}>${open.pages.map((p) => html`<li>
      <a href=${p.href} aria-current=${current(p.href)}>${t(p.text)}</a></li>`)}</ul>` : nothing}`, nav);
}

// ---- The start -----------------------------------------------------------------------------------------
loadCore();  // the template preview draws forms with the core
skipToMain(document.getElementById('skip-link'));
setLanguage(language());
onSessionChange(drawHeader);
drawHeader();
loadMe().catch(() => {}).then(() => router.start());
