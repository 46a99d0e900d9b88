// Personal och behörigheter (#/administrera/personal): the unit's staff (GET /admin/staff) with their
// roles as checkboxes (a change is granted or revoked at once: POST / DELETE /admin/roles; one's own
// admin role cannot be removed, and says so), Stäng av / Aktivera konto (PUT /admin/staff/{id}; turning
// off is confirmed), Ny användare (POST /admin/staff: user name, name, first role; the password shown
// once with a copy button and the advice to hand it over safely), and a role for an existing user.
//
// Sections: texts · checks · the page's markup (view) · entering the address (enter).
import { ApiError } from '../lib/api.js';
import { announce, focusMain, notice, show } from '../lib/dom.js';
import { html, nothing, repeat } from '../lib/html.js';
import { addTexts, messageOf, t } from '../lib/i18n.js';
import { adminApi, adminNav, copyOnce, roles } from './admin-parts.js';
import { confirmDialog, leftPage } from './design-admin-parts.js';
import { describedBy, errorSummary, fieldError, focusSummary, invalid, visit } from './parts.js';
import { loadMe, onSessionChange, staff } from './session.js';
import { roleKeys } from './texts.js';

// ---- Texts ---------------------------------------------------------------------------------------------
addTexts({
  sv: {
    staffPageTitle: 'Personal och behörigheter',
    staffPageIntro: 'Personal med behörighet på enheten. En bock ger behörigheten direkt och en borttagen bock tar bort den direkt, också för den som är inloggad just nu.',
    staffCaption: 'Personal på enheten',
    colStaffName: 'Namn',
    colStaffUser: 'Användarnamn',
    colStaffRoles: 'Behörigheter',
    colStaffAccount: 'Konto',
    rolesFor: 'Behörigheter för {name}',
    selfAdmin: 'Din egen administratörsbehörighet kan inte tas bort. Be en annan administratör om det behövs.',
    accountActive: 'Aktivt',
    accountDisabled: 'Avstängt',
    accountYours: 'Ditt konto',
    disableAccount: 'Stäng av konto',
    enableAccount: 'Aktivera konto',
    accountOf: 'för {name}',
    askDisable: 'Stänga av kontot för {name}?',
    askDisableText: '{name} loggas ut direkt och kan inte logga in förrän kontot aktiveras igen. Behörigheterna finns kvar.',
    disabledNow: 'Kontot för {name} är avstängt.',
    enabledNow: 'Kontot för {name} är aktiverat igen.',
    grantedNow: '{name} har nu behörigheten {role}.',
    revokedNow: '{name} har inte längre behörigheten {role}.',
    askLastRole: 'Ta bort den sista behörigheten för {name}?',
    askLastRoleText: '{name} har då ingen behörighet kvar på enheten och försvinner ur listan. Du kan ge behörighet igen under Ge behörighet till en befintlig användare.',
    removeRole: 'Ta bort behörigheten',
    staffChangeFailed: 'Ändringen för {name} gick inte igenom: {reason}',
    newUserHeading: 'Ny användare',
    newUserIntro: 'Kontot får ett lösenord som visas en enda gång, när kontot är skapat.',
    newUsername: 'Användarnamn',
    newUsernameHint: '2–64 tecken: små bokstäver a–z, siffror, punkt, bindestreck och understreck. Till exempel anna.berg.',
    newName: 'Namn',
    newNameHint: 'Förnamn och efternamn, som kollegor ser det.',
    firstRole: 'Första behörighet',
    firstRoleHint: 'Fler behörigheter ger du i listan när kontot finns.',
    createUser: 'Skapa användare',
    creatingUser: 'Skapar användaren …',
    usernameBad: 'Användarnamnet ska ha 2–64 tecken: små bokstäver a–z, siffror, punkt, bindestreck eller understreck.',
    usernameEmpty: 'Skriv ett användarnamn.',
    nameEmpty: 'Skriv personens namn.',
    nameLong: 'Namnet får ha högst 200 tecken.',
    usernameTaken: 'Användarnamnet {username} är upptaget. Finns personen redan i Blankett, ge hen behörighet under Ge behörighet till en befintlig användare.',
    createdTitle: 'Användaren {username} är skapad',
    createdRole: '{name} har behörigheten {role} på enheten.',
    createdOnce: 'Lösenordet visas bara nu. Lämna över det på ett säkert sätt: personligen eller per telefon, aldrig i samma meddelande som användarnamnet och aldrig med vanlig e-post.',
    createdPassword: 'Lösenord för {username}',
    copyPassword: 'Kopiera lösenordet',
    passwordCopied: 'Lösenordet är kopierat.',
    passwordByHand: 'Lösenordet kunde inte kopieras automatiskt. Det är markerat: kopiera det med Ctrl+C (⌘+C på Mac).',
    createdDone: 'Klar, dölj lösenordet',
    grantHeading: 'Ge behörighet till en befintlig användare',
    grantIntro: 'För den som redan har ett konto i Blankett, till exempel på en annan enhet, eller som inte har någon behörighet kvar här.',
    grantUsername: 'Användarnamn',
    grantRole: 'Behörighet',
    grantButton: 'Ge behörighet',
    grantUnknown: 'Det finns ingen användare med användarnamnet {username}.',
    grantedTo: '{username} har nu behörigheten {role} på enheten.',
  },
  en: {
    staffPageTitle: 'Staff and roles',
    staffPageIntro: 'Staff with roles at the unit. A tick grants the role at once and removing a tick removes it at once, also for someone logged in right now.',
    staffCaption: 'Staff at the unit',
    colStaffName: 'Name',
    colStaffUser: 'User name',
    colStaffRoles: 'Roles',
    colStaffAccount: 'Account',
    rolesFor: 'Roles of {name}',
    selfAdmin: 'Your own administrator role cannot be removed. Ask another administrator if needed.',
    accountActive: 'Active',
    accountDisabled: 'Turned off',
    accountYours: 'Your account',
    disableAccount: 'Turn off account',
    enableAccount: 'Turn on account',
    accountOf: 'of {name}',
    askDisable: 'Turn off the account of {name}?',
    askDisableText: '{name} is logged out at once and cannot log in until the account is turned on again. The roles stay.',
    disabledNow: 'The account of {name} is turned off.',
    enabledNow: 'The account of {name} is turned on again.',
    grantedNow: '{name} now has the role {role}.',
    revokedNow: '{name} no longer has the role {role}.',
    askLastRole: 'Remove the last role of {name}?',
    askLastRoleText: '{name} then has no role left at the unit and leaves the list. You can grant a role again under Grant a role to an existing user.',
    removeRole: 'Remove the role',
    staffChangeFailed: 'The change for {name} did not go through: {reason}',
    newUserHeading: 'New user',
    newUserIntro: 'The account gets a password that is shown only once, when the account has been created.',
    newUsername: 'User name',
    newUsernameHint: '2–64 characters: lower-case letters a–z, digits, full stop, hyphen and underscore. For example anna.berg.',
    newName: 'Name',
    newNameHint: 'First name and surname, as colleagues see it.',
    firstRole: 'First role',
    firstRoleHint: 'You grant more roles in the list once the account exists.',
    createUser: 'Create user',
    creatingUser: 'Creating the user …',
    usernameBad: 'The user name has 2–64 characters: lower-case letters a–z, digits, full stop, hyphen or underscore.',
    usernameEmpty: 'Enter a user name.',
    nameEmpty: 'Enter the person\'s name.',
    nameLong: 'The name can have at most 200 characters.',
    usernameTaken: 'The user name {username} is taken. If the person is in Blankett already, grant them a role under Grant a role to an existing user.',
    createdTitle: 'The user {username} has been created',
    createdRole: '{name} has the role {role} at the unit.',
    createdOnce: 'The password is shown only now. Hand it over safely: in person or by phone, never in the same message as the user name and never by ordinary e-mail.',
    createdPassword: 'Password for {username}',
    copyPassword: 'Copy the password',
    passwordCopied: 'The password has been copied.',
    passwordByHand: 'The password could not be copied automatically. It is selected: copy it with Ctrl+C (⌘+C on a Mac).',
    createdDone: 'Done, hide the password',
    grantHeading: 'Grant a role to an existing user',
    grantIntro: 'For someone who already has a Blankett account, for example at another unit, or who has no role left here.',
    grantUsername: 'User name',
    grantRole: 'Role',
    grantButton: 'Grant role',
    grantUnknown: 'There is no user with the user name {username}.',
    grantedTo: '{username} now has the role {role} at the unit.',
  },
});

