// Enhetens inställningar (#/administrera/enhet): whether the unit's name is in the e-mail and SMS that
// tell a citizen a message is waiting, the unit's e-mail address for messages to the unit
// (funktionsbrevlåda), and its deletion rule (gallringsregel: none, or N days after Gallras efter or
// after the answer was documented; the server's nightly run, server/retention.h), and its HSA-id (how
// record systems know the unit) (GET / PUT /admin/unit).
import { ApiError } from '../lib/api.js';
import { focusMain, show } from '../lib/dom.js';
import { html, nothing } from '../lib/html.js';
import { addTexts, messageOf, t } from '../lib/i18n.js';
import { adminApi, adminNav } from './admin-parts.js';
import { leftPage } from './design-admin-parts.js';
import { describedBy, errorSummary, fieldError, focusSummary, invalid, visit } from './parts.js';
import { unit } from './session.js';

addTexts({
  sv: {
    unitSettingsTitle: 'Enhetens inställningar',
    unitSettingsIntro: 'Inställningarna gäller {unit}.',
    notificationsLegend: 'Aviseringar',
    nameInNotifications: 'Visa enhetens namn i aviseringar',
    nameInNotificationsHint: 'När en invånare får ett formulär eller meddelande kan hen få en avisering med e-post eller sms. Med bocken står enhetens namn i aviseringen. Ta bort bocken om redan enhetens namn kan avslöja något känsligt, till exempel en mottagning för beroendevård; aviseringen säger då bara att ett meddelande väntar.',
    saveUnitSettings: 'Spara',
    unitSettingsSaved: 'Inställningen är sparad: enhetens namn visas i aviseringar.',
    unitSettingsSavedOff: 'Inställningen är sparad: enhetens namn visas inte i aviseringar.',
    unitSettingsFailed: 'Inställningen sparades inte: {reason}',
    unitEmailLegend: 'Enhetens e-postadress',
    unitEmail: 'E-postadress (funktionsbrevlåda)',
    unitEmailHint: 'Hit skickar Blankett meddelanden till enheten, till exempel varningen dagen före en gallring. Använd en gemensam brevlåda, inte en persons.',
    unitEmailBad: 'Skriv enhetens e-postadress som namn@exempel.se.',
    retentionLegend: 'Gallringsregel',
    retentionHint: 'Med en gallringsregel raderar Blankett enhetens formulärsvar automatiskt varje natt klockan 02.00. Svaren raderas helt, med bilagor och exporterade filer, och kan inte återskapas. Dagen före skickas en varning till enhetens e-postadress.',
    retentionNone: 'Ingen automatisk gallring',
    retentionDeleteAfter: 'Ett antal dagar efter datumet i Gallras efter',
    retentionDocumented: 'Ett antal dagar efter att svaret markerats som dokumenterat',
    retentionDays: 'Antal dagar',
    retentionDaysHint: '0–3650 dagar. 0 betyder natten efter själva dagen.',
    retentionDaysBad: 'Skriv antal dagar som ett heltal från 0 till 3650.',
    unitEmailSaved: 'Enhetens e-postadress: {email}.',
    unitEmailSavedNone: 'Enheten har ingen e-postadress.',
    retentionSavedNone: 'Gallringsregel: ingen automatisk gallring.',
    retentionSavedDeleteAfter: 'Gallringsregel: {days} dagar efter datumet i Gallras efter.',
    retentionSavedDocumented: 'Gallringsregel: {days} dagar efter att svaret markerats som dokumenterat.',
    retentionNoEmail: 'Enheten har ingen e-postadress, så ingen får varningen dagen före gallring.',
    hsaLegend: 'HSA-id',
    hsaId: 'Enhetens HSA-id',
    hsaIdHint: 'Enhetens id i HSA-katalogen, till exempel SE2321000032-abc123. Journalsystem känner igen enheten på det. Lämna tomt om enheten inte har något.',
    hsaIdBad: 'Skriv HSA-id som SE, siffror, bindestreck och bokstäver eller siffror, högst 31 tecken. Till exempel SE2321000032-abc123.',
    hsaIdSaved: 'HSA-id: {id}.',
    hsaIdSavedNone: 'Enheten har inget HSA-id.',
  },
  en: {
    unitSettingsTitle: 'Unit settings',
    unitSettingsIntro: 'The settings apply to {unit}.',
    notificationsLegend: 'Notifications',
    nameInNotifications: 'Show the unit\'s name in notifications',
    nameInNotificationsHint: 'When a citizen is sent a form or message they may get a notification by e-mail or SMS. With the tick the unit\'s name is in the notification. Remove the tick if the unit\'s name alone may reveal something sensitive, for example an addiction clinic; the notification then only says that a message is waiting.',
    saveUnitSettings: 'Save',
    unitSettingsSaved: 'The setting has been saved: the unit\'s name is shown in notifications.',
    unitSettingsSavedOff: 'The setting has been saved: the unit\'s name is not shown in notifications.',
    unitSettingsFailed: 'The setting was not saved: {reason}',
    unitEmailLegend: 'The unit\'s e-mail address',
    unitEmail: 'E-mail address (shared mailbox)',
    unitEmailHint: 'Blankett sends messages to the unit here, for example the warning the day before answers are deleted. Use a shared mailbox, not a person\'s.',
    unitEmailBad: 'Write the unit\'s e-mail address as name@example.com.',
    retentionLegend: 'Deletion rule',
    retentionHint: 'With a deletion rule Blankett deletes the unit\'s form answers automatically every night at 02:00. The answers are deleted completely, with attachments and exported files, and cannot be restored. The day before, a warning is sent to the unit\'s e-mail address.',
    retentionNone: 'No automatic deletion',
    retentionDeleteAfter: 'A number of days after the Delete after date',
    retentionDocumented: 'A number of days after the answer was marked documented',
    retentionDays: 'Number of days',
    retentionDaysHint: '0–3650 days. 0 means the night after the day itself.',
    retentionDaysBad: 'Write the number of days as a whole number from 0 to 3650.',
    unitEmailSaved: 'The unit\'s e-mail address: {email}.',
    unitEmailSavedNone: 'The unit has no e-mail address.',
    retentionSavedNone: 'Deletion rule: no automatic deletion.',
    retentionSavedDeleteAfter: 'Deletion rule: {days} days after the Delete after date.',
    retentionSavedDocumented: 'Deletion rule: {days} days after the answer was marked documented.',
    retentionNoEmail: 'The unit has no e-mail address, so nobody gets the warning the day before deletion.',
    hsaLegend: 'HSA-id',
    hsaId: 'The unit\'s HSA-id',
    hsaIdHint: 'The unit\'s id in the HSA directory, for example SE2321000032-abc123. Record systems know the unit by it. Leave it empty if the unit has none.',
    hsaIdBad: 'Write the HSA-id as SE, digits, a hyphen and letters or digits, at most 31 characters. For example SE2321000032-abc123.',
    hsaIdSaved: 'HSA-id: {id}.',
    hsaIdSavedNone: 'The unit has no HSA-id.',
  },
});

