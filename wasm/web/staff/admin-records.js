// Journalsystem (#/administrera/journalsystem): the unit's record systems, the clients of the
// record-system API (docs/api.md, "Record systems"): the list (GET /admin/record-systems), Registrera
// journalsystem (POST: a name; the API key shown once with a copy button and a clear warning) and
// Spärra nyckel (DELETE, confirmed first: the system's next call is refused).
//
// Sections: texts · the page's markup (view) · entering the address (enter).
import { ApiError } from '../lib/api.js';
import { focusMain, notice, show } from '../lib/dom.js';
import { html, nothing, repeat } from '../lib/html.js';
import { addTexts, dateTime, messageOf, t } from '../lib/i18n.js';
import { adminApi, adminNav, copyOnce } from './admin-parts.js';
import { confirmDialog, leftPage } from './design-admin-parts.js';
import { describedBy, errorSummary, fieldError, focusSummary, invalid, visit } from './parts.js';
import { onSessionChange, unit } from './session.js';

// ---- Texts ---------------------------------------------------------------------------------------------
addTexts({
  sv: {
    recordsTitle: 'Journalsystem',
    recordsIntro: 'Ett journalsystem, till exempel Cosmic eller TakeCare, kan skicka formulär till patienter från {unit}, hämta svaren och lägga dem i journalen. Systemet använder Blanketts API med en egen nyckel. Allt det gör skrivs i enhetens loggbok med systemets namn.',
    recordsCaption: 'Journalsystem på enheten',
    recordsNone: 'Enheten har inga registrerade journalsystem.',
    colRecordName: 'Namn',
    colRecordCreated: 'Registrerat',
    colRecordState: 'Nyckel',
    colRecordAction: 'Åtgärd',
    recordActive: 'Aktiv',
    recordRevoked: 'Spärrad {at}',
    revokeKey: 'Spärra nyckel',
    revokeKeyOf: 'för {name}',
    askRevoke: 'Spärra nyckeln för {name}?',
    askRevokeText: '{name} kan inte längre skapa, läsa eller avbryta formulär, från och med nästa anrop. Det går inte att ångra: för att ansluta systemet igen registrerar du det på nytt och får en ny nyckel. Formulär som systemet redan skapat finns kvar.',
    recordRevokedNow: 'Nyckeln för {name} är spärrad.',
    recordChangeFailed: 'Ändringen för {name} gick inte igenom: {reason}',
    registerHeading: 'Registrera journalsystem',
    registerIntro: 'Systemet får en API-nyckel som visas en enda gång, när det är registrerat.',
    recordName: 'Systemets namn',
    recordNameHint: 'Som det ska stå i loggboken, till exempel Cosmic, Akutmottagningen. 1–100 tecken.',
    recordNameEmpty: 'Skriv systemets namn.',
    recordNameLong: 'Namnet får ha högst 100 tecken.',
    registerButton: 'Registrera och skapa nyckel',
    registering: 'Registrerar …',
    keyCreatedTitle: '{name} är registrerat',
    keyOnce: 'Nyckeln visas bara nu och kan inte visas igen. Kopiera den och lämna över den på ett säkert sätt till den som konfigurerar journalsystemet, aldrig med vanlig e-post. Den som har nyckeln kan läsa enhetens formulärsvar.',
    keyLabel: 'API-nyckel för {name}',
    copyKey: 'Kopiera nyckeln',
    keyCopied: 'Nyckeln är kopierad.',
    keyByHand: 'Nyckeln kunde inte kopieras automatiskt. Den är markerad: kopiera den med Ctrl+C (⌘+C på Mac).',
    keyDone: 'Klar, dölj nyckeln',
  },
  en: {
    recordsTitle: 'Record systems',
    recordsIntro: 'A record system, for example Cosmic or TakeCare, can send forms to patients from {unit}, fetch the answers and store them in the record. The system uses Blankett\'s API with a key of its own. Everything it does is written in the unit\'s audit log with the system\'s name.',
    recordsCaption: 'Record systems at the unit',
    recordsNone: 'The unit has no registered record systems.',
    colRecordName: 'Name',
    colRecordCreated: 'Registered',
    colRecordState: 'Key',
    colRecordAction: 'Action',
    recordActive: 'Active',
    recordRevoked: 'Revoked {at}',
    revokeKey: 'Revoke key',
    revokeKeyOf: 'of {name}',
    askRevoke: 'Revoke the key of {name}?',
    askRevokeText: '{name} can no longer create, read or cancel forms, from its next call on. This cannot be undone: to connect the system again, register it anew and get a new key. Forms the system already created stay.',
    recordRevokedNow: 'The key of {name} has been revoked.',
    recordChangeFailed: 'The change for {name} did not go through: {reason}',
    registerHeading: 'Register a record system',
    registerIntro: 'The system gets an API key that is shown only once, when it has been registered.',
    recordName: 'The system\'s name',
    recordNameHint: 'As it is to read in the audit log, for example Cosmic, Emergency unit. 1–100 characters.',
    recordNameEmpty: 'Enter the system\'s name.',
    recordNameLong: 'The name can have at most 100 characters.',
    registerButton: 'Register and create key',
    registering: 'Registering …',
    keyCreatedTitle: '{name} has been registered',
    keyOnce: 'The key is shown only now and cannot be shown again. Copy it and hand it over safely to whoever configures the record system, never by ordinary e-mail. Whoever has the key can read the unit\'s form answers.',
    keyLabel: 'API key for {name}',
    copyKey: 'Copy the key',
    keyCopied: 'The key has been copied.',
    keyByHand: 'The key could not be copied automatically. It is selected: copy it with Ctrl+C (⌘+C on a Mac).',
    keyDone: 'Done, hide the key',
  },
});

