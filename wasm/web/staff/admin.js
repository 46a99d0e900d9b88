// Administrera (#/administrera): for now a heading and a sentence; the administration pages come in
// their own session.
import { focusMain, show } from '../lib/dom.js';
import { html } from '../lib/html.js';
import { addTexts, t } from '../lib/i18n.js';

addTexts({
  sv: { adminTitle: 'Administrera', adminSoon: 'Här ger du behörigheter på enheten och ser enhetens historik. Sidorna kommer snart.' },
  en: { adminTitle: 'Administration', adminSoon: 'Here you grant roles at the unit and see the unit\'s history. The pages are coming soon.' },
});

export const view = () => html`<h1>${t('adminTitle')}</h1><p>${t('adminSoon')}</p>`;

export function enter() {
  show(t('adminTitle'), view());
  focusMain();
}
