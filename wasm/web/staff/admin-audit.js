// Loggbok (#/administrera/loggbok): the unit's audit log (GET /admin/audit), newest first, 100 a page
// with "Visa fler"; filtered by kind or action (a select with Swedish labels), person (a user name) and
// days (from, to, both included). Each entry says when, who, what (a Swedish label for the action),
// whom or what it concerned (staff and templates by name) and its details in words (the counts and the
// filter of an action on many answers, an export's kind).
//
// Sections: texts · actions and their labels · details in words · the page's markup (view) · enter.
import { ApiError } from '../lib/api.js';
import { focusMain, show } from '../lib/dom.js';
import { html, nothing, repeat } from '../lib/html.js';
import { addTexts, dateTime, messageOf, t } from '../lib/i18n.js';
import { adminApi, adminNav } from './admin-parts.js';
import { leftPage } from './design-admin-parts.js';
import { designApi, stateText } from './design-parts.js';
import { stateText as answerStateText } from './followup-parts.js';
import { describedBy, errorSummary, fieldError, focusSummary, handleError, invalid, showMore, visit } from './parts.js';
import { unit } from './session.js';
import { roleKeys } from './texts.js';

// ---- Texts ---------------------------------------------------------------------------------------------
addTexts({
  sv: {
    auditTitle: 'Loggbok',
    auditIntro: 'Vem som har gjort vad på enheten, de senaste först: läst och gallrat svar, skickat formulär, ändrat mallar, behörigheter och invånares inloggning. Loggboken kan inte ändras.',
    auditFilters: 'Filtrera',
    auditKind: 'Händelse',
    auditKindAll: 'Alla händelser',
    auditKindGroup: 'Slag av händelse',
    auditActionGroup: 'Enskild händelse',
    auditStaff: 'Person',
    auditStaffHint: 'Användarnamnet, till exempel designer.',
    auditFrom: 'Från och med',
    auditTo: 'Till och med',
    auditShow: 'Visa',
    auditClear: 'Rensa filter',
    auditFromAfterTo: '”Från och med” kan inte vara efter ”Till och med”.',
    auditDateBad: 'Skriv datumet som ÅÅÅÅ-MM-DD.',
    auditHeading: 'Händelser',
    auditCount: '{count} händelser visas.',
    auditCountOne: '1 händelse visas.',
    auditAllShown: 'Det är alla som matchar.',
    auditMoreExist: 'Det finns fler: använd Visa fler längst ned.',
    auditNone: 'Inga händelser matchar.',
    auditCaption: 'Loggbokens händelser, de senaste först',
    colAuditAt: 'Tid',
    colAuditStaff: 'Person',
    colAuditAction: 'Händelse',
    colAuditTarget: 'Gäller',
    colAuditDetails: 'Uppgifter',
    kindAnswer: 'Formulärsvar',
    kindAnswersList: 'Listor över formulärsvar',
    kindAttachment: 'Bilagor',
    kindDispatch: 'Utskick',
    kindLetter: 'Brev',
    kindRole: 'Behörigheter',
    kindTemplate: 'Mallar',
    kindCitizen: 'Invånare',
    kindStaff: 'Personal',
    kindUnit: 'Enhetens inställningar',
    kindRecordSystem: 'Journalsystem (nycklar)',
    kindWebhook: 'Webhooks',
    kindRecords: 'Journalsystemens anrop',
    actRoleGrant: 'Gav behörighet',
    actRoleRevoke: 'Tog bort behörighet',
    actCitizenLock: 'Låste invånarens inloggning',
    actCitizenUnlock: 'Låste upp invånarens inloggning',
    actCitizenProtected: 'Ändrade skyddad identitet',
    actCitizenRead: 'Sökte fram invånare',
    actTemplateUpload: 'Laddade upp mallversion',
    actTemplateState: 'Ändrade versionens status',
    actTemplateShared: 'Ändrade Delad mall',
    actTemplatePublic: 'Ändrade Publik',
    actTemplateNational: 'Ändrade Nationell',
    actTemplateSubscribe: 'Prenumererade på gemensam mall',
    actDispatch: 'Skickade formulär',
    actDispatchLinks: 'Skapade formulärlänkar',
    actDispatchRead: 'Öppnade utskick',
    actLetterPrinted: 'Skrev ut brev',
    actStaffCreate: 'Skapade användare',
    actStaffDisable: 'Stängde av konto',
    actStaffEnable: 'Aktiverade konto',
    actUnitName: 'Ändrade enhetens namn i aviseringar',
    actAnswersList: 'Listade formulärsvar',
    actAnswerRead: 'Öppnade formulärsvar',
    actAttachmentRead: 'Hämtade bilaga',
    actAnswerDeleted: 'Gallrade formulärsvar',
    actAnswersDeleted: 'Gallrade formulärsvar med filter',
    actAnswersRemind: 'Skickade påminnelser',
    actAnswersRetention: 'Gallrade enligt enhetens gallringsregel',
    actAnswerExport: 'Exporterade formulärsvar',
    actAnswersExport: 'Exporterade flera formulärsvar',
    actExportRead: 'Laddade ned export',
    actExportDelete: 'Raderade export',
    actTemplateUnsubscribe: 'Avslutade prenumeration på gemensam mall',
    actPackageStart: 'Startade paketutskick',
    actPackageRead: 'Öppnade paketutskick',
    actPackageStop: 'Stoppade paketutskick',
    actPackageRestart: 'Återstartade paketutskick',
    actPackageRecipientRemove: 'Tog bort mottagare ur paketutskick',
    actPackageTemplateCreate: 'Skapade paketmall',
    actPackageTemplateUpdate: 'Ändrade paketmall',
    actStaffSettings: 'Ändrade sina inställningar',
    actUnitEmail: 'Ändrade enhetens e-postadress',
    actUnitRetention: 'Ändrade enhetens gallringsregel',
    actUnitHsaId: 'Ändrade enhetens HSA-id',
    actRecordSystemCreated: 'Registrerade journalsystem',
    actRecordSystemRevoked: 'Spärrade journalsystemets nyckel',
    actWebhookCreated: 'Lade till webhook',
    actWebhookDeleted: 'Tog bort webhook',
    actRecordsCreate: 'Journalsystem skapade formulär',
    actRecordsRefused: 'Journalsystem nekades skicka formulär',
    actRecordsRead: 'Journalsystem läste svar',
    actRecordsList: 'Journalsystem listade formulär',
    actRecordsCancel: 'Journalsystem avbröt formulär',
    actRecordsTemplates: 'Journalsystem listade mallar',
    detailSet: 'Angiven',
    detailRemoved: 'Borttagen',
    detailNoRule: 'Ingen regel',
    detailRule: '{days} dagar efter {after}',
    detailRuleOf: 'Regel: {rule}',
    afterDeleteAfter: 'Gallras efter',
    afterDocumented: 'dokumentation',
    detailEmailSet: 'E-postadress angiven',
    detailEmailRemoved: 'E-postadress borttagen',
    detailFollows: 'Följer {count} formulär',
    filterCodes: 'koder',
    filterLabels: 'svarstexter',
    filterSv: 'svenskt Excel',
    filterIntl: 'internationellt format',
    filterIdentify: 'med personnummer och namn',
    kindAnswers: 'Listor, påminnelser och gallring',
    kindExport: 'Export',
    kindPackage: 'Paketutskick',
    kindPackageTemplate: 'Paketmallar',
    targetExport: 'Export nr {id}',
    targetPackage: 'Paketutskick nr {id}',
    targetPackageTemplate: 'Paketmall nr {id}',
    targetRecordSystem: 'Journalsystem nr {id}',
    targetWebhook: 'Webhook nr {id}',
    detailShownOf: '{shown} av {total} svar',
    detailReminded: '{count} påminda',
    detailNotWaiting: '{count} väntade inte på svar',
    detailExport: '{kind}, export nr {id}',
    detailAttachment: 'Bilaga nr {id}',
    detailRecipient: 'Mottagare nr {id}',
    detailOccasions: '{count} tillfällen',
    detailForms: '{count} formulär',
    detailArchived: 'Arkiverad',
    filterState: 'Status: {state}',
    filterTemplate: 'Formulär: {name}',
    filterPackage: 'Paketutskick nr {id}',
    filterDeleteAfter: 'Gallras efter senast {date}',
    filterDates: 'filtrerat på datum',
    filterAttention: 'Behöver uppmärksamhet',
    filterDocumented: 'Dokumenterad',
    filterNotDocumented: 'Inte dokumenterad',
    filterRecipient: 'sökt på mottagare',
    targetStaff: 'Personal: {name}',
    targetTemplate: 'Mall: {name}',
    targetCitizen: 'Invånare nr {id}',
    targetUnit: 'Enhet: {name}',
    targetInstance: 'Formulärsvar nr {id}',
    targetDispatch: 'Utskick nr {id}',
    detailOn: 'På',
    detailOff: 'Av',
    detailVersion: 'Version {version}',
    detailVersionState: 'Version {version}: {from} → {to}',
    detailRecipients: '{count} mottagare',
    detailRefused: '{count} nekade',
    detailLinks: '{count} länkar',
    detailAnswers: '{count} svar',
    detailByUnit: 'ändrat av en annan enhet (nr {unit})',
  },
  en: {
    auditTitle: 'Audit log',
    auditIntro: 'Who did what at the unit, newest first: read and deleted answers, sent forms, changed templates, roles and citizens\' logins. The log cannot be changed.',
    auditFilters: 'Filter',
    auditKind: 'Event',
    auditKindAll: 'All events',
    auditKindGroup: 'Kind of event',
    auditActionGroup: 'Single event',
    auditStaff: 'Person',
    auditStaffHint: 'The user name, for example designer.',
    auditFrom: 'From',
    auditTo: 'To',
    auditShow: 'Show',
    auditClear: 'Clear filters',
    auditFromAfterTo: '“From” cannot be after “To”.',
    auditDateBad: 'Write the date as YYYY-MM-DD.',
    auditHeading: 'Events',
    auditCount: '{count} events shown.',
    auditCountOne: '1 event shown.',
    auditAllShown: 'That is all that match.',
    auditMoreExist: 'There are more: use Show more at the bottom.',
    auditNone: 'No events match.',
    auditCaption: 'The audit log\'s events, newest first',
    colAuditAt: 'Time',
    colAuditStaff: 'Person',
    colAuditAction: 'Event',
    colAuditTarget: 'Concerns',
    colAuditDetails: 'Details',
    kindAnswer: 'Form answers',
    kindAnswersList: 'Lists of form answers',
    kindAttachment: 'Attachments',
    kindDispatch: 'Dispatches',
    kindLetter: 'Letters',
    kindRole: 'Roles',
    kindTemplate: 'Templates',
    kindCitizen: 'Citizens',
    kindStaff: 'Staff',
    kindUnit: 'Unit settings',
    kindRecordSystem: 'Record systems (keys)',
    kindWebhook: 'Webhooks',
    kindRecords: 'Record systems\' calls',
    actRoleGrant: 'Granted a role',
    actRoleRevoke: 'Removed a role',
    actCitizenLock: 'Locked a citizen\'s login',
    actCitizenUnlock: 'Unlocked a citizen\'s login',
    actCitizenProtected: 'Changed protected identity',
    actCitizenRead: 'Looked up a citizen',
    actTemplateUpload: 'Uploaded a template version',
    actTemplateState: 'Changed a version\'s status',
    actTemplateShared: 'Changed Shared',
    actTemplatePublic: 'Changed Public',
    actTemplateNational: 'Changed National',
    actTemplateSubscribe: 'Subscribed to a shared template',
    actDispatch: 'Sent a form',
    actDispatchLinks: 'Created form links',
    actDispatchRead: 'Opened a dispatch',
    actLetterPrinted: 'Printed a letter',
    actStaffCreate: 'Created a user',
    actStaffDisable: 'Turned off an account',
    actStaffEnable: 'Turned on an account',
    actUnitName: 'Changed the unit\'s name in notifications',
    actAnswersList: 'Listed form answers',
    actAnswerRead: 'Opened a form answer',
    actAttachmentRead: 'Downloaded an attachment',
    actAnswerDeleted: 'Deleted a form answer',
    actAnswersDeleted: 'Deleted form answers by a filter',
    actAnswersRemind: 'Sent reminders',
    actAnswersRetention: 'Deleted by the unit\'s retention rule',
    actAnswerExport: 'Exported a form answer',
    actAnswersExport: 'Exported several form answers',
    actExportRead: 'Downloaded an export',
    actExportDelete: 'Deleted an export',
    actTemplateUnsubscribe: 'Ended a subscription to a shared template',
    actPackageStart: 'Started a package',
    actPackageRead: 'Opened a package',
    actPackageStop: 'Stopped a package',
    actPackageRestart: 'Restarted a package',
    actPackageRecipientRemove: 'Removed a recipient from a package',
    actPackageTemplateCreate: 'Created a package template',
    actPackageTemplateUpdate: 'Changed a package template',
    actStaffSettings: 'Changed their settings',
    actUnitEmail: 'Changed the unit\'s e-mail address',
    actUnitRetention: 'Changed the unit\'s retention rule',
    actUnitHsaId: 'Changed the unit\'s HSA-id',
    actRecordSystemCreated: 'Registered a record system',
    actRecordSystemRevoked: 'Revoked a record system\'s key',
    actWebhookCreated: 'Added a webhook',
    actWebhookDeleted: 'Removed a webhook',
    actRecordsCreate: 'A record system created a form',
    actRecordsRefused: 'A record system was refused a form',
    actRecordsRead: 'A record system read an answer',
    actRecordsList: 'A record system listed forms',
    actRecordsCancel: 'A record system cancelled a form',
    actRecordsTemplates: 'A record system listed templates',
    detailSet: 'Set',
    detailRemoved: 'Removed',
    detailNoRule: 'No rule',
    detailRule: '{days} days after {after}',
    detailRuleOf: 'Rule: {rule}',
    afterDeleteAfter: 'Delete after',
    afterDocumented: 'documentation',
    detailEmailSet: 'E-mail address set',
    detailEmailRemoved: 'E-mail address removed',
    detailFollows: 'Follows {count} forms',
    filterCodes: 'codes',
    filterLabels: 'answer texts',
    filterSv: 'Swedish Excel',
    filterIntl: 'international format',
    filterIdentify: 'with personal identity number and name',
    kindAnswers: 'Lists, reminders and retention',
    kindExport: 'Export',
    kindPackage: 'Packages',
    kindPackageTemplate: 'Package templates',
    targetExport: 'Export no. {id}',
    targetPackage: 'Package no. {id}',
    targetPackageTemplate: 'Package template no. {id}',
    targetRecordSystem: 'Record system no. {id}',
    targetWebhook: 'Webhook no. {id}',
    detailShownOf: '{shown} of {total} answers',
    detailReminded: '{count} reminded',
    detailNotWaiting: '{count} not waiting for an answer',
    detailExport: '{kind}, export no. {id}',
    detailAttachment: 'Attachment no. {id}',
    detailRecipient: 'Recipient no. {id}',
    detailOccasions: '{count} occasions',
    detailForms: '{count} forms',
    detailArchived: 'Archived',
    filterState: 'Status: {state}',
    filterTemplate: 'Form: {name}',
    filterPackage: 'Package no. {id}',
    filterDeleteAfter: 'Delete after {date} at the latest',
    filterDates: 'filtered by dates',
    filterAttention: 'Needs attention',
    filterDocumented: 'Documented',
    filterNotDocumented: 'Not documented',
    filterRecipient: 'searched by recipient',
    targetStaff: 'Staff: {name}',
    targetTemplate: 'Template: {name}',
    targetCitizen: 'Citizen no. {id}',
    targetUnit: 'Unit: {name}',
    targetInstance: 'Form answer no. {id}',
    targetDispatch: 'Dispatch no. {id}',
    detailOn: 'On',
    detailOff: 'Off',
    detailVersion: 'Version {version}',
    detailVersionState: 'Version {version}: {from} → {to}',
    detailRecipients: '{count} recipients',
    detailRefused: '{count} refused',
    detailLinks: '{count} links',
    detailAnswers: '{count} answers',
    detailByUnit: 'changed by another unit (no. {unit})',
  },
});

