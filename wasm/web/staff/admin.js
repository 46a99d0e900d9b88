// Administrera (#/administrera): the module's pages, each with what it is for: staff and their roles at
// the unit, citizens' locks and protected identity, the unit's settings, and the audit log.
import { focusMain, show } from '../lib/dom.js';
import { html } from '../lib/html.js';
import { addTexts, t } from '../lib/i18n.js';
import { adminNav, adminPages } from './admin-parts.js';
import { unit } from './session.js';

addTexts({
  sv: {
    adminTitle: 'Administrera',
    adminIntro: 'Du administrerar {unit}. Allt du ändrar här gäller den enheten och skrivs i enhetens loggbok.',
    adminStaffAbout: 'Se enhetens personal, ge och ta bort behörigheter, stäng av och aktivera konton och skapa nya användare.',
    adminCitizensAbout: 'Sök fram en invånare som har formulär hos enheten, och lås inloggningen (menprövning) eller markera skyddad identitet.',
    adminUnitAbout: 'Välj om enhetens namn står med i aviseringar med e-post och sms.',
    adminAuditAbout: 'Se vem som har gjort vad på enheten: läst svar, skickat formulär, ändrat mallar och behörigheter.',
    adminRecordsAbout: 'Registrera journalsystem som skickar formulär och hämtar svar genom API:t, och spärra deras nycklar.',
    adminWebhooksAbout: 'Låt andra system få veta när formulär skapas, besvaras, avbryts, dokumenteras eller raderas, och se leveranserna.',
  },
  en: {
    adminTitle: 'Administration',
    adminIntro: 'You administer {unit}. Everything you change here applies to that unit and is written in the unit\'s audit log.',
    adminStaffAbout: 'See the unit\'s staff, grant and remove roles, turn accounts off and on and create new users.',
    adminCitizensAbout: 'Find a citizen who has forms at the unit, and lock their login or mark protected identity.',
    adminUnitAbout: 'Choose whether the unit\'s name is in notifications by e-mail and SMS.',
    adminAuditAbout: 'See who did what at the unit: read answers, sent forms, changed templates and roles.',
    adminRecordsAbout: 'Register record systems that send forms and fetch answers through the API, and revoke their keys.',
    adminWebhooksAbout: 'Let other systems know when forms are created, answered, cancelled, documented or deleted, and see the deliveries.',
  },
});

const about = {
  '#/administrera/personal': 'adminStaffAbout',
  '#/administrera/invanare': 'adminCitizensAbout',
  '#/administrera/enhet': 'adminUnitAbout',
  '#/administrera/loggbok': 'adminAuditAbout',
  '#/administrera/journalsystem': 'adminRecordsAbout',
  '#/administrera/webhooks': 'adminWebhooksAbout',
};

export function view({ here }) {
  return html`${adminNav('#/administrera')}<h1>${t('adminTitle')}</h1>
    <p>${t('adminIntro', { unit: here.name })}</p>
    <ul class="cards modules">${adminPages.map((p) => html`<li class="card">
      <h2><a href=${p.href}>${t(p.text)}</a></h2>
      <p class="meta">${t(about[p.href])}</p>
    </li>`)}</ul>`;
}

export function enter() {
  show(t('adminTitle'), view({ here: unit() }));
  focusMain();
}
