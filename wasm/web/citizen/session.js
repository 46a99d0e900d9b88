// Who is logged in (GET /citizen/me), and the ends of a session: logout, and a 401 from any call.
// The header follows it through onSessionChange().
import { ApiError, setCsrf, whenSessionEnds } from '../lib/api.js';
import { api } from './api.js';
import { forgetCopies, forgetLink } from './storage.js';

let me = null;
const listeners = new Set();
const changed = () => { for (const fn of listeners) fn(me); };

// Once the server says there is no session, nothing typed stays in the browser.
whenSessionEnds(forgetCopies);

// The logged-in citizen ({name, children, csrf, ...}) or null.
export function citizen() { return me; }

export function onSessionChange(fn) { listeners.add(fn); }

// Asks who is logged in. A 401 (no session) forgets the stored copies on the way (whenSessionEnds).
export async function loadMe() {
  try {
    me = (await api.me()).json;
    setCsrf(me.csrf);
  } catch (e) {
    me = null;
    if (e instanceof ApiError && e.status === 403) forgetCopies();  // another kind of session: none of ours
  }
  changed();
}

export async function login(personnummer) {
  const r = await api.login(personnummer);
  setCsrf(r.json.csrf);
  await loadMe();
}

export async function logout() {
  forgetCopies();
  forgetLink();
  try { await api.logout(); } catch { /* the session may be gone already */ }
  me = null;
  changed();
}

// A call was answered 401: the session is over (its copies are gone already, through whenSessionEnds).
export function sessionEnded() {
  me = null;
  changed();
}