const roleName = (r) => t(roleKeys[r] ?? r);

// ---- Checks ------------------------------------------------------------------------------------------
const usernameOk = (u) => /^[a-z0-9._-]{2,64}$/.test(u);

function checkNewUser(n) {
  const errors = [];
  if (!n.username) errors.push({ field: 'new-username', text: t('usernameEmpty') });
  else if (!usernameOk(n.username)) errors.push({ field: 'new-username', text: t('usernameBad') });
  if (!n.name.trim()) errors.push({ field: 'new-name', text: t('nameEmpty') });
  else if (n.name.trim().length > 200) errors.push({ field: 'new-name', text: t('nameLong') });
  return errors;
}

// ---- The page's markup -----------------------------------------------------------------------------------
function staffRow(s, a, m) {
  const self = m.id === s.me.id;
  const box = (r) => {
    const locked = self && r === 'admin';
    return html`<div class="option">
      <input type="checkbox" id="role-${m.id}-${r}" .checked=${m.roles.includes(r)} ?disabled=${locked}
        aria-describedby=${locked ? 'self-admin-hint' : nothing} @change=${(ev) => a.toggle(m, r, ev.target)}>
      <label for="role-${m.id}-${r}">${roleName(r)}</label>
    </div>`;
  };
  return html`<tr class=${m.disabled ? 'is-disabled' : ''}>
    <th scope="row" data-label=${t('colStaffName')}>${m.name}</th>
    <td data-label=${t('colStaffUser')}><code>${m.username}</code></td>
    <td class="cell-stack" data-label=${t('colStaffRoles')}><div>
      <fieldset class="role-boxes">
        <legend class="visually-hidden">${t('rolesFor', { name: m.name })}</legend>
        ${roles.map(box)}
      </fieldset>
      ${self ? html`<p class="hint" id="self-admin-hint">${t('selfAdmin')}</p>` : nothing}
    </div></td>
    <td data-label=${t('colStaffAccount')}><div>
      <p class="account-state ${m.disabled ? 'warn-text' : ''}">${m.disabled ? t('accountDisabled') : t('accountActive')}</p>
      ${self ? html`<p class="meta">${t('accountYours')}</p>` : html`<button type="button" class="button secondary" id="account-${m.id}"
        @click=${() => a.account(m)}>${m.disabled ? t('enableAccount') : t('disableAccount')}<span class="visually-hidden"> ${
        t('accountOf', { name: m.name })}</span></button>`}
    </div></td>
  </tr>`;
}