// ---- Actions and their labels ----------------------------------------------------------------------------
// The kinds the server filters by (an action's prefix ending in "."; a kind with one action is that
// action), in the order of the select.
export const kinds = [
  ['answer.', 'kindAnswer'], ['answers.', 'kindAnswers'], ['answers.list', 'kindAnswersList'], ['attachment.read', 'kindAttachment'],
  ['export.', 'kindExport'], ['dispatch.', 'kindDispatch'], ['letter.printed', 'kindLetter'], ['package.', 'kindPackage'],
  ['package_template.', 'kindPackageTemplate'], ['role.', 'kindRole'], ['template.', 'kindTemplate'], ['citizen.', 'kindCitizen'],
  ['staff.', 'kindStaff'], ['unit.', 'kindUnit'], ['record_system.', 'kindRecordSystem'], ['records.', 'kindRecords'],
  ['webhook.', 'kindWebhook'],
];

// Every action (docs/api.md, the audit log) with its label.
export const actions = {
  'role.grant': 'actRoleGrant',
  'role.revoke': 'actRoleRevoke',
  'citizen.lock': 'actCitizenLock',
  'citizen.unlock': 'actCitizenUnlock',
  'citizen.protected_identity': 'actCitizenProtected',
  'citizen.read': 'actCitizenRead',
  'template.upload': 'actTemplateUpload',
  'template.state': 'actTemplateState',
  'template.shared': 'actTemplateShared',
  'template.public': 'actTemplatePublic',
  'template.national': 'actTemplateNational',
  'template.subscribe': 'actTemplateSubscribe',
  dispatch: 'actDispatch',
  'dispatch.links': 'actDispatchLinks',
  'dispatch.read': 'actDispatchRead',
  'letter.printed': 'actLetterPrinted',
  'staff.create': 'actStaffCreate',
  'staff.disable': 'actStaffDisable',
  'staff.enable': 'actStaffEnable',
  'unit.name_in_notifications': 'actUnitName',
  'answers.list': 'actAnswersList',
  'answer.read': 'actAnswerRead',
  'attachment.read': 'actAttachmentRead',
  'answer.deleted': 'actAnswerDeleted',
  'answers.deleted': 'actAnswersDeleted',
  'answers.remind': 'actAnswersRemind',
  'answers.retention': 'actAnswersRetention',
  'answer.export': 'actAnswerExport',
  'answers.export': 'actAnswersExport',
  'export.read': 'actExportRead',
  'export.delete': 'actExportDelete',
  'template.unsubscribe': 'actTemplateUnsubscribe',
  'package.start': 'actPackageStart',
  'package.read': 'actPackageRead',
  'package.stop': 'actPackageStop',
  'package.restart': 'actPackageRestart',
  'package.recipient_remove': 'actPackageRecipientRemove',
  'package_template.create': 'actPackageTemplateCreate',
  'package_template.update': 'actPackageTemplateUpdate',
  'staff.settings': 'actStaffSettings',
  'unit.email': 'actUnitEmail',
  'unit.retention': 'actUnitRetention',
  'unit.hsa_id': 'actUnitHsaId',
  'record_system.created': 'actRecordSystemCreated',
  'record_system.revoked': 'actRecordSystemRevoked',
  'records.create': 'actRecordsCreate',
  'records.refused': 'actRecordsRefused',
  'records.read': 'actRecordsRead',
  'records.list': 'actRecordsList',
  'records.cancel': 'actRecordsCancel',
  'records.templates': 'actRecordsTemplates',
  'webhook.created': 'actWebhookCreated',
  'webhook.deleted': 'actWebhookDeleted',
};

