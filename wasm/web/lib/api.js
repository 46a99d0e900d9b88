// The server's API for the web apps (docs/api.md): JSON over fetch, the session cookie, the CSRF token,
// failures as ApiError. Each app lists its own endpoints on top of call() (citizen/api.js).
let csrf = '';

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.error?.code ?? (status === 0 ? 'network' : 'http');
    this.field = body?.error?.field ?? '';
    this.body = body;
  }
}

// The token the session's login or GET .../me gave; every call but a GET sends it.
export function setCsrf(token) { csrf = token ?? ''; }

// Called whenever the server answers 401: there is no session (any more).
let sessionEnded = () => {};
export function whenSessionEnds(fn) { sessionEnded = fn; }

// One call: path is below /api/v1. body is sent as JSON, or as it is with {raw: true}. Resolves to
// {status, json}; a failure (the network, or a status that is not ok) rejects with an ApiError.
// With {file: true} a successful answer is a file (a PDF): {status, blob, filename} (the name from
// Content-Disposition); a failure is read as JSON as always.
export async function call(method, path, body, { raw = false, headers = {}, file = false } = {}) {
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
  if (file && res.ok) {
    const blob = await res.blob().catch(() => null);
    if (!blob) throw new ApiError(0, null);
    return { status: res.status, blob, filename: fileName(res.headers.get('Content-Disposition')) };
  }
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (res.status === 401) sessionEnded();
  // 422 with a result is an answer (the issues), not a failure of the call.
  if (!res.ok && !(res.status === 422 && json?.result)) throw new ApiError(res.status, json);
  return { status: res.status, json };
}

// The file name a Content-Disposition header gives (filename*=UTF-8'' first, then filename=), or ''.
function fileName(disposition) {
  if (!disposition) return '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (utf8) {
    try { return decodeURIComponent(utf8[1].trim()); } catch { /* fall back to the plain name */ }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1].trim() ?? '';
}
