// The page of an address the route table does not know (#/nosuch): says so, with a way to the forms.
import { focusMain, notice, show } from '../lib/dom.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';

export const view = () => html`<h1>${t('pageNotFoundTitle')}</h1>${notice(t('pageNotFound'), 'error')}
  <p><a href="#/forms" class="back">${t('goToForms')}</a></p>`;

export function enter() {
  show(t('pageNotFoundTitle'), view());
  focusMain();
}
