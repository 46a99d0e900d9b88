// Skickade utskick (#/utskick...): for now a heading and a sentence; the page itself follows in its own commit.
import { focusMain, show } from '../lib/dom.js';
import { html } from '../lib/html.js';
import { addTexts, t } from '../lib/i18n.js';

addTexts({
  sv: { sentSoon: 'Sidan kommer snart.' },
  en: { sentSoon: 'The page is coming soon.' },
});

export const view = () => html`<h1>${t('sentNav')}</h1><p>${t('sentSoon')}</p>`;

export function enter() {
  show(t('sentNav'), view());
  focusMain();
}