function createdPart(c, a) {
  return html`<div class="created" id="created" tabindex="-1" aria-labelledby="created-title">
    <h3 id="created-title">${t('createdTitle', { username: c.username })}</h3>
    <p>${t('createdRole', { name: c.name, role: roleName(c.role) })}</p>
    <div class="notice notice-warning" role="note"><p><strong>${t('createdOnce')}</strong></p></div>
    <div class="field">
      <label for="new-password">${t('createdPassword', { username: c.username })}</label>
      <div class="copy-row">
        <input type="text" id="new-password" class="mono" readonly autocomplete="off" spellcheck="false" .value=${c.password}>
        <button type="button" class="button secondary" id="copy-password" @click=${a.copy}>${t('copyPassword')}</button>
        <span class="copied" role="status">${c.copied ? t('passwordCopied') : ''}</span>
      </div>
    </div>
    ${c.byHand ? notice(t('passwordByHand'), 'error') : nothing}
    <p><button type="button" class="button" id="created-done" @click=${a.doneCreated}>${t('createdDone')}</button></p>
  </div>`;
}

function newUserPart(s, a) {
  const e = s.errors;
  const n = s.newUser;
  return html`<section class="section" aria-labelledby="new-user-heading">
    <h2 id="new-user-heading">${t('newUserHeading')}</h2>
    ${s.created ? createdPart(s.created, a) : html`<p>${t('newUserIntro')}</p>
    <form class="stack" novalidate @submit=${a.create}>
      <div class="field">
        <label for="new-username">${t('newUsername')}</label>
        <p class="hint" id="new-username-hint">${t('newUsernameHint')}</p>${fieldError(e, 'new-username')}
        <input type="text" id="new-username" autocomplete="off" autocapitalize="none" spellcheck="false" .value=${n.username}
          aria-describedby=${describedBy(e, 'new-username', 'new-username-hint')} aria-invalid=${invalid(e, 'new-username')}
          @input=${(ev) => { n.username = ev.target.value.trim(); }}>
      </div>
      <div class="field">
        <label for="new-name">${t('newName')}</label>
        <p class="hint" id="new-name-hint">${t('newNameHint')}</p>${fieldError(e, 'new-name')}
        <input type="text" id="new-name" autocomplete="off" .value=${n.name}
          aria-describedby=${describedBy(e, 'new-name', 'new-name-hint')} aria-invalid=${invalid(e, 'new-name')}
          @input=${(ev) => { n.name = ev.target.value; }}>
      </div>
      <fieldset class="choices" aria-describedby="first-role-hint">
        <legend>${t('firstRole')}</legend>
        <p class="hint" id="first-role-hint">${t('firstRoleHint')}</p>
        <div class="options">${roles.map((r) => html`<div class="option">
          <input type="radio" name="first-role" id="first-role-${r}" value=${r} .checked=${n.role === r} @change=${() => { n.role = r; }}>
          <label for="first-role-${r}">${roleName(r)}</label>
        </div>`)}</div>
      </fieldset>
      <div>
        <button type="submit" class="button" id="create-user" ?disabled=${s.creating}>${t('createUser')}</button>
        ${s.creating ? html`<span class="loading" role="status">${t('creatingUser')}</span>` : nothing}
      </div>
    </form>`}
  </section>`;
}

