// Webhooks (#/administrera/webhooks): the unit's subscriptions to form events (docs/api.md, "Webhooks"):
// the list (GET /admin/webhooks), Lägg till webhook (POST: address, events, secret; checked here first,
// the server's refusal shown at its field), Ta bort (DELETE, confirmed first) and each one's delivery log
// (GET /admin/webhooks/{id}/deliveries, newest first, "Visa fler").
//
// Sections: texts · the page's markup (view) · entering the address (enter).
import { ApiError, call } from '../lib/api.js';
import { focusMain, notice, show } from '../lib/dom.js';
import { html, nothing, repeat } from '../lib/html.js';
import { addTexts, dateTime, messageOf, t } from '../lib/i18n.js';
import { adminNav } from './admin-parts.js';
import { confirmDialog, leftPage } from './design-admin-parts.js';
import { describedBy, errorSummary, fieldError, focusSummary, invalid, showMore, visit } from './parts.js';
import { onSessionChange, unit } from './session.js';

const EVENTS = ['FormCreated', 'FormCompleted', 'FormCancelled', 'FormDocumented', 'FormDeleted'];

const api = {
  list: () => call('GET', '/admin/webhooks'),
  add: (body) => call('POST', '/admin/webhooks', body),
  remove: (id) => call('DELETE', `/admin/webhooks/${id}`),
  deliveries: (id, before) => call('GET', `/admin/webhooks/${id}/deliveries?limit=20${before ? `&before=${before}` : ''}`),
};

// ---- Texts ---------------------------------------------------------------------------------------------
addTexts({
  sv: {
    webhooksTitle: 'Webhooks',
    webhooksIntro: 'En webhook meddelar ett annat system, till exempel ett journalsystem, när något händer med ett formulär på {unit}. Meddelandet innehåller bara id-nummer, aldrig svar eller personnummer, och är signerat med en hemlig nyckel som ni delar med systemet.',
    webhooksCaption: 'Webhooks på enheten',
    webhooksNone: 'Enheten har inga webhooks.',
    colHookUrl: 'Adress',
    colHookEvents: 'Händelser',
    colHookCreated: 'Skapad',
    colHookAction: 'Åtgärd',
    evFormCreated: 'Formulär skapat',
    evFormCompleted: 'Formulär besvarat',
    evFormCancelled: 'Formulär avbrutet',
    evFormDocumented: 'Formulär dokumenterat',
    evFormDeleted: 'Formulär raderat',
    showDeliveries: 'Visa leveranser',
    removeHook: 'Ta bort',
    hookOf: 'för {url}',
    askRemoveHook: 'Ta bort webhooken för {url}?',
    askRemoveHookText: 'Inga fler händelser skickas dit, inte heller de som väntar på ett nytt försök. Leveransloggen försvinner med webhooken.',
    hookRemoved: 'Webhooken för {url} är borttagen.',
    hookChangeFailed: 'Ändringen gick inte igenom: {reason}',
    addHookHeading: 'Lägg till webhook',
    hookUrl: 'Adress (https)',
    hookUrlHint: 'Dit Blankett skickar händelserna, till exempel https://journal.example.se/blankett.',
    hookUrlEmpty: 'Skriv adressen.',
    hookUrlBad: 'Adressen ska börja med https:// och ha ett värdnamn.',
    hookEvents: 'Händelser',
    hookEventsEmpty: 'Välj minst en händelse.',
    hookSecret: 'Hemlig nyckel',
    hookSecretHint: '16–200 tecken. Samma nyckel ska finnas i det mottagande systemet, som kontrollerar signaturen med den. Den visas inte igen.',
    hookSecretLength: 'Den hemliga nyckeln ska ha 16–200 tecken.',
    addHookButton: 'Lägg till webhook',
    addingHook: 'Lägger till …',
    hookAdded: 'Webhooken för {url} är tillagd.',
    deliveriesHeading: 'Leveranser till {url}',
    deliveriesCaption: 'Leveranser, de senaste först',
    deliveriesNone: 'Inga händelser har skickats hit än.',
    colDelEvent: 'Händelse',
    colDelForm: 'Formulär',
    colDelStatus: 'Status',
    colDelAttempts: 'Försök',
    colDelAnswer: 'Senaste svar',
    colDelTime: 'Senast ändrad',
    stPending: 'Väntar på nytt försök',
    stDelivered: 'Levererad',
    stFailed: 'Misslyckad',
  },
  en: {
    webhooksTitle: 'Webhooks',
    webhooksIntro: 'A webhook tells another system, for example a record system, when something happens to a form at {unit}. The message holds ids only, never answers or personal identity numbers, and is signed with a secret that you share with the system.',
    webhooksCaption: 'Webhooks at the unit',
    webhooksNone: 'The unit has no webhooks.',
    colHookUrl: 'Address',
    colHookEvents: 'Events',
    colHookCreated: 'Created',
    colHookAction: 'Action',
    evFormCreated: 'Form created',
    evFormCompleted: 'Form answered',
    evFormCancelled: 'Form cancelled',
    evFormDocumented: 'Form documented',
    evFormDeleted: 'Form deleted',
    showDeliveries: 'Show deliveries',
    removeHook: 'Remove',
    hookOf: 'for {url}',
    askRemoveHook: 'Remove the webhook for {url}?',
    askRemoveHookText: 'No more events are sent there, nor those waiting to be tried again. The delivery log goes with the webhook.',
    hookRemoved: 'The webhook for {url} has been removed.',
    hookChangeFailed: 'The change did not go through: {reason}',
    addHookHeading: 'Add a webhook',
    hookUrl: 'Address (https)',
    hookUrlHint: 'Where Blankett sends the events, for example https://records.example.com/blankett.',
    hookUrlEmpty: 'Enter the address.',
    hookUrlBad: 'The address must begin with https:// and have a host name.',
    hookEvents: 'Events',
    hookEventsEmpty: 'Choose at least one event.',
    hookSecret: 'Secret',
    hookSecretHint: '16–200 characters. The receiving system must have the same secret, with which it checks the signature. It is not shown again.',
    hookSecretLength: 'The secret must have 16–200 characters.',
    addHookButton: 'Add webhook',
    addingHook: 'Adding …',
    hookAdded: 'The webhook for {url} has been added.',
    deliveriesHeading: 'Deliveries to {url}',
    deliveriesCaption: 'Deliveries, newest first',
    deliveriesNone: 'No events have been sent here yet.',
    colDelEvent: 'Event',
    colDelForm: 'Form',
    colDelStatus: 'Status',
    colDelAttempts: 'Attempts',
    colDelAnswer: 'Last answer',
    colDelTime: 'Last changed',
    stPending: 'Waiting to be tried again',
    stDelivered: 'Delivered',
    stFailed: 'Failed',
  },
});

