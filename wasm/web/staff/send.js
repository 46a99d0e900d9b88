// Skicka formulär (#/utskick...): for now a heading and a sentence; the page itself follows in its own commit.
import { focusMain, show } from '../lib/dom.js';
import { html } from '../lib/html.js';
import { addTexts, t } from '../lib/i18n.js';

addTexts({
  sv: { sendSoon: 'Sidan kommer snart.' },
  en: { sendSoon: 'The page is coming soon.' },
});

export const view = () => html`<h1>${t('sendNav')}</h1><p>${t('sendSoon')}</p>`;

export function enter() {
  show(t('sendNav'), view());
  focusMain();
}
