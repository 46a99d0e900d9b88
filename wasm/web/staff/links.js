// Skapa formulärlänkar (#/utskick...): for now a heading and a sentence; the page itself follows in its own commit.
import { focusMain, show } from '../lib/dom.js';
import { html } from '../lib/html.js';
import { addTexts, t } from '../lib/i18n.js';

addTexts({
  sv: { linksSoon: 'Sidan kommer snart.' },
  en: { linksSoon: 'The page is coming soon.' },
});

export const view = () => html`<h1>${t('linksNav')}</h1><p>${t('linksSoon')}</p>`;

export function enter() {
  show(t('linksNav'), view());
  focusMain();
}