// ---- The page's markup -----------------------------------------------------------------------------------
function systemRow(a, x) {
  return html`<tr class=${x.revoked_at ? 'is-disabled' : ''}>
    <th scope="row" data-label=${t('colRecordName')}>${x.name}</th>
    <td data-label=${t('colRecordCreated')}>${dateTime(x.created_at)}</td>
    <td data-label=${t('colRecordState')}>${x.revoked_at ? html`<span class="warn-text">${t('recordRevoked', { at: dateTime(x.revoked_at) })}</span>`
      : t('recordActive')}</td>
    <td data-label=${t('colRecordAction')}>${x.revoked_at ? '–' : html`<button type="button" class="button secondary" id="revoke-${x.id}"
      @click=${() => a.revoke(x)}>${t('revokeKey')}<span class="visually-hidden"> ${t('revokeKeyOf', { name: x.name })}</span></button>`}</td>
  </tr>`;
}

function createdPart(c, a) {
  return html`<div class="created" id="created" tabindex="-1" aria-labelledby="created-title">
    <h3 id="created-title">${t('keyCreatedTitle', { name: c.name })}</h3>
    <div class="notice notice-warning" role="note"><p><strong>${t('keyOnce')}</strong></p></div>
    <div class="field">
      <label for="new-key">${t('keyLabel', { name: c.name })}</label>
      <div class="copy-row">
        <input type="text" id="new-key" class="mono wide" readonly autocomplete="off" spellcheck="false" .value=${c.key}>
        <button type="button" class="button secondary" id="copy-key" @click=${a.copy}>${t('copyKey')}</button>
        <span class="copied" role="status">${c.copied ? t('keyCopied') : ''}</span>
      </div>
    </div>
    ${c.byHand ? notice(t('keyByHand'), 'error') : nothing}
    <p><button type="button" class="button" id="created-done" @click=${a.doneCreated}>${t('keyDone')}</button></p>
  </div>`;
}

function registerPart(s, a) {
  const e = s.errors;
  return html`<section class="section" aria-labelledby="register-heading">
    <h2 id="register-heading" tabindex="-1">${t('registerHeading')}</h2>
    ${s.created ? createdPart(s.created, a) : html`<p>${t('registerIntro')}</p>
    <form class="stack" novalidate @submit=${a.register}>
      <div class="field">
        <label for="record-name">${t('recordName')}</label>
        <p class="hint" id="record-name-hint">${t('recordNameHint')}</p>${fieldError(e, 'record-name')}
        <input type="text" id="record-name" autocomplete="off" .value=${s.name}
          aria-describedby=${describedBy(e, 'record-name', 'record-name-hint')} aria-invalid=${invalid(e, 'record-name')}
          @input=${(ev) => { s.name = ev.target.value; }}>
      </div>
      <div>
        <button type="submit" class="button" id="register-system" ?disabled=${s.busy}>${t('registerButton')}</button>
        ${s.busy ? html`<span class="loading" role="status">${t('registering')}</span>` : nothing}
      </div>
    </form>`}
  </section>`;
}