const statusText = { pending: 'stPending', delivered: 'stDelivered', failed: 'stFailed' };

// ---- The page's markup -----------------------------------------------------------------------------------
function hookRow(a, x) {
  return html`<tr>
    <th scope="row" data-label=${t('colHookUrl')} class="mono">${x.url}</th>
    <td data-label=${t('colHookEvents')}>${x.events.map((e) => t(`ev${e}`)).join(', ')}</td>
    <td data-label=${t('colHookCreated')}>${dateTime(x.created_at)}</td>
    <td data-label=${t('colHookAction')}>
      <button type="button" class="button secondary" id="deliveries-${x.id}" @click=${() => a.deliveries(x)}>${t('showDeliveries')}<span
        class="visually-hidden"> ${t('hookOf', { url: x.url })}</span></button>
      <button type="button" class="button secondary" id="remove-${x.id}" @click=${() => a.remove(x)}>${t('removeHook')}<span
        class="visually-hidden"> ${t('hookOf', { url: x.url })}</span></button>
    </td>
  </tr>`;
}

function deliveriesPart(d, a) {
  return html`<section class="section" aria-labelledby="deliveries-heading">
    <h2 id="deliveries-heading" class="webhook-url" tabindex="-1">${t('deliveriesHeading', { url: d.hook.url })}</h2>
    ${d.rows.length ? html`<div class="table-wrap"><table class="list" id="deliveries">
      <caption class="visually-hidden">${t('deliveriesCaption')}</caption>
      <thead><tr><th scope="col">${t('colDelEvent')}</th><th scope="col">${t('colDelForm')}</th><th scope="col">${t('colDelStatus')}</th>
        <th scope="col">${t('colDelAttempts')}</th><th scope="col">${t('colDelAnswer')}</th><th scope="col">${t('colDelTime')}</th></tr></thead>
      <tbody>${repeat(d.rows, (x) => x.id, (x) => html`<tr>
        <td data-label=${t('colDelEvent')}>${t(`ev${x.event}`)}</td>
        <td data-label=${t('colDelForm')}>${x.form}</td>
        <td data-label=${t('colDelStatus')}>${x.status === 'failed' ? html`<span class="warn-text">${t(statusText[x.status])}</span>` : t(statusText[x.status])}</td>
        <td data-label=${t('colDelAttempts')}>${x.attempts}</td>
        <td data-label=${t('colDelAnswer')}>${x.last_error ?? x.last_status ?? '–'}</td>
        <td data-label=${t('colDelTime')}>${dateTime(x.updated_at)}</td>
      </tr>`)}</tbody>
    </table></div>${showMore(d.next, d.loading, a.more)}` : html`<p id="deliveries-none">${t('deliveriesNone')}</p>`}
  </section>`;
}