const emailOk = (e) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) && e.length <= 254;
const hsaOk = (h) => /^SE[0-9]+-[A-Za-z0-9]+$/.test(h) && h.length <= 31;
const ruleKeys = { none: 'retentionNone', delete_after: 'retentionDeleteAfter', documented: 'retentionDocumented' };

// The form's state from the server's settings.
const fromServer = (u) => ({
  on: u.name_in_notifications, email: u.email ?? '', rule: u.retention?.after ?? 'none', days: String(u.retention?.days ?? 30),
  hsa: u.hsa_id ?? '',
});

// The receipt's lines for what was saved.
function receipt(u) {
  const lines = [t(u.name_in_notifications ? 'unitSettingsSaved' : 'unitSettingsSavedOff'),
    u.email ? t('unitEmailSaved', { email: u.email }) : t('unitEmailSavedNone'),
    !u.retention ? t('retentionSavedNone')
      : t(u.retention.after === 'documented' ? 'retentionSavedDocumented' : 'retentionSavedDeleteAfter', { days: u.retention.days })];
  if (u.retention && !u.email) lines.push(t('retentionNoEmail'));
  lines.push(u.hsa_id ? t('hsaIdSaved', { id: u.hsa_id }) : t('hsaIdSavedNone'));
  return lines;
}