// A retention rule's words ("30 days after documented").
const afterKeys = { delete_after: 'afterDeleteAfter', documented: 'afterDocumented' };
const ruleText = (days, after) => t('detailRule', { days, after: afterKeys[after] ? t(afterKeys[after]) : after });

export const actionText = (action) => (actions[action] ? t(actions[action]) : action);

// ---- Details in words --------------------------------------------------------------------------------------
// names: {staff: Map id -> member, templates: Map id -> name, unitId, unitName}.
function targetText(target, names) {
  const [kind, id] = target.split(':');
  switch (kind) {
    case 'staff': {
      const m = names.staff.get(Number(id));
      return t('targetStaff', { name: m ? `${m.name} (${m.username})` : id });
    }
    case 'template': return t('targetTemplate', { name: names.templates.get(Number(id)) ?? id });
    case 'citizen': return t('targetCitizen', { id });
    case 'unit': return t('targetUnit', { name: Number(id) === names.unitId ? names.unitName : id });
    case 'instance': return t('targetInstance', { id });
    case 'dispatch': return t('targetDispatch', { id });
    case 'export': return t('targetExport', { id });
    case 'package': return t('targetPackage', { id });
    case 'package_template': return t('targetPackageTemplate', { id });
    case 'record_system': return t('targetRecordSystem', { id });
    case 'webhook': return t('targetWebhook', { id });
    default: return target;
  }
}

