// The start page (#/): whom the staff member works for, and the modules (Utskick, Uppföljning, Design,
// Administrera) their roles at the unit open, each with what it is for.
import { focusMain, show, takeFlash } from '../lib/dom.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { menuFor } from './menu.js';
import { staff, unit } from './session.js';

export function view({ me, here, flash }) {
  return html`<h1>${t('homeTitle')}</h1>${flash}
    <p>${t('homeWelcome', { name: me.staff.name })} ${t('homeUnit', { unit: here.name })}</p>
    <ul class="cards modules">${menuFor(here.roles).map((m) => html`<li class="card">
      <h2><a href=${m.href}>${t(m.text)}</a></h2>
      <p class="meta">${t(m.about)}</p>
    </li>`)}</ul>`;
}

export function enter() {
  show(t('homeTitle'), view({ me: staff(), here: unit(), flash: takeFlash() }));
  focusMain();
}
