// Invånare (#/administrera/invanare): a citizen who has forms at the unit, found by personnummer (GET
// /admin/citizens?personnummer=, either written form; every lookup is in the audit log), and the two
// things an administrator changes (PUT /admin/citizens/{id}), each confirmed in a dialog: Lås
// inloggning / Lås upp (menprövning; locking ends the citizen's sessions) and Skyddad identitet on or
// off. The number stays out of the address.
import { ApiError } from '../lib/api.js';
import { focusMain, notice, show } from '../lib/dom.js';
import { html, nothing } from '../lib/html.js';
import { addTexts, messageOf, t } from '../lib/i18n.js';
import { adminApi, adminNav } from './admin-parts.js';
import { confirmDialog, leftPage } from './design-admin-parts.js';
import { describedBy, errorSummary, fieldError, focusSummary, invalid, visit } from './parts.js';

addTexts({
  sv: {
    citizensTitle: 'Invånare',
    citizensIntro: 'Sök fram en invånare som har formulär hos enheten för att låsa inloggningen (menprövning) eller markera skyddad identitet. Varje sökning skrivs i enhetens loggbok.',
    citizenPnr: 'Personnummer',
    citizenPnrHint: 'ÅÅÅÅMMDDNNNN eller ÅÅÅÅMMDD-NNNN.',
    citizenFind: 'Sök',
    citizenFinding: 'Söker …',
    citizenPnrEmpty: 'Skriv ett personnummer.',
    citizenPnrBad: 'Skriv personnumret som ÅÅÅÅMMDDNNNN eller ÅÅÅÅMMDD-NNNN.',
    citizenNotFound: 'Ingen invånare med det numret har formulär hos enheten.',
    citizenName: 'Namn',
    citizenLogin: 'Inloggning',
    citizenLocked: 'Låst (menprövning)',
    citizenOpen: 'Inte låst',
    citizenProtected: 'Skyddad identitet',
    citizenProtectedOn: 'Ja',
    citizenProtectedOff: 'Nej',
    lockLogin: 'Lås inloggning',
    unlockLogin: 'Lås upp inloggning',
    protectOn: 'Markera skyddad identitet',
    protectOff: 'Ta bort skyddad identitet',
    askLock: 'Låsa inloggningen för {name}?',
    askLockText: 'Invånaren loggas ut direkt och kan inte logga in eller få formulär med personnummer förrän inloggningen låses upp. Ändringen skrivs i loggboken hos alla enheter där invånaren har formulär.',
    askUnlock: 'Låsa upp inloggningen för {name}?',
    askUnlockText: 'Invånaren kan logga in och få formulär igen.',
    askProtectOn: 'Markera {name} med skyddad identitet?',
    askProtectOnText: 'Invånaren kan då inte få formulär med personnummer, bara med formulärlänk. Uppgiften ska komma från folkbokföringen.',
    askProtectOff: 'Ta bort skyddad identitet för {name}?',
    askProtectOffText: 'Invånaren kan få formulär med personnummer igen. Gör det bara när folkbokföringen inte längre anger skyddad identitet.',
    lockedNow: 'Inloggningen för {name} är låst.',
    unlockedNow: 'Inloggningen för {name} är upplåst.',
    protectedNow: '{name} är markerad med skyddad identitet.',
    unprotectedNow: '{name} är inte längre markerad med skyddad identitet.',
    citizenChangeFailed: 'Ändringen gick inte igenom: {reason}',
  },
  en: {
    citizensTitle: 'Citizens',
    citizensIntro: 'Find a citizen who has forms at the unit to lock their login or mark protected identity. Every search is written in the unit\'s audit log.',
    citizenPnr: 'Personal identity number',
    citizenPnrHint: 'YYYYMMDDNNNN or YYYYMMDD-NNNN.',
    citizenFind: 'Search',
    citizenFinding: 'Searching …',
    citizenPnrEmpty: 'Enter a personal identity number.',
    citizenPnrBad: 'Write the number as YYYYMMDDNNNN or YYYYMMDD-NNNN.',
    citizenNotFound: 'No citizen with that number has forms at the unit.',
    citizenName: 'Name',
    citizenLogin: 'Login',
    citizenLocked: 'Locked',
    citizenOpen: 'Not locked',
    citizenProtected: 'Protected identity',
    citizenProtectedOn: 'Yes',
    citizenProtectedOff: 'No',
    lockLogin: 'Lock login',
    unlockLogin: 'Unlock login',
    protectOn: 'Mark protected identity',
    protectOff: 'Remove protected identity',
    askLock: 'Lock the login of {name}?',
    askLockText: 'The citizen is logged out at once and cannot log in or be sent forms by number until the login is unlocked. The change is written in the audit log of every unit where the citizen has forms.',
    askUnlock: 'Unlock the login of {name}?',
    askUnlockText: 'The citizen can log in and be sent forms again.',
    askProtectOn: 'Mark {name} with protected identity?',
    askProtectOnText: 'The citizen can then not be sent forms by number, only by form link. The information should come from the population register.',
    askProtectOff: 'Remove protected identity for {name}?',
    askProtectOffText: 'The citizen can be sent forms by number again. Only do this when the population register no longer gives protected identity.',
    lockedNow: 'The login of {name} is locked.',
    unlockedNow: 'The login of {name} is unlocked.',
    protectedNow: '{name} is marked with protected identity.',
    unprotectedNow: '{name} is no longer marked with protected identity.',
    citizenChangeFailed: 'The change did not go through: {reason}',
  },
});

const pnrShape = /^\d{8}-?\d{4}$/;
const pnrText = (p) => (/^\d{12}$/.test(p) ? `${p.slice(0, 8)}-${p.slice(8)}` : p);