// The server writes details as short technical text ("version 2 unpublished -> published", "3
// recipients, 1 refused", "on", a role); the known shapes are said in words, anything else is shown as
// it is.
export function detailsText(entry, names) {
  let d = entry.details;
  if (!d) return '';
  const parts = [];
  const by = /(?:^| )by unit:(\d+)$/.exec(d);
  if (by) d = d.slice(0, by.index);
  const role = roleKeys[d];
  let m;
  if (role && (entry.action.startsWith('role.') || entry.action === 'staff.create')) parts.push(t(role));
  else if (d === 'on' || d === 'off') parts.push(t(d === 'on' ? 'detailOn' : 'detailOff'));
  else if ((m = /^version (\d+) (\w+) -> (\w+)$/.exec(d))) {
    parts.push(t('detailVersionState', { version: m[1], from: stateText(m[2]), to: stateText(m[3]) }));
  } else if ((m = /^version (\d+)$/.exec(d))) parts.push(t('detailVersion', { version: m[1] }));
  else if ((m = /^(\d+) recipients(?:, (\d+) refused)?$/.exec(d))) {
    parts.push([t('detailRecipients', { count: m[1] }), m[2] ? t('detailRefused', { count: m[2] }) : ''].filter(Boolean).join(', '));
  } else if ((m = /^(\d+) links$/.exec(d))) parts.push(t('detailLinks', { count: m[1] }));
  else if ((m = /^(\d+) of (\d+) answers(.*)$/.exec(d))) parts.push(t('detailShownOf', { shown: m[1], total: m[2] }), ...filterWords(m[3], names));
  else if ((m = /^(\d+) answers(.*)$/.exec(d))) parts.push(t('detailAnswers', { count: m[1] }), ...filterWords(m[2], names));
  else if ((m = /^(\d+) reminded, (\d+) not waiting(.*)$/.exec(d))) {
    parts.push(t('detailReminded', { count: m[1] }), t('detailNotWaiting', { count: m[2] }), ...filterWords(m[3], names));
  } else if ((m = /^(\d+) recipients, (\d+) occasions, (\d+) forms(?:, (\d+) refused)?$/.exec(d))) {
    parts.push(t('detailRecipients', { count: m[1] }), t('detailOccasions', { count: m[2] }), t('detailForms', { count: m[3] }));
    if (m[4]) parts.push(t('detailRefused', { count: m[4] }));
  } else if ((m = /^(pdf|zip|csv) export:(\d+)(?: (\d+) answers(.*))?$/.exec(d))) {
    parts.push(t('detailExport', { kind: m[1].toUpperCase(), id: m[2] }));
    if (m[3]) parts.push(t('detailAnswers', { count: m[3] }), ...filterWords(m[4], names));
  } else if ((m = /^(\d+) answers; rule: (\d+) days after (\w+)$/.exec(d))) {
    parts.push(t('detailAnswers', { count: m[1] }), t('detailRuleOf', { rule: ruleText(m[2], m[3]) }));
  } else if (entry.action === 'unit.retention' && (m = /^(\d+) days after (\w+)$/.exec(d))) parts.push(ruleText(m[1], m[2]));
  else if (entry.action === 'unit.retention' && d === 'none') parts.push(t('detailNoRule'));
  else if (entry.action === 'unit.email' && (d === 'set' || d === 'removed')) parts.push(t(d === 'set' ? 'detailSet' : 'detailRemoved'));
  else if (entry.action === 'staff.settings') {
    for (const piece of d.split('; ')) {
      if (piece === 'email set' || piece === 'email removed') parts.push(t(piece === 'email set' ? 'detailEmailSet' : 'detailEmailRemoved'));
      else if ((m = /^follows (\d+) forms$/.exec(piece))) parts.push(t('detailFollows', { count: m[1] }));
      else if (piece) parts.push(piece);
    }
  }
  else if ((m = /^attachment:(\d+)$/.exec(d))) parts.push(t('detailAttachment', { id: m[1] }));
  else if ((m = /^recipient:(\d+)$/.exec(d))) parts.push(t('detailRecipient', { id: m[1] }));
  else if (d === 'archived' && entry.action.startsWith('package_template.')) parts.push(t('detailArchived'));
  else if ((m = /^(template|dispatch):(\d+)$/.exec(d))) parts.push(targetText(d, names));
  else if (d) parts.push(d);
  if (by) parts.push(t('detailByUnit', { unit: by[1] }));
  return parts.join(' · ');
}

