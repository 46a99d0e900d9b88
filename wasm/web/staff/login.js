// The staff login (#/login): user name and password (POST /staff/login); then the unit: the server
// chooses it when there is one to choose (the last one, or the only one), else the unit picker.
import { ApiError } from '../lib/api.js';
import { focusMain, show, takeFlash } from '../lib/dom.js';
import { html } from '../lib/html.js';
import { messageOf, t } from '../lib/i18n.js';
import { describedBy, errorSummary, fieldError, focusSummary, invalid } from './parts.js';
import { login, staff, takeWanted } from './session.js';

// state: {flash, username, errors: [{field, text}], busy}; actions: {login(username, password)}.
export function view(state, actions) {
  const submit = (ev) => {
    ev.preventDefault();
    const form = ev.currentTarget;
    actions.login(form.querySelector('#username').value.trim(), form.querySelector('#password').value);
  };
  const { errors } = state;
  return html`<h1>${t('staffLoginTitle')}</h1>${state.flash}${errorSummary(errors)}
    <p>${t('staffLoginIntro')}</p>
    <form class="stack login-form" novalidate @submit=${submit}>
      <div class="field">
        <label for="username">${t('username')}</label>${fieldError(errors, 'username')}
        <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false"
          aria-invalid=${invalid(errors, 'username')} aria-describedby=${describedBy(errors, 'username')} .value=${state.username}>
      </div>
      <div class="field">
        <label for="password">${t('password')}</label>${fieldError(errors, 'password')}
        <input id="password" name="password" type="password" autocomplete="current-password"
          aria-invalid=${invalid(errors, 'password')} aria-describedby=${describedBy(errors, 'password')}>
      </div>
      <button type="submit" class="button" ?disabled=${state.busy}>${t('staffLogin')}</button>
    </form>`;
}

export function enter() {
  const state = { flash: takeFlash(), username: '', errors: [], busy: false };
  const draw = () => show(t('staffLoginTitle'), view(state, actions));
  const actions = {
    async login(username, password) {
      state.username = username;
      state.errors = [];
      if (!username) state.errors.push({ field: 'username', text: t('usernameMissing') });
      if (!password) state.errors.push({ field: 'password', text: t('passwordMissing') });
      if (!state.errors.length) {
        state.busy = true;
        draw();
        try {
          await login(username, password);
          const me = staff();
          location.hash = me.unit === null ? '#/enhet' : `#${takeWanted() ?? '/'}`;
          return;
        } catch (e) {
          const text = e instanceof ApiError && e.code === 'auth.failed' ? t('staffLoginFailed') : messageOf(e);
          state.errors.push({ field: 'username', text });
        }
        state.busy = false;
      }
      state.flash = '';
      draw();
      document.getElementById('password').value = '';  // a refused password is typed again
      focusSummary();
    },
  };
  draw();
  focusMain();
}
