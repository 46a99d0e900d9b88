// Gemensamma mallar (#/design/gemensamma): other units' shared templates (GET /templates/shared), each
// with its unit, form id, kind and published version, and whether the unit subscribes to it; Prenumerera
// (POST /templates/{id}/subscription) makes it one of the unit's templates, to send and preview.
import { focusMain, show } from '../lib/dom.js';
import { html, nothing, repeat } from '../lib/html.js';
import { addTexts, messageOf, t } from '../lib/i18n.js';
import { leftPage } from './design-admin-parts.js';
import { designApi, designNav, kindText } from './design-parts.js';
import { visit } from './parts.js';

addTexts({
  sv: {
    sharedTitle: 'Gemensamma mallar',
    sharedIntro: 'Mallar som andra enheter delar. När enheten prenumererar på en mall finns den bland enhetens formulärmallar och kan skickas. Det finns ingen väg att avsluta en prenumeration här.',
    sharedNone: 'Inga andra enheter delar mallar just nu.',
    sharedCaption: 'Gemensamma mallar från andra enheter',
    colSharedUnit: 'Enhet',
    colSubscription: 'Prenumeration',
    subscribe: 'Prenumerera',
    subscribeOn: 'Prenumerera på {name}',
    subscribed: 'Prenumererar',
    subscribedNow: 'Enheten prenumererar nu på ”{name}”. Mallen finns bland enhetens formulärmallar.',
    subscribeFailed: 'Det gick inte att prenumerera på ”{name}”: {reason}',
  },
  en: {
    sharedTitle: 'Shared templates',
    sharedIntro: 'Templates that other units share. When the unit subscribes to a template it is among the unit\'s form templates and can be sent. There is no way to end a subscription here.',
    sharedNone: 'No other unit shares templates right now.',
    sharedCaption: 'Shared templates of other units',
    colSharedUnit: 'Unit',
    colSubscription: 'Subscription',
    subscribe: 'Subscribe',
    subscribeOn: 'Subscribe to {name}',
    subscribed: 'Subscribed',
    subscribedNow: 'The unit now subscribes to “{name}”. The template is among the unit\'s form templates.',
    subscribeFailed: 'Could not subscribe to “{name}”: {reason}',
  },
});

// state: {list: [{subscribed, template}], busy: id | null, message}; actions: {subscribe(entry)}.
export function view(state, actions) {
  const row = (e) => {
    const x = e.template;
    return html`<tr>
      <th scope="row" data-label=${t('colTplName')}>${e.subscribed ? html`<a href="#/design/mall/${x.id}">${x.name}</a>` : x.name}</th>
      <td data-label=${t('colSharedUnit')}>${x.unit.name}</td>
      <td data-label=${t('colFormId')}><code>${x.form_id}</code></td>
      <td data-label=${t('colTplKind')}>${kindText(x.kind)}</td>
      <td data-label=${t('colPublished')}>${x.published_version ?? t('noPublished')}</td>
      <td data-label=${t('colSubscription')} id="subscription-${x.id}" tabindex="-1">${e.subscribed ? html`<span class="ok-text">${t('subscribed')}</span>`
        : html`<button type="button" class="button secondary" ?disabled=${state.busy !== null} aria-label=${t('subscribeOn', { name: x.name })}
          @click=${() => actions.subscribe(e)}>${t('subscribe')}</button>`}</td>
    </tr>`;
  };
  return html`${designNav('#/design/gemensamma')}<h1>${t('sharedTitle')}</h1>
    <p>${t('sharedIntro')}</p>
    <div aria-live="polite">${state.message ? html`<p class="notice notice-${state.message.kind}">${state.message.text}</p>` : nothing}</div>
    ${state.list.length ? html`<div class="table-wrap"><table class="list" id="shared">
      <caption class="visually-hidden">${t('sharedCaption')}</caption>
      <thead><tr><th scope="col">${t('colTplName')}</th><th scope="col">${t('colSharedUnit')}</th><th scope="col">${t('colFormId')}</th>
        <th scope="col">${t('colTplKind')}</th><th scope="col">${t('colPublished')}</th><th scope="col">${t('colSubscription')}</th></tr></thead>
      <tbody>${repeat(state.list, (e) => e.template.id, row)}</tbody>
    </table></div>` : html`<p class="empty">${t('sharedNone')}</p>`}`;
}

export async function enter() {
  const current = visit();
  const state = { list: (await designApi.shared()).json.templates, busy: null, message: null };
  const draw = () => { if (current()) show(t('sharedTitle'), view(state, actions)); };
  const actions = {
    async subscribe(e) {
      const x = e.template;
      state.busy = x.id;
      state.message = null;
      draw();
      try {
        await designApi.subscribe(x.id);
        e.subscribed = true;
        state.message = { text: t('subscribedNow', { name: x.name }), kind: 'info' };
      } catch (err) {
        if (leftPage(err)) return;
        state.message = { text: t('subscribeFailed', { name: x.name, reason: messageOf(err) }), kind: 'error' };
      }
      state.busy = null;
      draw();
      // The button is gone once subscribed: focus to its cell, which now says so.
      document.getElementById(`subscription-${x.id}`)?.focus();
    },
  };
  draw();
  focusMain();
}