// The filter of an action on many answers (answers.list, answers.deleted, answers.remind, answers.export
// with the CSV's choices), as the server
// writes it after the counts (" state=COMPLETED template=3 dates attention by recipient"), in words; a
// word it does not know is kept as it is.
function filterWords(rest, names) {
  const words = [];
  for (const m of rest.matchAll(/(state)=(\S+)|(template)=(\d+)|(package)=(\d+)|(delete_after_to)=(\S+)|by recipient|(\S+)/g)) {
    if (m[1]) words.push(t('filterState', { state: answerStateText(m[2]) }));
    else if (m[3]) words.push(t('filterTemplate', { name: names.templates.get(Number(m[4])) ?? m[4] }));
    else if (m[5]) words.push(t('filterPackage', { id: m[6] }));
    else if (m[7]) words.push(t('filterDeleteAfter', { date: m[8] }));
    else if (m[0] === 'by recipient') words.push(t('filterRecipient'));
    else {
      words.push({ dates: t('filterDates'), attention: t('filterAttention'), documented: t('filterDocumented'),
        not_documented: t('filterNotDocumented'), identify: t('filterIdentify'), 'values=codes': t('filterCodes'),
        'values=labels': t('filterLabels'), 'format=sv': t('filterSv'), 'format=international': t('filterIntl') }[m[9]] ?? m[9]);
    }
  }
  return words;
}

