// The server's citizen API (docs/api.md): JSON over fetch, the session cookie, the CSRF token.
let csrf = '';

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code ?? (status === 0 ? 'network' : 'http');
    this.field = body?.error?.field ?? '';
    this.body = body;
  }
}

export function setCsrf(token) { csrf = token ?? ''; }

// Called whenever the server answers 401: there is no session (any more).
let sessionEnded = () => {};
export function whenSessionEnds(fn) { sessionEnded = fn; }

export async function call(method, path, body, { raw = false, headers = {} } = {}) {
  const init = { method, credentials: 'same-origin', headers: { ...headers } };
  if (method !== 'GET') init.headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) {
    if (raw) {
      init.body = body;
    } else {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
  }
  let res;
  try {
    res = await fetch(`/api/v1${path}`, init);
  } catch {
    throw new ApiError(0, null);
  }
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (res.status === 401) sessionEnded();
  // 422 with a result is an answer (the issues), not a failure of the call.
  if (!res.ok && !(res.status === 422 && json?.result)) throw new ApiError(res.status, json);
  return { status: res.status, json };
}

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
  upload: (id, item, file) => call('POST', `/citizen/forms/${id}/attachments/${encodeURIComponent(item)}?name=${encodeURIComponent(file.name)}`,
    file, { raw: true, headers: { 'Content-Type': 'application/octet-stream' } }),
};