// The two changes: [field, on?, button, question, its text, done text].
const changes = {
  lock: ['locked', true, 'lockLogin', 'askLock', 'askLockText', 'lockedNow'],
  unlock: ['locked', false, 'unlockLogin', 'askUnlock', 'askUnlockText', 'unlockedNow'],
  protect: ['protected_identity', true, 'protectOn', 'askProtectOn', 'askProtectOnText', 'protectedNow'],
  unprotect: ['protected_identity', false, 'protectOff', 'askProtectOff', 'askProtectOffText', 'unprotectedNow'],
};

function found(s, a) {
  const c = s.citizen;
  const button = (which) => html`<button type="button" class="button secondary" id="citizen-${which}" ?disabled=${s.busy}
    @click=${() => a.change(which)}>${t(changes[which][2])}</button>`;
  return html`<section class="section citizen" aria-labelledby="citizen-heading">
    <h2 id="citizen-heading">${c.name}</h2>
    <dl class="summary-list" id="citizen-facts">
      <dt>${t('citizenName')}</dt><dd>${c.name}</dd>
      <dt>${t('citizenPnr')}</dt><dd>${pnrText(s.searched)}</dd>
      <dt>${t('citizenLogin')}</dt><dd id="citizen-login" class=${c.locked ? 'warn-text' : ''}>${c.locked ? t('citizenLocked') : t('citizenOpen')}</dd>
      <dt>${t('citizenProtected')}</dt><dd id="citizen-protected">${c.protected_identity ? t('citizenProtectedOn') : t('citizenProtectedOff')}</dd>
    </dl>
    <div id="citizen-message" tabindex="-1">${s.message ? notice(s.message.text, s.message.kind) : nothing}</div>
    <div class="row-buttons">
      ${button(c.locked ? 'unlock' : 'lock')}
      ${button(c.protected_identity ? 'unprotect' : 'protect')}
    </div>
  </section>`;
}

// state: {pnr, searched, citizen, errors, busy, message}; actions: {find, change}.
export function view(s, a) {
  const e = s.errors;
  return html`${adminNav('#/administrera/invanare')}<h1>${t('citizensTitle')}</h1>${errorSummary(e)}
    <p>${t('citizensIntro')}</p>
    <form class="inline-form" novalidate @submit=${a.find}>
      <div class="field">
        <label for="citizen-pnr">${t('citizenPnr')}</label>
        <p class="hint" id="citizen-pnr-hint">${t('citizenPnrHint')}</p>${fieldError(e, 'citizen-pnr')}
        <input type="text" id="citizen-pnr" inputmode="numeric" autocomplete="off" .value=${s.pnr}
          aria-describedby=${describedBy(e, 'citizen-pnr', 'citizen-pnr-hint')} aria-invalid=${invalid(e, 'citizen-pnr')}
          @input=${(ev) => { s.pnr = ev.target.value; }}>
      </div>
      <button type="submit" class="button" id="citizen-find" ?disabled=${s.busy}>${t('citizenFind')}</button>
    </form>
    ${s.busy && !s.citizen ? html`<p class="loading" role="status">${t('citizenFinding')}</p>` : nothing}
    ${s.notFound ? html`<div id="citizen-none" tabindex="-1">${notice(t('citizenNotFound'), 'error')}</div>` : nothing}
    ${s.citizen ? found(s, a) : nothing}`;
}

export function enter() {
  const current = visit();
  const s = { pnr: '', searched: '', citizen: null, notFound: false, errors: [], busy: false, message: null };
  const draw = () => { if (current()) show(t('citizensTitle'), view(s, a)); };
  const a = {
    async find(ev) {
      ev.preventDefault();
      const pnr = s.pnr.trim();
      s.citizen = null;
      s.notFound = false;
      s.message = null;
      s.errors = !pnr ? [{ field: 'citizen-pnr', text: t('citizenPnrEmpty') }]
        : !pnrShape.test(pnr) ? [{ field: 'citizen-pnr', text: t('citizenPnrBad') }] : [];
      if (s.errors.length) {
        draw();
        focusSummary();
        return;
      }
      s.busy = true;
      draw();
      try {
        s.citizen = (await adminApi.citizen(pnr)).json;
        s.searched = pnr.replace('-', '');
      } catch (e) {
        s.busy = false;
        if (leftPage(e)) return;
        if (e instanceof ApiError && e.status === 404) {
          s.notFound = true;
          draw();
          document.getElementById('citizen-none')?.focus();
          return;
        }
        s.errors = [{ field: 'citizen-pnr', text: messageOf(e) }];
        draw();
        focusSummary();
        return;
      }
      s.busy = false;
      draw();
      document.getElementById('citizen-heading')?.setAttribute('tabindex', '-1');
      document.getElementById('citizen-heading')?.focus();
    },
    async change(which) {
      const c = s.citizen;
      const [field, on, button, question, text, done] = changes[which];
      const yes = await confirmDialog({ title: t(question, { name: c.name }), text: t(text), yes: t(button) });
      if (!yes) return;
      s.busy = true;
      s.message = null;
      draw();
      try {
        await adminApi.changeCitizen(c.id, { [field]: on });
        c[field] = on;
        s.message = { text: t(done, { name: c.name }), kind: 'info' };
      } catch (e) {
        s.busy = false;
        if (leftPage(e)) return;
        s.message = { text: t('citizenChangeFailed', { reason: messageOf(e) }), kind: 'error' };
      }
      s.busy = false;
      draw();
      document.getElementById('citizen-message')?.focus();
    },
  };
  draw();
  focusMain();
}