// ---- The page's markup -------------------------------------------------------------------------------------
function filters(s, a) {
  const f = s.filters;
  const e = s.errors;
  const option = ([value, key]) => html`<option value=${value} ?selected=${f.action === value}>${t(key)}</option>`;
  const date = (id, key, label) => html`<div class="field">
    <label for=${id}>${t(label)}</label>${fieldError(e, id)}
    <input type="date" id=${id} .value=${f[key]} aria-invalid=${invalid(e, id)} aria-describedby=${describedBy(e, id)}
      @input=${(ev) => { f[key] = ev.target.value; }}>
  </div>`;
  return html`<form class="audit-filters" novalidate @submit=${a.apply}>
    <fieldset class="box">
      <legend>${t('auditFilters')}</legend>
      <div class="filter-row">
        <div class="field">
          <label for="audit-kind">${t('auditKind')}</label>
          <select id="audit-kind" @change=${(ev) => { f.action = ev.target.value; }}>
            <option value="" ?selected=${!f.action}>${t('auditKindAll')}</option>
            <optgroup label=${t('auditKindGroup')}>${kinds.map(option)}</optgroup>
            <optgroup label=${t('auditActionGroup')}>${Object.entries(actions)
              .sort(([, p], [, q]) => t(p).localeCompare(t(q))).map(option)}</optgroup>
          </select>
        </div>
        <div class="field">
          <label for="audit-staff">${t('auditStaff')}</label>
          <p class="hint" id="audit-staff-hint">${t('auditStaffHint')}</p>${fieldError(e, 'audit-staff')}
          <input type="text" id="audit-staff" list="audit-staff-names" autocomplete="off" autocapitalize="none" spellcheck="false"
            .value=${f.staff} aria-describedby=${describedBy(e, 'audit-staff', 'audit-staff-hint')} aria-invalid=${invalid(e, 'audit-staff')}
            @input=${(ev) => { f.staff = ev.target.value.trim(); }}>
          <datalist id="audit-staff-names">${[...s.names.staff.values()].map((m) => html`<option value=${m.username}>${m.name}</option>`)}</datalist>
        </div>
        ${date('audit-from', 'from', 'auditFrom')}
        ${date('audit-to', 'to', 'auditTo')}
      </div>
      <div class="row-buttons">
        <button type="submit" class="button" id="audit-apply" ?disabled=${s.loading}>${t('auditShow')}</button>
        <button type="button" class="button secondary" id="audit-clear" ?disabled=${s.loading} @click=${a.clear}>${t('auditClear')}</button>
      </div>
    </fieldset>
  </form>`;
}

