// What the package pages share (Paketutskick: Starta paketutskick, Pågående paketutskick and Design's
// Paketmallar): the endpoints (docs/api.md, "Package templates and package dispatch"), the names of
// weekdays, intervals, statuses and occasions' states, the schedule (occasions from a start date and an
// interval; the hours a notification may wake someone), the trash button, and the error codes as texts.
import { call } from '../lib/api.js';
import { html } from '../lib/html.js';
import { addErrorTexts, addTexts, longDate, t } from '../lib/i18n.js';
import { today } from '../lib/core.js';
import { addMonths } from './parts.js';

addTexts({
  sv: {
    weekday1: 'måndag',
    weekday2: 'tisdag',
    weekday3: 'onsdag',
    weekday4: 'torsdag',
    weekday5: 'fredag',
    weekday6: 'lördag',
    weekday7: 'söndag',
    weekdayNone: 'Ingen förvald veckodag',
    unitDays: 'dagar',
    unitWeeks: 'veckor',
    unitMonths: 'månader',
    everyDays: 'med {count} dagars mellanrum',
    everyWeeks: 'med {count} veckors mellanrum',
    everyMonths: 'med {count} månaders mellanrum',
    everyDay: 'varje dag',
    everyWeek: 'varje vecka',
    everyMonth: 'varje månad',
    occasionsOne: '1 tillfälle',
    occasionsMany: '{count} tillfällen',
    packageStatusRunning: 'Pågående',
    packageStatusStopped: 'Stoppad',
    packageStatusDone: 'Klar',
    packageStatusAborted: 'Avbruten',
    occasionPlanned: 'Planerat',
    occasionSent: 'Skickat',
    occasionSkipped: 'Hoppades över',
    occasionCancelled: 'Inställt',
    atTime: '{date} kl. {time}',
    lateHour: 'Klockslaget {time} är tidigt eller sent på dagen. Mottagarna får en avisering med e-post eller sms vid den tiden. Välj hellre en tid mellan 08:00 och 20:00.',
    packageFormUnavailable: 'Detta startade paket innehåller formulärmallar som har arkiverats eller gemensamma mallar som saknar prenumeration: {name}. Kontakta den regionala förvaltningen och ange vilket paketutskick du försökte starta och enhetens namn.',
    errPackageFormUnavailable: 'Detta startade paket innehåller formulärmallar som har arkiverats eller gemensamma mallar som saknar prenumeration.',
    errPackageOccasionPast: 'Ett utskickstillfälle har redan passerat. Välj ett senare datum eller klockslag.',
    errPackageNoRecipients: 'Ingen av mottagarna kan få paketutskicket. Lägg till minst en mottagare som kan nås via personnummer.',
    errPackageTemplateArchived: 'Paketmallen är arkiverad och kan inte startas. Välj ett annat paketutskick.',
    errPackageRestartTooLate: 'Paketutskicket kan inte återstartas: tiden för nästa utskickstillfälle har redan passerat.',
    errPackageState: 'Paketutskicket har inte den status som krävs för det här. Ladda om sidan och försök igen.',
    errPackageLastRecipient: 'Den sista mottagaren kan inte tas bort. Stoppa paketutskicket i stället.',
    errPackageNameTaken: 'Enheten har redan en paketmall med det namnet. Välj ett annat namn.',
  },
  en: {
    weekday1: 'Monday',
    weekday2: 'Tuesday',
    weekday3: 'Wednesday',
    weekday4: 'Thursday',
    weekday5: 'Friday',
    weekday6: 'Saturday',
    weekday7: 'Sunday',
    weekdayNone: 'No default weekday',
    unitDays: 'days',
    unitWeeks: 'weeks',
    unitMonths: 'months',
    everyDays: 'every {count} days',
    everyWeeks: 'every {count} weeks',
    everyMonths: 'every {count} months',
    everyDay: 'every day',
    everyWeek: 'every week',
    everyMonth: 'every month',
    occasionsOne: '1 occasion',
    occasionsMany: '{count} occasions',
    packageStatusRunning: 'Running',
    packageStatusStopped: 'Stopped',
    packageStatusDone: 'Finished',
    packageStatusAborted: 'Aborted',
    occasionPlanned: 'Planned',
    occasionSent: 'Sent',
    occasionSkipped: 'Skipped',
    occasionCancelled: 'Cancelled',
    atTime: '{date} at {time}',
    lateHour: 'The time {time} is early or late in the day. The recipients get a notification by e-mail or SMS at that time. Prefer a time between 08:00 and 20:00.',
    packageFormUnavailable: 'This package contains form templates that have been archived, or shared templates without a subscription: {name}. Contact the regional administration and say which package you tried to start and the unit\'s name.',
    errPackageFormUnavailable: 'This package contains form templates that have been archived, or shared templates without a subscription.',
    errPackageOccasionPast: 'An occasion has already passed. Choose a later date or time.',
    errPackageNoRecipients: 'None of the recipients can be sent the package. Add at least one recipient who can be reached by personal identity number.',
    errPackageTemplateArchived: 'The package template is archived and cannot be started. Choose another package.',
    errPackageRestartTooLate: 'The package cannot be restarted: the time of its next occasion has already passed.',
    errPackageState: 'The package does not have the status this needs. Reload the page and try again.',
    errPackageLastRecipient: 'The last recipient cannot be removed. Stop the package instead.',
    errPackageNameTaken: 'The unit already has a package template with that name. Choose another name.',
  },
});

