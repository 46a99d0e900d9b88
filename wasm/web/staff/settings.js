// Mina inställningar (#/installningar): the staff member's own e-mail address and, for a reader, the
// unit's forms to be told about when answered (GET / PUT /staff/settings); Spara, then a receipt.
import { ApiError } from '../lib/api.js';
import { focusMain, notice, show } from '../lib/dom.js';
import { html, nothing, repeat } from '../lib/html.js';
import { addTexts, messageOf, t } from '../lib/i18n.js';
import { api } from './api.js';
import { describedBy, errorSummary, fieldError, focusSummary, handleError, invalid, visit } from './parts.js';
import { unit } from './session.js';

addTexts({
  sv: {
    mineTitle: 'Mina inställningar',
    mineIntro: 'Inställningarna gäller dig. Aviseringarna gäller formulär på {unit}.',
    mineEmailLegend: 'E-post',
    mineEmail: 'Din e-postadress',
    mineEmailHint: 'Hit skickas dina aviseringar från Blankett. Töm fältet om du inte vill få några.',
    mineNotifyLegend: 'Avisera mig när formuläret besvaras',
    mineNotifyHint: 'Du får ett kort e-postmeddelande när nya svar har kommit in, högst ett per formulär var tionde minut. Meddelandet säger inte vem som har svarat eller vad.',
    mineNotifyNone: 'Enheten har inga formulär som kan besvaras.',
    mineNoReader: 'Aviseringar om nya svar kan bara den som har behörighet till Uppföljning på enheten få.',
    mineSave: 'Spara',
    mineSaving: 'Sparar …',
    mineSaved: 'Dina inställningar är sparade.',
    mineSavedNotify: 'Du får aviseringar om {count} formulär till {email}.',
    mineSavedNoNotify: 'Du får inga aviseringar om nya svar.',
    mineEmailBad: 'Skriv e-postadressen som namn@exempel.se.',
    mineEmailNeeded: 'Skriv din e-postadress för att få aviseringar, eller ta bort bockarna.',
    mineFailed: 'Inställningarna sparades inte: {reason}',
  },
  en: {
    mineTitle: 'My settings',
    mineIntro: 'These settings are yours. Notifications are about forms at {unit}.',
    mineEmailLegend: 'E-mail',
    mineEmail: 'Your e-mail address',
    mineEmailHint: 'Your notifications from Blankett are sent here. Empty the field if you want none.',
    mineNotifyLegend: 'Notify me when the form is answered',
    mineNotifyHint: 'You get a short e-mail when new answers have come in, at most one per form every ten minutes. It does not say who answered or what.',
    mineNotifyNone: 'The unit has no forms that can be answered.',
    mineNoReader: 'Only staff with access to Follow-up at the unit can be notified of new answers.',
    mineSave: 'Save',
    mineSaving: 'Saving …',
    mineSaved: 'Your settings have been saved.',
    mineSavedNotify: 'You will be notified about {count} forms at {email}.',
    mineSavedNoNotify: 'You will not be notified about new answers.',
    mineEmailBad: 'Write the e-mail address as name@example.com.',
    mineEmailNeeded: 'Write your e-mail address to be notified, or remove the ticks.',
    mineFailed: 'The settings were not saved: {reason}',
  },
});

const emailOk = (e) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) && e.length <= 254;

// state: {email, chosen: Set of template ids, templates, reader, busy, errors, receipt, message};
// actions: {save(ev)}.
export function view(s, a) {
  const e = s.errors;
  return html`<h1>${t('mineTitle')}</h1>${errorSummary(e)}
    <p>${t('mineIntro', { unit: unit()?.name ?? '' })}</p>
    <div id="settings-message" tabindex="-1">${s.receipt ? html`<div class="notice notice-info" role="status"><p>${t('mineSaved')}</p>
      <p>${s.receipt.count ? t('mineSavedNotify', { count: s.receipt.count, email: s.receipt.email }) : t('mineSavedNoNotify')}</p></div>`
      : s.message ? notice(s.message, 'error') : nothing}</div>
    <form class="stack" novalidate @submit=${a.save}>
      <fieldset class="box">
        <legend>${t('mineEmailLegend')}</legend>
        <div class="field">
          <label for="my-email">${t('mineEmail')}</label>
          <p class="hint" id="my-email-hint">${t('mineEmailHint')}</p>${fieldError(e, 'my-email')}
          <input type="email" id="my-email" autocomplete="email" spellcheck="false" .value=${s.email}
            aria-describedby=${describedBy(e, 'my-email', 'my-email-hint')} aria-invalid=${invalid(e, 'my-email')}
            @input=${(ev) => { s.email = ev.target.value.trim(); }}>
        </div>
      </fieldset>
      ${s.reader ? html`<fieldset class="box" aria-describedby="notify-hint">
        <legend>${t('mineNotifyLegend')}</legend>
        <p class="hint" id="notify-hint">${t('mineNotifyHint')}</p>
        ${s.templates.length ? html`<div>${repeat(s.templates, (x) => x.template, (x) => html`<div class="option">
          <input type="checkbox" id="notify-${x.template}" .checked=${s.chosen.has(x.template)}
            @change=${(ev) => { if (ev.target.checked) s.chosen.add(x.template); else s.chosen.delete(x.template); }}>
          <label for="notify-${x.template}">${x.name}</label></div>`)}</div>` : html`<p>${t('mineNotifyNone')}</p>`}
      </fieldset>` : html`<p class="hint" id="notify-none">${t('mineNoReader')}</p>`}
      <button type="submit" class="button" id="save-settings" ?disabled=${s.busy}>${s.busy ? t('mineSaving') : t('mineSave')}</button>
    </form>`;
}

export async function enter() {
  const current = visit();
  const got = (await api.settings()).json;
  const s = {
    email: got.email ?? '', chosen: new Set(got.notify.map((x) => x.template)), templates: got.templates,
    // The server lists forms to follow only to a reader; someone who follows something is one too.
    reader: got.templates.length > 0 || got.notify.length > 0,
    busy: false, errors: [], receipt: null, message: null,
  };
  const draw = () => { if (current()) show(t('mineTitle'), view(s, a)); };
  const a = {
    async save(ev) {
      ev.preventDefault();
      s.receipt = null;
      s.message = null;
      s.errors = [];
      if (s.email && !emailOk(s.email)) s.errors.push({ field: 'my-email', text: t('mineEmailBad') });
      else if (!s.email && s.chosen.size) s.errors.push({ field: 'my-email', text: t('mineEmailNeeded') });
      if (s.errors.length) {
        draw();
        focusSummary();
        return;
      }
      s.busy = true;
      draw();
      try {
        const body = { email: s.email || null };
        if (s.reader) body.notify = [...s.chosen];
        const saved = (await api.saveSettings(body)).json;
        s.email = saved.email ?? '';
        s.chosen = new Set(saved.notify.map((x) => x.template));
        s.receipt = { count: saved.notify.length, email: saved.email };
      } catch (err) {
        s.busy = false;
        if (err instanceof ApiError && err.field === 'email') {
          s.errors = [{ field: 'my-email', text: t('mineEmailBad') }];
          draw();
          focusSummary();
          return;
        }
        if (!(err instanceof ApiError) || err.status === 401 || err.status === 403 || err.code === 'staff.no_unit') return handleError(err);
        s.message = t('mineFailed', { reason: messageOf(err) });
      }
      s.busy = false;
      draw();
      document.getElementById('settings-message')?.focus();
    },
  };
  draw();
  focusMain();
}