const entryRow = (names) => (x) => html`<tr>
  <td data-label=${t('colAuditAt')}>${dateTime(x.at)}</td>
  <td data-label=${t('colAuditStaff')}>${x.staff ? html`<code>${x.staff}</code>` : '–'}</td>
  <th scope="row" data-label=${t('colAuditAction')}>${actionText(x.action)}</th>
  <td data-label=${t('colAuditTarget')}>${targetText(x.target, names)}</td>
  <td data-label=${t('colAuditDetails')}>${detailsText(x, names)}</td>
</tr>`;

// state: {filters, entries, next, loading, errors, names}; actions: {apply, clear, more}.
export function view(s, a) {
  const count = s.entries.length;
  return html`${adminNav('#/administrera/loggbok')}<h1>${t('auditTitle')}</h1>${errorSummary(s.errors)}
    <p>${t('auditIntro')}</p>
    ${filters(s, a)}
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading" tabindex="-1">${t('auditHeading')}</h2>
      <p id="audit-count" role="status">${!count ? t('auditNone')
        : `${count === 1 ? t('auditCountOne') : t('auditCount', { count })} ${s.next === null ? t('auditAllShown') : t('auditMoreExist')}`}</p>
      ${count ? html`<div class="table-wrap"><table class="list" id="audit">
        <caption class="visually-hidden">${t('auditCaption')}</caption>
        <thead><tr><th scope="col">${t('colAuditAt')}</th><th scope="col">${t('colAuditStaff')}</th><th scope="col">${t('colAuditAction')}</th>
          <th scope="col">${t('colAuditTarget')}</th><th scope="col">${t('colAuditDetails')}</th></tr></thead>
        <tbody>${repeat(s.entries, (x) => x.id, entryRow(s.names))}</tbody>
      </table></div>` : nothing}
      ${showMore(s.next, s.loading, a.more)}
    </section>`;
}

