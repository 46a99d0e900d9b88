// The staff app's page for an address its route table does not know: says so, with a way to the start.
import { focusMain, notice, show } from '../lib/dom.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';

export const view = () => html`<h1>${t('pageNotFoundTitle')}</h1>${notice(t('pageNotFound'), 'error')}
  <p><a href="#/" class="back">${t('toStart')}</a></p>`;

export function enter() {
  show(t('pageNotFoundTitle'), view());
  focusMain();
}