function addPart(s, a) {
  const e = s.errors;
  return html`<section class="section" aria-labelledby="add-heading">
    <h2 id="add-heading" tabindex="-1">${t('addHookHeading')}</h2>
    <form class="stack" novalidate @submit=${a.add}>
      <div class="field">
        <label for="hook-url">${t('hookUrl')}</label>
        <p class="hint" id="hook-url-hint">${t('hookUrlHint')}</p>${fieldError(e, 'hook-url')}
        <input type="url" id="hook-url" class="webhook-url" autocomplete="off" spellcheck="false" .value=${s.url}
          aria-describedby=${describedBy(e, 'hook-url', 'hook-url-hint')} aria-invalid=${invalid(e, 'hook-url')}
          @input=${(ev) => { s.url = ev.target.value; }}>
      </div>
      <fieldset class="box" id="hook-events" aria-describedby=${describedBy(e, 'hook-events')}>
        <legend>${t('hookEvents')}</legend>${fieldError(e, 'hook-events')}
        ${EVENTS.map((ev) => html`<div class="option"><input type="checkbox" id="event-${ev}" .checked=${s.events.has(ev)}
          @change=${(x) => { if (x.target.checked) s.events.add(ev); else s.events.delete(ev); }}><label for="event-${ev}">${t(`ev${ev}`)}</label></div>`)}
      </fieldset>
      <div class="field">
        <label for="hook-secret">${t('hookSecret')}</label>
        <p class="hint" id="hook-secret-hint">${t('hookSecretHint')}</p>${fieldError(e, 'hook-secret')}
        <input type="password" id="hook-secret" autocomplete="new-password" .value=${s.secret}
          aria-describedby=${describedBy(e, 'hook-secret', 'hook-secret-hint')} aria-invalid=${invalid(e, 'hook-secret')}
          @input=${(ev) => { s.secret = ev.target.value; }}>
      </div>
      <div>
        <button type="submit" class="button" id="add-hook" ?disabled=${s.busy}>${t('addHookButton')}</button>
        ${s.busy ? html`<span class="loading" role="status">${t('addingHook')}</span>` : nothing}
      </div>
    </form>
  </section>`;
}

// state: {hooks, url, events: Set, secret, errors, message, busy, log: {hook, rows, next, loading} | null}.
export function view(s, a) {
  return html`${adminNav('#/administrera/webhooks')}<h1>${t('webhooksTitle')}</h1>${errorSummary(s.errors)}
    <p>${t('webhooksIntro', { unit: unit()?.name ?? '' })}</p>
    <div id="webhooks-message" tabindex="-1">${s.message ? notice(s.message.text, s.message.kind) : nothing}</div>
    ${s.hooks.length ? html`<div class="table-wrap"><table class="list" id="webhooks">
      <caption class="visually-hidden">${t('webhooksCaption')}</caption>
      <thead><tr><th scope="col">${t('colHookUrl')}</th><th scope="col">${t('colHookEvents')}</th>
        <th scope="col">${t('colHookCreated')}</th><th scope="col">${t('colHookAction')}</th></tr></thead>
      <tbody>${repeat(s.hooks, (x) => x.id, (x) => hookRow(a, x))}</tbody>
    </table></div>` : html`<p id="webhooks-none">${t('webhooksNone')}</p>`}
    ${s.log ? deliveriesPart(s.log, a) : nothing}
    ${addPart(s, a)}`;
}