// ---- Entering the address ----------------------------------------------------------------------------------
const empty = () => ({ action: '', staff: '', from: '', to: '' });
const isDate = (v) => !v || /^\d{4}-\d{2}-\d{2}$/.test(v);

export async function enter() {
  const current = visit();
  const here = unit();
  const [first, people, templates] = await Promise.all([
    adminApi.audit(empty()),
    adminApi.staff().then((r) => r.json.staff, () => []),
    designApi.templates().then((r) => r.json.templates, () => []),
  ]);
  const s = {
    filters: empty(), shown: empty(), entries: first.json.entries, next: first.json.next, loading: false, errors: [],
    names: {
      staff: new Map(people.map((m) => [m.id, m])), templates: new Map(templates.map((x) => [x.id, x.name])),
      unitId: here?.id, unitName: here?.name ?? '',
    },
  };
  const draw = () => { if (current()) show(t('auditTitle'), view(s, a)); };
  const load = async (filters) => {
    s.loading = true;
    draw();
    try {
      const r = (await adminApi.audit(filters)).json;
      s.entries = r.entries;
      s.next = r.next;
      s.shown = { ...filters };
      s.errors = [];
    } catch (e) {
      s.loading = false;
      if (leftPage(e)) return false;
      const field = e instanceof ApiError && e.field ? `audit-${e.field}` : 'audit-apply';
      s.errors = [{ field: ['audit-from', 'audit-to', 'audit-staff'].includes(field) ? field : 'audit-apply', text: messageOf(e) }];
      draw();
      focusSummary();
      return false;
    }
    s.loading = false;
    draw();
    return true;
  };

  const a = {
    async apply(ev) {
      ev.preventDefault();
      const f = s.filters;
      s.errors = [];
      if (!isDate(f.from)) s.errors.push({ field: 'audit-from', text: t('auditDateBad') });
      if (!isDate(f.to)) s.errors.push({ field: 'audit-to', text: t('auditDateBad') });
      if (!s.errors.length && f.from && f.to && f.from > f.to) s.errors.push({ field: 'audit-from', text: t('auditFromAfterTo') });
      if (s.errors.length) {
        draw();
        focusSummary();
        return;
      }
      if (await load({ ...f })) document.getElementById('audit-heading')?.focus();
    },
    async clear() {
      s.filters = empty();
      if (await load(empty())) document.getElementById('audit-heading')?.focus();
    },
    async more() {
      const shown = s.entries.length;
      s.loading = true;
      draw();
      try {
        const r = (await adminApi.audit(s.shown, s.next)).json;
        s.entries = [...s.entries, ...r.entries];
        s.next = r.next;
      } catch (e) {
        handleError(e);
        return;
      } finally {
        s.loading = false;
      }
      draw();
      // Focus to the first new row, so that the keyboard goes on where the list grew.
      const row = document.querySelectorAll('#audit tbody tr')[shown]?.querySelector('th');
      if (row) {
        row.setAttribute('tabindex', '-1');
        row.focus();
      }
    },
  };
  draw();
  focusMain();
}