function grantPart(s, a) {
  const e = s.errors;
  const g = s.grant;
  return html`<section class="section" aria-labelledby="grant-heading">
    <h2 id="grant-heading">${t('grantHeading')}</h2>
    <p>${t('grantIntro')}</p>
    <form class="inline-form" novalidate @submit=${a.grantExisting}>
      <div class="field">
        <label for="grant-username">${t('grantUsername')}</label>${fieldError(e, 'grant-username')}
        <input type="text" id="grant-username" autocomplete="off" autocapitalize="none" spellcheck="false" .value=${g.username}
          aria-describedby=${describedBy(e, 'grant-username')} aria-invalid=${invalid(e, 'grant-username')}
          @input=${(ev) => { g.username = ev.target.value.trim(); }}>
      </div>
      <div class="field">
        <label for="grant-role">${t('grantRole')}</label>
        <select id="grant-role" @change=${(ev) => { g.role = ev.target.value; }}>${roles.map((r) => html`
          <option value=${r} ?selected=${g.role === r}>${roleName(r)}</option>`)}</select>
      </div>
      <button type="submit" class="button secondary" id="grant-existing" ?disabled=${s.granting}>${t('grantButton')}</button>
    </form>
  </section>`;
}

// state: {staff, me, message, errors, newUser, created, creating, grant, granting}; actions below.
export function view(s, a) {
  return html`${adminNav('#/administrera/personal')}<h1>${t('staffPageTitle')}</h1>${errorSummary(s.errors)}
    <p>${t('staffPageIntro')}</p>
    <div id="staff-message" tabindex="-1">${s.message ? notice(s.message.text, s.message.kind) : nothing}</div>
    <div class="table-wrap"><table class="list staff-list" id="staff">
      <caption class="visually-hidden">${t('staffCaption')}</caption>
      <thead><tr><th scope="col">${t('colStaffName')}</th><th scope="col">${t('colStaffUser')}</th>
        <th scope="col">${t('colStaffRoles')}</th><th scope="col">${t('colStaffAccount')}</th></tr></thead>
      <tbody>${repeat(s.staff, (m) => m.id, (m) => staffRow(s, a, m))}</tbody>
    </table></div>
    ${newUserPart(s, a)}
    ${grantPart(s, a)}`;
}

// ---- Entering the address ----------------------------------------------------------------------------------
// The new account's password stays while it is on screen, so that a change of language (which draws
// the page again) does not lose it; leaving the page does.
let shown = null;
onSessionChange((me) => { if (!me) shown = null; });

