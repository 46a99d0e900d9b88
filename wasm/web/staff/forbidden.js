// "Du har inte behörighet" (#/ingen-behorighet): where a guard sends a page whose role the staff member
// lacks at the chosen unit; says which roles they have there and what to do.
import { focusMain, notice, show } from '../lib/dom.js';
import { html, nothing } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { staff, unit } from './session.js';
import { rolesText } from './unit.js';

export function view({ me, here }) {
  return html`<h1>${t('forbiddenTitle')}</h1>
    ${notice(t('forbiddenText', { unit: here?.name ?? '' }), 'error')}
    <p>${here?.roles.length ? t('forbiddenRoles', { roles: rolesText(here.roles) }) : t('forbiddenNone')}</p>
    <p>${t('forbiddenHelp')}</p>
    <ul class="actions">
      <li><a href="#/">${t('toStart')}</a></li>
      ${me.units.length > 1 ? html`<li><a href="#/enhet">${t('unitSwitch')}</a></li>` : nothing}
    </ul>`;
}

export function enter() {
  show(t('forbiddenTitle'), view({ me: staff(), here: unit() }));
  focusMain();
}
