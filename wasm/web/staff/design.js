// Design (#/design): for now a heading and a sentence; the templates' pages come in their own session.
import { focusMain, show } from '../lib/dom.js';
import { html } from '../lib/html.js';
import { addTexts, t } from '../lib/i18n.js';

addTexts({
  sv: { designTitle: 'Design', designSoon: 'Här bygger, testar och publicerar du enhetens formulärmallar. Sidorna kommer snart.' },
  en: { designTitle: 'Design', designSoon: 'Here you build, test and publish the unit\'s form templates. The pages are coming soon.' },
});

export const view = () => html`<h1>${t('designTitle')}</h1><p>${t('designSoon')}</p>`;

export function enter() {
  show(t('designTitle'), view());
  focusMain();
}
