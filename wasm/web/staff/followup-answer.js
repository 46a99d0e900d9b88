// One answer in Uppföljning (#/uppfoljning/<id>), for now a stand-in so that a row's link leads
// somewhere: it names the answer and leads back to the list as it was left. The answer view itself
// (the recipient, the calculations, the answers, the history, the actions) replaces this module.
import { focusMain, notice, show } from '../lib/dom.js';
import { html } from '../lib/html.js';
import { addTexts, t } from '../lib/i18n.js';
import { backToList, listAddress } from './followup.js';

addTexts({
  sv: {
    fuAnswerTitle: 'Formulärsvar nr {id}',
    fuAnswerComing: 'Formulärsvaret kan inte visas här ännu.',
    fuAnswerBack: 'Tillbaka till Uppföljning',
  },
  en: {
    fuAnswerTitle: 'Form answer no. {id}',
    fuAnswerComing: 'The form answer cannot be shown here yet.',
    fuAnswerBack: 'Back to Follow-up',
  },
});

export const view = ({ id }) => html`<h1>${t('fuAnswerTitle', { id })}</h1>${notice(t('fuAnswerComing'))}
  <p><a href=${listAddress()} class="back" @click=${backToList}>${t('fuAnswerBack')}</a></p>`;

export function enter({ id }) {
  show(t('fuAnswerTitle', { id }), view({ id }));
  focusMain();
}