// ---- Entering the address ----------------------------------------------------------------------------------
const fieldOf = { url: 'hook-url', events: 'hook-events', secret: 'hook-secret' };
const fieldRefusal = { url: 'hookUrlBad', events: 'hookEventsEmpty', secret: 'hookSecretLength' };

// The webhook whose log is open stays open when the page is drawn again (a change of language); leaving
// the session forgets it.
let open = null;
onSessionChange((me) => { if (!me) open = null; });

export async function enter() {
  const current = visit();
  const s = { hooks: (await api.list()).json.webhooks, url: '', events: new Set(['FormCompleted']), secret: '', errors: [], message: null,
              busy: false, log: null };
  const kept = s.hooks.find((x) => x.id === open);
  if (kept) {
    const r = (await api.deliveries(kept.id)).json;
    s.log = { hook: kept, rows: r.deliveries, next: r.next, loading: false };
  } else open = null;
  const draw = () => { if (current()) show(t('webhooksTitle'), view(s, a)); };
  const reload = async () => { s.hooks = (await api.list()).json.webhooks; };
  const formFailed = (errors) => {
    s.errors = errors;
    draw();
    focusSummary();
  };

  const a = {
    async add(ev) {
      ev.preventDefault();
      const url = s.url.trim();
      s.message = null;
      const errors = [];
      if (!url) errors.push({ field: 'hook-url', text: t('hookUrlEmpty') });
      else if (!/^https:\/\/[^\s/@]+/i.test(url) && !/^http:\/\/(127\.|localhost|\[::1\])/i.test(url)) errors.push({ field: 'hook-url', text: t('hookUrlBad') });
      if (!s.events.size) errors.push({ field: 'hook-events', text: t('hookEventsEmpty') });
      if ([...s.secret].length < 16 || [...s.secret].length > 200) errors.push({ field: 'hook-secret', text: t('hookSecretLength') });
      if (errors.length) return formFailed(errors);
      s.errors = [];
      s.busy = true;
      draw();
      try {
        await api.add({ url, events: EVENTS.filter((e) => s.events.has(e)), secret: s.secret });
        await reload();
        s.message = { text: t('hookAdded', { url }), kind: 'info' };
        s.url = '';
        s.secret = '';
      } catch (e) {
        s.busy = false;
        if (leftPage(e)) return;
        const field = e instanceof ApiError ? String(e.field).split('.')[0] : '';
        if (fieldRefusal[field]) return formFailed([{ field: fieldOf[field], text: t(fieldRefusal[field]) }]);
        return formFailed([{ field: 'hook-url', text: messageOf(e) }]);
      }
      s.busy = false;
      draw();
      document.getElementById('webhooks-message')?.focus();
    },
    async remove(x) {
      const yes = await confirmDialog({ title: t('askRemoveHook', { url: x.url }), text: t('askRemoveHookText'), yes: t('removeHook') });
      if (!yes) return;
      try {
        await api.remove(x.id);
        await reload();
        if (s.log?.hook.id === x.id) {
          s.log = null;
          open = null;
        }
        s.message = { text: t('hookRemoved', { url: x.url }), kind: 'info' };
      } catch (e) {
        if (leftPage(e)) return;
        s.message = { text: t('hookChangeFailed', { reason: messageOf(e) }), kind: 'error' };
      }
      s.errors = [];
      draw();
      document.getElementById('webhooks-message')?.focus();
    },
    async deliveries(x) {
      const r = (await api.deliveries(x.id)).json;
      s.log = { hook: x, rows: r.deliveries, next: r.next, loading: false };
      open = x.id;
      draw();
      document.getElementById('deliveries-heading')?.focus();
    },
    async more() {
      const d = s.log;
      d.loading = true;
      draw();
      const r = (await api.deliveries(d.hook.id, d.next)).json;
      d.rows = d.rows.concat(r.deliveries);
      d.next = r.next;
      d.loading = false;
      draw();
    },
  };
  draw();
  focusMain();
}
