// What the Administrera pages share: the administration endpoints (docs/api.md, "Administration"), the
// module's page list, the roles in the order 1177 lists its modules, and the administration error codes
// as texts.
import { call } from '../lib/api.js';
import { addErrorTexts, addTexts, t } from '../lib/i18n.js';
import { subnav } from './design-admin-parts.js';

addTexts({
  sv: {
    adminNav: 'Administrera',
    adminHomeNav: 'Översikt',
    adminStaffNav: 'Personal och behörigheter',
    adminCitizensNav: 'Invånare',
    adminUnitNav: 'Enhetens inställningar',
    adminAuditNav: 'Loggbok',
    adminRecordsNav: 'Journalsystem',
    adminWebhooksNav: 'Webhooks',
    errAdminSelf: 'Du kan inte ta bort din egen administratörsbehörighet eller stänga av ditt eget konto. Be en annan administratör om det behövs.',
    errStaffExists: 'Användarnamnet är upptaget. Ge användaren behörighet i stället.',
  },
  en: {
    adminNav: 'Administration',
    adminHomeNav: 'Overview',
    adminStaffNav: 'Staff and roles',
    adminCitizensNav: 'Citizens',
    adminUnitNav: 'Unit settings',
    adminAuditNav: 'Audit log',
    adminRecordsNav: 'Record systems',
    adminWebhooksNav: 'Webhooks',
    errAdminSelf: 'You cannot remove your own administrator role or turn off your own account. Ask another administrator if needed.',
    errStaffExists: 'The user name is taken. Grant the user a role instead.',
  },
});

addErrorTexts({
  'admin.self': 'errAdminSelf',
  'staff.exists': 'errStaffExists',
});

const query = (params) => {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v !== null && v !== undefined)).toString();
  return q ? `?${q}` : '';
};

export const adminApi = {
  staff: () => call('GET', '/admin/staff'),
  createStaff: (username, name, role) => call('POST', '/admin/staff', { username, name, role }),
  setDisabled: (id, disabled) => call('PUT', `/admin/staff/${id}`, { disabled }),
  grant: (username, role) => call('POST', '/admin/roles', { username, role }),
  revoke: (username, role) => call('DELETE', '/admin/roles', { username, role }),
  citizen: (personnummer) => call('GET', `/admin/citizens${query({ personnummer })}`),
  changeCitizen: (id, change) => call('PUT', `/admin/citizens/${id}`, change),
  // filters: {action, staff, from, to}; before: the next page's cursor.
  audit: (filters, before) => call('GET', `/admin/audit${query({ ...filters, before })}`),
  unitSettings: () => call('GET', '/admin/unit'),
  setUnitSettings: (settings) => call('PUT', '/admin/unit', settings),
  recordSystems: () => call('GET', '/admin/record-systems'),
  registerRecordSystem: (name) => call('POST', '/admin/record-systems', { name }),
  revokeRecordSystem: (id) => call('DELETE', `/admin/record-systems/${id}`),
};

// The roles in 1177's order of its modules (Utskick, Uppföljning, Design, Administrera), then the export
// area's own permission (Export av formulärsvar).
export const roles = ['sender', 'reader', 'designer', 'admin', 'exporter'];

const pages = [
  { href: '#/administrera', text: 'adminHomeNav' },
  { href: '#/administrera/personal', text: 'adminStaffNav' },
  { href: '#/administrera/invanare', text: 'adminCitizensNav' },
  { href: '#/administrera/enhet', text: 'adminUnitNav' },
  { href: '#/administrera/journalsystem', text: 'adminRecordsNav' },
  { href: '#/administrera/webhooks', text: 'adminWebhooksNav' },
  { href: '#/administrera/loggbok', text: 'adminAuditNav' },
];
export const adminPages = pages.slice(1);
export const adminNav = (current) => subnav(t('adminNav'), pages, current);

// Copies a secret shown once (a new user's password, a journal system's key); where the browser does not
// allow it, selects it in its field for copying by hand. `shown.copied` or `shown.byHand` tells the page
// which to say.
export async function copyOnce(shown, secret, inputId, draw) {
  try {
    await navigator.clipboard.writeText(secret);
    shown.copied = true;
    shown.byHand = false;
    draw();
  } catch {
    shown.byHand = true;
    draw();
    const input = document.getElementById(inputId);
    input.focus();
    input.select();
  }
}
