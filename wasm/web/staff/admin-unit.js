// Enhetens inställningar (#/administrera/enhet): whether the unit's name is in the e-mail and SMS that
// tell a citizen a message is waiting (GET / PUT /admin/unit); some units keep even their name out.
import { focusMain, notice, show } from '../lib/dom.js';
import { html, nothing } from '../lib/html.js';
import { addTexts, messageOf, t } from '../lib/i18n.js';
import { adminApi, adminNav } from './admin-parts.js';
import { leftPage } from './design-admin-parts.js';
import { visit } from './parts.js';
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
  },
});

// state: {on, busy, message}; actions: {save(ev)}.
export function view(s, a) {
  return html`${adminNav('#/administrera/enhet')}<h1>${t('unitSettingsTitle')}</h1>
    <p>${t('unitSettingsIntro', { unit: unit()?.name ?? '' })}</p>
    <div id="unit-message" tabindex="-1">${s.message ? notice(s.message.text, s.message.kind) : nothing}</div>
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
      <button type="submit" class="button" id="save-unit" ?disabled=${s.busy}>${t('saveUnitSettings')}</button>
    </form>`;
}

export async function enter() {
  const current = visit();
  const s = { on: (await adminApi.unitSettings()).json.name_in_notifications, busy: false, message: null };
  const draw = () => { if (current()) show(t('unitSettingsTitle'), view(s, a)); };
  const a = {
    async save(ev) {
      ev.preventDefault();
      s.busy = true;
      draw();
      try {
        s.on = (await adminApi.setUnitSettings({ name_in_notifications: s.on })).json.name_in_notifications;
        s.message = { text: t(s.on ? 'unitSettingsSaved' : 'unitSettingsSavedOff'), kind: 'info' };
      } catch (e) {
        s.busy = false;
        if (leftPage(e)) return;
        s.message = { text: t('unitSettingsFailed', { reason: messageOf(e) }), kind: 'error' };
      }
      s.busy = false;
      draw();
      document.getElementById('unit-message')?.focus();
    },
  };
  draw();
  focusMain();
}