// state: {systems, name, errors, message, busy, created: {name, key, copied, byHand} | null}; actions below.
export function view(s, a) {
  return html`${adminNav('#/administrera/journalsystem')}<h1>${t('recordsTitle')}</h1>${errorSummary(s.errors)}
    <p>${t('recordsIntro', { unit: unit()?.name ?? '' })}</p>
    <div id="records-message" tabindex="-1">${s.message ? notice(s.message.text, s.message.kind) : nothing}</div>
    ${s.systems.length ? html`<div class="table-wrap"><table class="list" id="record-systems">
      <caption class="visually-hidden">${t('recordsCaption')}</caption>
      <thead><tr><th scope="col">${t('colRecordName')}</th><th scope="col">${t('colRecordCreated')}</th>
        <th scope="col">${t('colRecordState')}</th><th scope="col">${t('colRecordAction')}</th></tr></thead>
      <tbody>${repeat(s.systems, (x) => x.id, (x) => systemRow(a, x))}</tbody>
    </table></div>` : html`<p id="record-systems-none">${t('recordsNone')}</p>`}
    ${registerPart(s, a)}`;
}

// ---- Entering the address ----------------------------------------------------------------------------------
// The new key stays while it is on screen, so that a change of language (which draws the page again)
// does not lose it; leaving the page or the session does.
let shown = null;
onSessionChange((me) => { if (!me) shown = null; });

export async function enter() {
  const current = visit();
  const kept = shown && document.getElementById('created') ? shown : null;
  const s = { systems: (await adminApi.recordSystems()).json.systems, name: '', errors: [], message: null, busy: false, created: kept };
  shown = kept;
  const draw = () => { if (current()) show(t('recordsTitle'), view(s, a)); };
  const reload = async () => { s.systems = (await adminApi.recordSystems()).json.systems; };
  const formFailed = (text) => {
    s.errors = [{ field: 'record-name', text }];
    draw();
    focusSummary();
  };

  const a = {
    async register(ev) {
      ev.preventDefault();
      const name = s.name.trim();
      s.message = null;
      if (!name) return formFailed(t('recordNameEmpty'));
      if ([...name].length > 100) return formFailed(t('recordNameLong'));
      s.errors = [];
      s.busy = true;
      draw();
      try {
        const r = (await adminApi.registerRecordSystem(name)).json;
        s.created = { name, key: r.key, copied: false, byHand: false };
        shown = s.created;
        s.name = '';
        await reload();
      } catch (e) {
        s.busy = false;
        if (leftPage(e)) return;
        if (e instanceof ApiError && e.field === 'name') return formFailed(t('recordNameEmpty'));
        return formFailed(messageOf(e));
      }
      s.busy = false;
      draw();
      document.getElementById('created')?.focus();
    },
    async revoke(x) {
      const yes = await confirmDialog({ title: t('askRevoke', { name: x.name }), text: t('askRevokeText', { name: x.name }), yes: t('revokeKey') });
      if (!yes) return;
      try {
        await adminApi.revokeRecordSystem(x.id);
        await reload();
        s.message = { text: t('recordRevokedNow', { name: x.name }), kind: 'info' };
      } catch (e) {
        if (leftPage(e)) return;
        s.message = { text: t('recordChangeFailed', { name: x.name, reason: messageOf(e) }), kind: 'error' };
      }
      s.errors = [];
      draw();
      // The button is gone with the key: focus goes to the outcome.
      document.getElementById('records-message')?.focus();
    },
    copy: () => copyOnce(s.created, s.created.key, 'new-key', draw),
    doneCreated() {
      s.created = null;
      shown = null;
      draw();
      document.getElementById('register-heading')?.focus();
    },
  };
  draw();
  focusMain();
}
