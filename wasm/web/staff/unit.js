// The unit picker (#/enhet): the units where the staff member has roles, each with its roles; the choice
// is the session's unit (PUT /staff/unit), which the server remembers for the next login.
import { focusMain, show } from '../lib/dom.js';
import { html, nothing } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { errorSummary, focusSummary, handleError } from './parts.js';
import { chooseUnit, staff, takeWanted } from './session.js';
import { roleKeys } from './texts.js';

export const rolesText = (roles) => roles.map((r) => t(roleKeys[r] ?? r)).join(', ');

// state: {me, errors}; actions: {choose(unit id or null)}.
export function view({ me, errors }, actions) {
  const submit = (ev) => {
    ev.preventDefault();
    const picked = ev.currentTarget.querySelector('input[name="unit"]:checked');
    actions.choose(picked ? Number(picked.value) : null);
  };
  return html`<h1>${t('unitTitle')}</h1>${errorSummary(errors)}
    <p>${t('unitIntro')}</p>
    <form class="stack" novalidate @submit=${submit}>
      <fieldset class="choices" aria-describedby=${errors.length ? 'err-unit-0' : nothing}>
        <legend>${t('unitLegend')}</legend>
        ${errors.length ? html`<p class="field-error" id="err-unit-0">${errors[0].text}</p>` : nothing}
        <div class="options">
          ${me.units.map((u, i) => html`<div class="option">
            <input type="radio" name="unit" id="unit-${i}" value=${String(u.id)} ?checked=${me.unit === u.id} aria-describedby="unit-roles-${i}">
            <label for="unit-${i}">${u.name} <span class="meta" id="unit-roles-${i}">${t('unitRoles', { roles: rolesText(u.roles) })}</span></label>
          </div>`)}
        </div>
      </fieldset>
      <button type="submit" class="button">${t('unitChoose')}</button>
    </form>`;
}

export function enter() {
  const state = { me: staff(), errors: [] };
  const draw = () => show(t('unitTitle'), view(state, actions));
  const actions = {
    async choose(id) {
      if (id === null) {
        state.errors = [{ field: 'unit-0', text: t('unitMissing') }];
        draw();
        focusSummary();
        return;
      }
      try {
        await chooseUnit(id);
        location.hash = `#${takeWanted() ?? '/'}`;
      } catch (e) {
        handleError(e);
      }
    },
  };
  draw();
  focusMain();
}
