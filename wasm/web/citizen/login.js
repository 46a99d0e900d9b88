// The login page (#/login): the demo's test people and a field for a test personnummer, or the login
// through the identity provider; a form link that waits for the login is named.
import { ApiError } from '../lib/api.js';
import { focusMain, notice, show, takeFlash } from '../lib/dom.js';
import { html, nothing } from '../lib/html.js';
import { messageOf, t } from '../lib/i18n.js';
import { api } from './api.js';
import { login } from './session.js';
import { pendingLink } from './storage.js';

// state: {flash (a notice or nothing), link (a link waits), people (the demo's, or null), error (text or '')}
// actions: {login(personnummer)}; undefined logs in through the identity provider.
export function view(state, actions) {
  const own = (ev) => {
    ev.preventDefault();
    actions.login(ev.currentTarget.querySelector('#pnr').value.trim());
  };
  const choices = state.people ? html`
    <p class="notice notice-demo">${t('demoNotice')}</p>
    <ul class="people">${state.people.map((p) => html`<li><button type="button" class="button secondary"
      @click=${() => actions.login(p.personnummer)}>${t('loginAs', { name: p.name })}</button></li>`)}</ul>
    <form class="own-number" @submit=${own}>
      <h2>${t('ownNumber')}</h2>
      <label for="pnr">${t('personnummer')}</label>
      <p id="pnr-hint" class="hint">${t('personnummerHint')}</p>
      <input id="pnr" name="pnr" type="text" inputmode="numeric" autocomplete="off" aria-describedby="pnr-hint">
      <button type="submit" class="button">${t('login')}</button>
    </form>`
    : html`<button type="button" class="button" @click=${() => actions.login(undefined)}>${t('loginProxy')}</button>`;
  return html`<h1>${t('loginTitle')}</h1>${state.flash}${state.link ? notice(t('linkLogin')) : nothing}
    <p>${t('loginIntro')}</p>
    <p id="login-error" class="notice notice-error" role="alert" tabindex="-1" ?hidden=${!state.error}>${state.error}</p>
    ${choices}`;
}

export async function enter() {
  const state = { flash: takeFlash(), link: Boolean(pendingLink()), people: null, error: '' };
  try { state.people = (await api.demoPeople()).json.people; } catch { state.people = null; }
  const draw = () => show(t('loginTitle'), view(state, actions));
  const actions = {
    async login(personnummer) {
      try {
        await login(personnummer);
        const link = pendingLink();
        if (link) location.replace(`#/lank/${link}`);
        else location.hash = '#/forms';
      } catch (e) {
        state.error = e instanceof ApiError && e.status !== 0 ? `${t('loginFailed')} ${messageOf(e)}` : t('networkError');
        draw();
        document.getElementById('login-error').focus();
      }
    },
  };
  draw();
  focusMain();
}
