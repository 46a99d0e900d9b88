// A paper letter's code (#/kod): the citizen types the code the letter gives (POST /citizen/links
// {"code"}) and the form opens; a code that is unknown, used by someone else or too late, and too many
// wrong codes, each have their own message, in an error summary that takes focus.
import { ApiError } from '../lib/api.js';
import { focusMain, show } from '../lib/dom.js';
import { html, nothing } from '../lib/html.js';
import { messageOf, t } from '../lib/i18n.js';
import { api } from './api.js';
import { backLink, handleError } from './parts.js';

// The server's refusals of a code, as texts.
const refusals = {
  'link.unknown': 'codeUnknown',
  'link.used': 'codeUsed',
  'link.expired': 'codeExpired',
  'auth.throttled': 'codeThrottled',
};

// state: {code (as typed), error (text or ''), busy}; actions: {claim(code)}.
export function view(state, actions) {
  const submit = (ev) => {
    ev.preventDefault();
    actions.claim(ev.currentTarget.querySelector('#code').value);
  };
  const focusField = (ev) => {
    ev.preventDefault();
    document.getElementById('code').focus();
  };
  return html`<h1>${t('codeTitle')}</h1>
    <div id="error-summary" class="error-summary" tabindex="-1" role="alert" ?hidden=${!state.error}>${state.error ? html`
      <h2>${t('errorTitle')}</h2><ul><li><a href="#code" @click=${focusField}>${state.error}</a></li></ul>` : nothing}</div>
    <p>${t('codeIntro')}</p>
    <form class="own-number" novalidate @submit=${submit}>
      <label for="code">${t('codeLabel')}</label>
      <p id="code-hint" class="hint">${t('codeHint')}</p>
      ${state.error ? html`<p class="field-error" id="code-error">${state.error}</p>` : nothing}
      <input id="code" name="code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false"
        aria-describedby=${state.error ? 'code-hint code-error' : 'code-hint'} aria-invalid=${state.error ? 'true' : nothing}
        .value=${state.code}>
      <button type="submit" class="button" ?disabled=${state.busy}>${t('codeOpen')}</button>
    </form>
    ${backLink()}`;
}

export function enter() {
  const state = { code: '', error: '', busy: false };
  const draw = () => show(t('codeTitle'), view(state, actions));
  const actions = {
    async claim(typed) {
      state.code = typed.trim();
      state.error = '';
      if (!state.code) {
        state.error = t('codeMissing');
      } else {
        state.busy = true;
        draw();
        try {
          const id = (await api.claimCode(state.code)).json.id;
          location.replace(`#/form/${id}`);
          return;
        } catch (e) {
          if (e instanceof ApiError && e.status === 401) {
            handleError(e);
            return;
          }
          const key = e instanceof ApiError ? refusals[e.code] : undefined;
          state.error = key ? t(key) : messageOf(e);
        }
        state.busy = false;
      }
      draw();
      document.getElementById('error-summary').focus();
    },
  };
  draw();
  focusMain();
}
