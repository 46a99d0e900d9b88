// Pieces several citizen pages share: the link back to the forms page, and the page a failed call leaves.
import { ApiError } from '../lib/api.js';
import { notice, setFlash, show } from '../lib/dom.js';
import { html } from '../lib/html.js';
import { messageOf, t } from '../lib/i18n.js';
import { sessionEnded } from './session.js';

export const backLink = () => html`<p><a href="#/forms" class="back">${t('backToForms')}</a></p>`;

// What a failed call leaves on screen: a 401 goes to the login with "Du är utloggad", a 404 says the
// form is not there (or not the citizen's), anything else says what went wrong in the citizen's words.
export function handleError(e) {
  if (e instanceof ApiError && e.status === 401) {
    sessionEnded();
    setFlash(t('sessionEnded'), 'error');
    location.hash = '#/login';
    return;
  }
  const notFound = e instanceof ApiError && e.status === 404;
  show(t('formsTitle'), html`<h1>${t('formsTitle')}</h1>${notice(notFound ? t('notFound') : messageOf(e), 'error')}${backLink()}`);
  if (!notFound) console.error(e);
}