// state: {on, email, rule, days, busy, errors, saved (lines), failed (text)}; actions: {save(ev)}.
export function view(s, a) {
  const e = s.errors;
  return html`${adminNav('#/administrera/enhet')}<h1>${t('unitSettingsTitle')}</h1>${errorSummary(e)}
    <p>${t('unitSettingsIntro', { unit: unit()?.name ?? '' })}</p>
    <div id="unit-message" tabindex="-1">${s.saved ? html`<div class="notice notice-info" role="status">${s.saved.map((line) => html`<p>${line}</p>`)}</div>`
      : s.failed ? html`<p class="notice notice-error" role="alert">${s.failed}</p>` : nothing}</div>
    <form class="stack" novalidate @submit=${a.save}>
      <fieldset class="box">
        <legend>${t('notificationsLegend')}</legend>
        <div class="option">
          <input type="checkbox" id="name-in-notifications" .checked=${s.on} aria-describedby="name-in-notifications-hint"
            @change=${(ev) => { s.on = ev.target.checked; }}>
          <label for="name-in-notifications">${t('nameInNotifications')}</label>
        </div>
        <p class="hint" id="name-in-notifications-hint">${t('nameInNotificationsHint')}</p>
      </fieldset>
      <fieldset class="box">
        <legend>${t('unitEmailLegend')}</legend>
        <div class="field">
          <label for="unit-email">${t('unitEmail')}</label>
          <p class="hint" id="unit-email-hint">${t('unitEmailHint')}</p>${fieldError(e, 'unit-email')}
          <input type="email" id="unit-email" autocomplete="off" spellcheck="false" .value=${s.email}
            aria-describedby=${describedBy(e, 'unit-email', 'unit-email-hint')} aria-invalid=${invalid(e, 'unit-email')}
            @input=${(ev) => { s.email = ev.target.value.trim(); }}>
        </div>
      </fieldset>
      <fieldset class="box" aria-describedby="retention-hint">
        <legend>${t('retentionLegend')}</legend>
        <p class="hint" id="retention-hint">${t('retentionHint')}</p>
        ${['none', 'delete_after', 'documented'].map((rule) => html`<div class="option">
          <input type="radio" name="retention" id="retention-${rule}" value=${rule} .checked=${s.rule === rule}
            @change=${() => { s.rule = rule; a.redraw(); }}>
          <label for="retention-${rule}">${t(ruleKeys[rule])}</label></div>`)}
        ${s.rule !== 'none' ? html`<div class="field">
          <label for="retention-days">${t('retentionDays')}</label>
          <p class="hint" id="retention-days-hint">${t('retentionDaysHint')}</p>${fieldError(e, 'retention-days')}
          <input type="text" inputmode="numeric" id="retention-days" class="narrow" autocomplete="off" .value=${s.days}
            aria-describedby=${describedBy(e, 'retention-days', 'retention-days-hint')} aria-invalid=${invalid(e, 'retention-days')}
            @input=${(ev) => { s.days = ev.target.value.trim(); }}>
        </div>` : nothing}
      </fieldset>
      <fieldset class="box">
        <legend>${t('hsaLegend')}</legend>
        <div class="field">
          <label for="unit-hsa-id">${t('hsaId')}</label>
          <p class="hint" id="unit-hsa-id-hint">${t('hsaIdHint')}</p>${fieldError(e, 'unit-hsa-id')}
          <input type="text" id="unit-hsa-id" autocomplete="off" spellcheck="false" autocapitalize="characters" .value=${s.hsa}
            aria-describedby=${describedBy(e, 'unit-hsa-id', 'unit-hsa-id-hint')} aria-invalid=${invalid(e, 'unit-hsa-id')}
            @input=${(ev) => { s.hsa = ev.target.value.trim(); }}>
        </div>
      </fieldset>
      <button type="submit" class="button" id="save-unit" ?disabled=${s.busy}>${t('saveUnitSettings')}</button>
    </form>`;
}

export async function enter() {
  const current = visit();
  const s = { ...fromServer((await adminApi.unitSettings()).json), busy: false, errors: [], saved: null, failed: null };
  const draw = () => { if (current()) show(t('unitSettingsTitle'), view(s, a)); };
  const a = {
    redraw: draw,
    async save(ev) {
      ev.preventDefault();
      s.saved = null;
      s.failed = null;
      s.errors = [];
      if (s.email && !emailOk(s.email)) s.errors.push({ field: 'unit-email', text: t('unitEmailBad') });
      const days = Number(s.days);
      if (s.rule !== 'none' && !(/^\d{1,4}$/.test(s.days) && days <= 3650)) s.errors.push({ field: 'retention-days', text: t('retentionDaysBad') });
      if (s.hsa && !hsaOk(s.hsa)) s.errors.push({ field: 'unit-hsa-id', text: t('hsaIdBad') });
      if (s.errors.length) {
        draw();
        focusSummary();
        return;
      }
      s.busy = true;
      draw();
      try {
        const saved = (await adminApi.setUnitSettings({
          name_in_notifications: s.on, email: s.email || null, retention: s.rule === 'none' ? null : { days, after: s.rule },
          hsa_id: s.hsa || null,
        })).json;
        Object.assign(s, fromServer(saved));
        s.saved = receipt(saved);
      } catch (e) {
        s.busy = false;
        if (leftPage(e)) return;
        const field = e instanceof ApiError ? { email: 'unit-email', 'retention.days': 'retention-days', hsa_id: 'unit-hsa-id' }[e.field] : null;
        if (field) {
          s.errors = [{ field, text: t({ 'unit-email': 'unitEmailBad', 'retention-days': 'retentionDaysBad', 'unit-hsa-id': 'hsaIdBad' }[field]) }];
          draw();
          focusSummary();
          return;
        }
        s.failed = t('unitSettingsFailed', { reason: messageOf(e) });
      }
      s.busy = false;
      draw();
      document.getElementById('unit-message')?.focus();
    },
  };
  draw();
  focusMain();
}
