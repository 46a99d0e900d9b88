// The staff's endpoints of the server's API (docs/api.md, sections 2 and 4), over lib/api.js's call().
import { call } from '../lib/api.js';

const page = (path, before) => (before ? `${path}${path.includes('?') ? '&' : '?'}before=${before}` : path);

export const api = {
  me: () => call('GET', '/staff/me'),
  login: (username, password) => call('POST', '/staff/login', { username, password }),
  logout: () => call('POST', '/staff/logout', {}),
  chooseUnit: (unit) => call('PUT', '/staff/unit', { unit }),
  // Mina inställningar: one's own address and the forms one follows at the unit.
  settings: () => call('GET', '/staff/settings'),
  saveSettings: (settings) => call('PUT', '/staff/settings', settings),
  templates: () => call('GET', '/templates'),
  version: (id, version) => call('GET', `/templates/${id}/versions/${version}`),
  check: (recipients) => call('POST', '/dispatches/check', { recipients }),
  send: (dispatch) => call('POST', '/dispatches', dispatch),
  links: (request) => call('POST', '/dispatches/links', request),
  dispatches: (before) => call('GET', page('/dispatches', before)),
  dispatch: (id) => call('GET', `/dispatches/${id}`),
  // The paper letter of one recipient: a PDF ({blob, filename}).
  letter: (dispatch, instance) => call('POST', `/dispatches/${dispatch}/letters/${instance}`, {}, { file: true }),
};
