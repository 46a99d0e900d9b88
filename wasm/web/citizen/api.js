// The citizen's endpoints of the server's API (docs/api.md, "Citizen"), over lib/api.js's call().
import { call } from '../lib/api.js';

export const api = {
  me: () => call('GET', '/citizen/me'),
  demoPeople: () => call('GET', '/citizen/demo-people'),
  login: (personnummer) => call('POST', '/citizen/login', personnummer === undefined ? {} : { personnummer }),
  logout: () => call('POST', '/citizen/logout', {}),
  forms: (lang) => call('GET', `/citizen/forms?lang=${encodeURIComponent(lang)}`),
  start: (template) => call('POST', '/citizen/forms', { template }),
  actFor: (child) => call('PUT', '/citizen/acting-for', { child }),
  form: (id) => call('GET', `/citizen/forms/${id}`),
  savePage: (id, page, revision, answers) => call('PUT', `/citizen/forms/${id}/pages/${encodeURIComponent(page)}`, { revision, answers }),
  review: (id, revision) => call('POST', `/citizen/forms/${id}/review`, { revision }),
  submit: (id, revision) => call('POST', `/citizen/forms/${id}/submit`, { revision }),
  claimLink: (token) => call('POST', '/citizen/links', { token }),
  claimCode: (code) => call('POST', '/citizen/links', { code }),
  inbox: () => call('GET', '/citizen/inbox'),
  readMessage: (id) => call('POST', `/citizen/inbox/${id}/read`, {}),
  upload: (id, item, file) => call('POST', `/citizen/forms/${id}/attachments/${encodeURIComponent(item)}?name=${encodeURIComponent(file.name)}`,
    file, { raw: true, headers: { 'Content-Type': 'application/octet-stream' } }),
};
