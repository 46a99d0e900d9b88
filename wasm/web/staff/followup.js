// Uppföljning (#/uppfoljning), for now a list of the unit's answers (GET /answers), newest first: who
// (name, personnummer), the template, the state and the dates, with "Visa fler" for the next page.
import { focusMain, show } from '../lib/dom.js';
import { html, repeat } from '../lib/html.js';
import { addTexts, dateTime, longDate, t } from '../lib/i18n.js';
import { api } from './api.js';
import { handleError, showMore, visit } from './parts.js';

addTexts({
  sv: {
    followupTitle: 'Uppföljning',
    followupIntro: 'Enhetens formulärsvar, de senaste först.',
    followupNone: 'Enheten har inga formulärsvar.',
    answersCaption: 'Formulärsvar',
    colName: 'Namn',
    colPnr: 'Personnummer',
    colTemplate: 'Formulär',
    colState: 'Status',
    colAnswerBy: 'Besvaras senast',
    colSubmitted: 'Inskickat',
    colUpdated: 'Senast ändrat',
    colDeleteAfter: 'Gallras efter',
    unclaimedLink: 'Formulärlänk som ingen har använt',
    answerONGOING: 'Pågående',
    answerPENDING_COMPLETION: 'Väntar på bekräftelse',
    answerCOMPLETED: 'Besvarat',
    answerCANCELLED: 'Avbrutet',
  },
  en: {
    followupTitle: 'Follow-up',
    followupIntro: 'The unit\'s form answers, newest first.',
    followupNone: 'The unit has no form answers.',
    answersCaption: 'Form answers',
    colName: 'Name',
    colPnr: 'Personal identity number',
    colTemplate: 'Form',
    colState: 'Status',
    colAnswerBy: 'Answer by',
    colSubmitted: 'Submitted',
    colUpdated: 'Last changed',
    colDeleteAfter: 'Delete after',
    unclaimedLink: 'Form link nobody has used',
    answerONGOING: 'In progress',
    answerPENDING_COMPLETION: 'Waiting for confirmation',
    answerCOMPLETED: 'Answered',
    answerCANCELLED: 'Cancelled',
  },
});

// A form's state in words (ONGOING, PENDING_COMPLETION, COMPLETED, CANCELLED).
export const stateText = (state) => t(`answer${state}`);

// A personnummer as staff read it: ÅÅÅÅMMDD-NNNN.
export const pnrText = (pnr) => (/^\d{12}$/.test(pnr) ? `${pnr.slice(0, 8)}-${pnr.slice(8)}` : pnr);

const row = (a) => html`<tr>
  <td data-label=${t('colName')}>${a.recipient?.name || (a.recipient ? '' : t('unclaimedLink'))}</td>
  <td data-label=${t('colPnr')}>${a.recipient ? pnrText(a.recipient.personnummer) : ''}</td>
  <td data-label=${t('colTemplate')}>${a.name}</td>
  <td data-label=${t('colState')}><span class="state state-${a.state}">${stateText(a.state)}</span></td>
  <td data-label=${t('colAnswerBy')}>${longDate(a.answer_by)}</td>
  <td data-label=${t('colSubmitted')}>${a.submitted_at ? dateTime(a.submitted_at) : '–'}</td>
  <td data-label=${t('colDeleteAfter')}>${longDate(a.delete_after)}</td>
</tr>`;

// state: {answers, next, loading}; actions: {more()}.
export function view(state, actions) {
  return html`<h1>${t('followupTitle')}</h1><p>${t('followupIntro')}</p>
    ${state.answers.length ? html`<div class="table-wrap"><table class="list">
      <caption class="visually-hidden">${t('answersCaption')}</caption>
      <thead><tr><th scope="col">${t('colName')}</th><th scope="col">${t('colPnr')}</th><th scope="col">${t('colTemplate')}</th>
        <th scope="col">${t('colState')}</th><th scope="col">${t('colAnswerBy')}</th><th scope="col">${t('colSubmitted')}</th>
        <th scope="col">${t('colDeleteAfter')}</th></tr></thead>
      <tbody>${repeat(state.answers, (a) => a.id, row)}</tbody>
    </table></div>` : html`<p class="empty">${t('followupNone')}</p>`}
    ${showMore(state.next, state.loading, actions.more)}`;
}

export async function enter() {
  const current = visit();
  const first = (await api.answers()).json;
  const state = { answers: first.answers, next: first.next, loading: false };
  const draw = () => { if (current()) show(t('followupTitle'), view(state, actions)); };
  const actions = {
    async more() {
      state.loading = true;
      draw();
      try {
        const r = (await api.answers(state.next)).json;
        state.answers = [...state.answers, ...r.answers];
        state.next = r.next;
      } catch (e) {
        handleError(e);
        return;
      } finally {
        state.loading = false;
      }
      draw();
    },
  };
  draw();
  focusMain();
}
