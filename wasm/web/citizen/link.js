// A form link (#/lank/<token>): staff hand out /#/lank/<64 hex> (POST /dispatches/links). The first citizen
// to claim it owns the form; the owner may open it again. The token is used once here and then
// forgotten, and the form's address takes its place in the tab's history.
import { ApiError } from '../lib/api.js';
import { focusMain, show } from '../lib/dom.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { api } from './api.js';
import { forgetLink, rememberLink } from './storage.js';

// The refusals that have their own message; any other failure is the router's to show.
const refusals = {
  'link.unknown': 'linkUnknown',
  'link.used': 'linkUsed',
  'link.expired': 'linkExpired',
};

// state: {opening: true} while the claim is under way, else {refusal: text key}.
export function view(state) {
  if (state.opening) return html`<p class="loading">${t('linkOpening')}</p>`;
  return html`<h1>${t('linkTitle')}</h1>
    <p class="notice notice-error" role="alert" id="link-message">${t(state.refusal)}</p>
    <p><a href="#/forms" class="back">${t('goToForms')}</a></p>`;
}

export async function enter({ token: raw }) {
  forgetLink();
  const token = raw.toLowerCase();
  const refused = (refusal) => {
    show(t('linkTitle'), view({ refusal }));
    focusMain();
  };
  if (!/^[0-9a-f]{64}$/.test(token)) return refused('linkUnknown');
  show(t('linkTitle'), view({ opening: true }));
  let id;
  try {
    id = (await api.claimLink(token)).json.id;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) rememberLink(token);  // after the next login
    const key = e instanceof ApiError ? refusals[e.code] : undefined;
    if (!key) throw e;
    return refused(key);
  }
  location.replace(`#/form/${id}`);
}