export async function enter() {
  const current = visit();
  const kept = shown && document.getElementById('created') ? shown : null;
  const s = {
    staff: (await adminApi.staff()).json.staff, me: staff().staff, message: null, errors: [], busy: false,
    newUser: { username: '', name: '', role: 'sender' }, created: kept, creating: false,
    grant: { username: '', role: 'sender' }, granting: false,
  };
  shown = kept;
  const draw = () => { if (current()) show(t('staffPageTitle'), view(s, a)); };
  const reload = async () => { s.staff = (await adminApi.staff()).json.staff; };
  // The outcome of an action above the list: focus to it, or (focus: an element's id) focus stays on
  // that control and the text is announced.
  const say = (text, kind = 'info', focus = null) => {
    s.message = { text, kind };
    s.errors = [];  // a form's old problems are not this action's
    draw();
    if (focus) {
      document.getElementById(focus)?.focus();
      announce(text);
    } else {
      document.getElementById('staff-message')?.focus();
    }
  };
  const formFailed = (field, text) => {
    s.errors = [{ field, text }];
    draw();
    focusSummary();
  };
  // After a change to oneself, the header and the menu follow the roles the session has now.
  const touchedSelf = (m) => (m.id === s.me.id ? loadMe().catch(() => {}) : null);

  const a = {
    // One role box changed: granted or revoked at once; the last role is confirmed first.
    async toggle(m, role, input) {
      const on = input.checked;
      // lit-html sets .checked only when the value it draws changes: a change that does not happen is
      // undone here.
      const undo = () => { input.checked = m.roles.includes(role); };
      if (s.busy) return undo();
      if (!on && m.roles.length === 1) {
        const yes = await confirmDialog({
          title: t('askLastRole', { name: m.name }), text: t('askLastRoleText', { name: m.name }), yes: t('removeRole'),
        });
        if (!yes) return undo();
      }
      s.busy = true;
      try {
        await (on ? adminApi.grant(m.username, role) : adminApi.revoke(m.username, role));
        m.roles = on ? roles.filter((r) => r === role || m.roles.includes(r)) : m.roles.filter((r) => r !== role);
        if (!m.roles.length) await reload();
        await touchedSelf(m);
        s.busy = false;
        const text = t(on ? 'grantedNow' : 'revokedNow', { name: m.name, role: roleName(role) });
        // Focus stays on the box, unless the row has gone (no role left).
        say(text, 'info', m.roles.length ? input.id : null);
      } catch (e) {
        s.busy = false;
        undo();
        if (leftPage(e)) return;
        say(t('staffChangeFailed', { name: m.name, reason: messageOf(e) }), 'error', input.id);
      }
    },
    async account(m) {
      const off = !m.disabled;
      if (off) {
        const yes = await confirmDialog({
          title: t('askDisable', { name: m.name }), text: t('askDisableText', { name: m.name }), yes: t('disableAccount'),
        });
        if (!yes) return;
      }
      try {
        await adminApi.setDisabled(m.id, off);
        m.disabled = off;
        say(t(off ? 'disabledNow' : 'enabledNow', { name: m.name }), 'info', `account-${m.id}`);
      } catch (e) {
        if (leftPage(e)) return;
        say(t('staffChangeFailed', { name: m.name, reason: messageOf(e) }), 'error', `account-${m.id}`);
      }
    },
    async create(ev) {
      ev.preventDefault();
      const n = s.newUser;
      s.errors = checkNewUser(n);
      if (s.errors.length) {
        draw();
        focusSummary();
        return;
      }
      s.creating = true;
      draw();
      try {
        const r = (await adminApi.createStaff(n.username, n.name.trim(), n.role)).json;
        s.created = { username: r.username, password: r.password, name: n.name.trim(), role: n.role, copied: false, byHand: false };
        shown = s.created;
        s.newUser = { username: '', name: '', role: 'sender' };
        await reload();
      } catch (e) {
        s.creating = false;
        if (leftPage(e)) return;
        if (e instanceof ApiError && e.code === 'staff.exists') return formFailed('new-username', t('usernameTaken', { username: n.username }));
        if (e instanceof ApiError && e.code === 'request.value' && e.field === 'username') return formFailed('new-username', t('usernameBad'));
        if (e instanceof ApiError && e.code === 'request.value' && e.field === 'name') return formFailed('new-name', t('nameEmpty'));
        return formFailed('create-user', messageOf(e));
      }
      s.creating = false;
      s.errors = [];
      s.message = null;
      draw();
      document.getElementById('created')?.focus();
    },
    copy: () => copyOnce(s.created, s.created.password, 'new-password', draw),
    doneCreated() {
      s.created = null;
      shown = null;
      draw();
      document.getElementById('new-user-heading')?.setAttribute('tabindex', '-1');
      document.getElementById('new-user-heading')?.focus();
    },
    async grantExisting(ev) {
      ev.preventDefault();
      const g = s.grant;
      if (!g.username) return formFailed('grant-username', t('usernameEmpty'));
      s.granting = true;
      s.errors = [];
      draw();
      try {
        await adminApi.grant(g.username, g.role);
        await reload();
        const mine = s.staff.find((m) => m.username === g.username);
        if (mine) await touchedSelf(mine);
        s.granting = false;
        s.errors = [];
        const text = t('grantedTo', { username: g.username, role: roleName(g.role) });
        s.grant = { username: '', role: g.role };
        say(text);
      } catch (e) {
        s.granting = false;
        if (leftPage(e)) return;
        if (e instanceof ApiError && e.status === 404) return formFailed('grant-username', t('grantUnknown', { username: g.username }));
        return formFailed('grant-username', messageOf(e));
      }
    },
  };
  draw();
  focusMain();
}