addErrorTexts({
  'package.form_unavailable': 'errPackageFormUnavailable',
  'package.occasion_past': 'errPackageOccasionPast',
  'package.no_recipients': 'errPackageNoRecipients',
  'package_template.archived': 'errPackageTemplateArchived',
  'package.restart_too_late': 'errPackageRestartTooLate',
  'package.state': 'errPackageState',
  'package.last_recipient': 'errPackageLastRecipient',
  'package_template.name_taken': 'errPackageNameTaken',
});

export const packageApi = {
  templates: () => call('GET', '/package-templates'),
  createTemplate: (body) => call('POST', '/package-templates', body),
  saveTemplate: (id, body) => call('PUT', `/package-templates/${id}`, body),
  start: (body) => call('POST', '/packages', body),
  packages: () => call('GET', '/packages'),
  package: (id) => call('GET', `/packages/${id}`),
  stop: (id) => call('POST', `/packages/${id}/stop`, {}),
  restart: (id) => call('POST', `/packages/${id}/restart`, {}),
  removeRecipient: (id, recipient) => call('DELETE', `/packages/${id}/recipients/${recipient}`),
};

// ---- Names ---------------------------------------------------------------------------------------------
export const weekdays = [1, 2, 3, 4, 5, 6, 7];
export const weekdayText = (n) => t(`weekday${n}`);
export const intervalUnits = ['days', 'weeks', 'months'];
const unitKeys = { days: 'unitDays', weeks: 'unitWeeks', months: 'unitMonths' };
export const unitText = (unit) => t(unitKeys[unit] ?? unit);

// An interval in words: "varje vecka", "med 2 veckors mellanrum".
export function intervalText({ count, unit }) {
  const one = { days: 'everyDay', weeks: 'everyWeek', months: 'everyMonth' };
  const many = { days: 'everyDays', weeks: 'everyWeeks', months: 'everyMonths' };
  return t(count === 1 ? one[unit] : many[unit], { count });
}

export const occasionsText = (count) => t(count === 1 ? 'occasionsOne' : 'occasionsMany', { count });

const statusKeys = { running: 'packageStatusRunning', stopped: 'packageStatusStopped', done: 'packageStatusDone', aborted: 'packageStatusAborted' };
export const statusText = (status) => t(statusKeys[status] ?? status);
export const statusBadge = (status) => html`<span class="pstatus pstatus-${status}">${statusText(status)}</span>`;

const occasionKeys = { planned: 'occasionPlanned', sent: 'occasionSent', skipped: 'occasionSkipped', cancelled: 'occasionCancelled' };
export const occasionStateText = (state) => t(occasionKeys[state] ?? state);

// A date and a time of day as staff read them: "7 december 2026 kl. 09:00".
export const atTime = (date, time) => t('atTime', { date: longDate(date), time });

// ---- The schedule --------------------------------------------------------------------------------------
const pad = (n) => String(n).padStart(2, '0');
const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const dateOf = (text) => {
  const [y, m, d] = text.split('-').map(Number);
  return new Date(y, m - 1, d);
};

export const isDate = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(dateOf(s).getTime()) && iso(dateOf(s)) === s;
export const isTime = (s) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s);

// YYYY-MM-DD `days` calendar days after text.
export function addDays(text, days) {
  const d = dateOf(text);
  d.setDate(d.getDate() + days);
  return iso(d);
}

// The default start: the next date (after today) on the weekday (1 Monday – 7 Sunday), or tomorrow.
export function defaultStart(weekday) {
  const from = today();
  if (!weekday) return addDays(from, 1);
  const now = dateOf(from).getDay() || 7;  // 1 Monday – 7 Sunday
  const ahead = ((weekday - now + 7) % 7) || 7;
  return addDays(from, ahead);
}

// The date of occasion n (0 the first) from the start and the interval; months keep the start's day,
// or the month's last day when it has fewer days (31 January, then 28 February, then 31 March).
export function occasionDate(start, { count, unit }, n) {
  if (unit === 'months') return addMonths(start, n * count);
  return addDays(start, n * count * (unit === 'weeks' ? 7 : 1));
}

// Whether a notification at this time (HH:MM) comes at an hour people sleep: before 08:00 or after 20:00.
export const lateHour = (time) => isTime(time) && (time < '08:00' || time > '20:00');

export const lateHourWarning = (time, id) => html`<p class="notice notice-warning time-warning" id=${id}>${t('lateHour', { time })}</p>`;

// A trash can (papperskorg), drawn; the button it is in is named by its label.
export const trashIcon = html`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M9 3h6l1 2h4v2H4V5h4l1-2zm-3 5h12l-1 13H7L6 8zm4 2v9h2v-9h-2zm4 0v9h2v-9h-2z"/></svg>`;
