// What the Design pages share: the template endpoints (docs/api.md, "Templates"), the module's page
// list, the names of kinds, states and marks, the state changes a version allows, and the template
// error codes as texts.
import { call } from '../lib/api.js';
import { html, nothing } from '../lib/html.js';
import { addErrorTexts, addTexts, t } from '../lib/i18n.js';
import { subnav } from './design-admin-parts.js';
import { unit } from './session.js';

addTexts({
  sv: {
    designNav: 'Design',
    designListNav: 'Formulärmallar',
    designUploadNav: 'Ladda upp eller importera',
    designSharedNav: 'Gemensamma mallar',
    designPackagesNav: 'Paketmallar',
    kindQuestionnaire: 'Frågeformulär',
    kindCase: 'Ärendeformulär',
    kindInformation: 'Informationsmall',
    stateUnpublished: 'Opublicerad',
    statePending: 'Väntar på granskning',
    statePublished: 'Publicerad',
    stateArchived: 'Arkiverad',
    markNational: 'Nationell',
    markShared: 'Gemensam',
    markPublic: 'Publik',
    markOwner: 'Ägs av {unit}',
    actSubmitReview: 'Skicka för granskning',
    actPublish: 'Publicera',
    actArchive: 'Arkivera',
    actRepublish: 'Återpublicera',
    actWithdraw: 'Dra tillbaka',
    errTemplateInvalid: 'Formulärdefinitionen har fel.',
    errTemplateVersion: 'Den versionen finns redan. Ladda upp ett högre versionsnummer.',
    errTemplateKind: 'En ny version behåller mallens slag (frågeformulär, ärendeformulär eller informationsmall).',
    errTemplateState: 'Versionen kan inte få den statusen från den status den har nu. Ladda om sidan och försök igen.',
    errTemplateNotOwner: 'Bara enheten som äger mallen kan ändra den.',
    errTemplateUnpublished: 'Mallen har ingen publicerad version att exportera.',
  },
  en: {
    designNav: 'Design',
    designListNav: 'Form templates',
    designUploadNav: 'Upload or import',
    designSharedNav: 'Shared templates',
    designPackagesNav: 'Package templates',
    kindQuestionnaire: 'Questionnaire',
    kindCase: 'Case form',
    kindInformation: 'Information template',
    stateUnpublished: 'Unpublished',
    statePending: 'Awaiting review',
    statePublished: 'Published',
    stateArchived: 'Archived',
    markNational: 'National',
    markShared: 'Shared',
    markPublic: 'Public',
    markOwner: 'Owned by {unit}',
    actSubmitReview: 'Submit for review',
    actPublish: 'Publish',
    actArchive: 'Archive',
    actRepublish: 'Publish again',
    actWithdraw: 'Withdraw',
    errTemplateInvalid: 'The form definition has errors.',
    errTemplateVersion: 'That version exists already. Upload a higher version number.',
    errTemplateKind: 'A new version keeps the template\'s kind (questionnaire, case form or information template).',
    errTemplateState: 'The version cannot get that status from the one it has now. Reload the page and try again.',
    errTemplateNotOwner: 'Only the unit that owns the template can change it.',
    errTemplateUnpublished: 'The template has no published version to export.',
  },
});

addErrorTexts({
  'template.invalid': 'errTemplateInvalid',
  'template.version': 'errTemplateVersion',
  'template.kind': 'errTemplateKind',
  'template.state': 'errTemplateState',
  'template.not_owner': 'errTemplateNotOwner',
  'template.unpublished': 'errTemplateUnpublished',
});

export const designApi = {
  templates: () => call('GET', '/templates'),
  template: (id) => call('GET', `/templates/${id}`),
  shared: () => call('GET', '/templates/shared'),
  // The form definition's bytes as the body; query: {kind, public} for a new template, {} for a version.
  upload: (bytes, query) => {
    const q = new URLSearchParams(query).toString();
    return call('POST', `/templates${q ? `?${q}` : ''}`, bytes, { raw: true, headers: { 'Content-Type': 'application/json' } });
  },
  setState: (id, version, state) => call('PUT', `/templates/${id}/versions/${version}`, { state }),
  settings: (id, flags) => call('PUT', `/templates/${id}`, flags),
  subscribe: (id) => call('POST', `/templates/${id}/subscription`, {}),
  exportFile: (id) => call('GET', `/templates/${id}/export`, undefined, { file: true }),
};

// The Design pages, as a navigation under the menu.
const pages = [
  { href: '#/design', text: 'designListNav' },
  { href: '#/design/ladda-upp', text: 'designUploadNav' },
  { href: '#/design/gemensamma', text: 'designSharedNav' },
  { href: '#/design/paket', text: 'designPackagesNav' },
];
export const designNav = (current, within = null) => subnav(t('designNav'), pages, current, within);

const kinds = { questionnaire: 'kindQuestionnaire', case: 'kindCase', information: 'kindInformation' };
export const kindText = (kind) => t(kinds[kind] ?? kind);
export const kindNames = Object.keys(kinds);

const states = { unpublished: 'stateUnpublished', pending: 'statePending', published: 'statePublished', archived: 'stateArchived' };
export const stateText = (state) => t(states[state] ?? state);
export const stateBadge = (state) => html`<span class="tstate tstate-${state}">${stateText(state)}</span>`;

// The state changes a version allows (docs/api.md), each with its button's text, in the order shown.
export const transitions = {
  unpublished: [['pending', 'actSubmitReview'], ['published', 'actPublish']],
  pending: [['published', 'actPublish'], ['unpublished', 'actWithdraw']],
  published: [['archived', 'actArchive']],
  archived: [['published', 'actRepublish']],
};

// Whether the chosen unit owns the template (only the owner changes it).
export const owned = (template) => template.unit.id === unit()?.id;

// The marks of a template: national, shared, public, and the owner when it is another unit.
export function marks(x) {
  const list = [x.national ? t('markNational') : '', x.shared ? t('markShared') : '', x.public ? t('markPublic') : '',
    owned(x) ? '' : t('markOwner', { unit: x.unit.name })].filter(Boolean);
  return list.length ? html`<ul class="marks">${list.map((m) => html`<li>${m}</li>`)}</ul>` : nothing;
}
