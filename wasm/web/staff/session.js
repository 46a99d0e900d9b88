// Who is logged in to the staff app (GET /staff/me: the staff member, the units with their roles, the
// chosen unit), logging in and out, choosing the unit, and the address wanted before the login; the
// header follows through onSessionChange().
import { ApiError, setCsrf, whenSessionEnds } from '../lib/api.js';
import { api } from './api.js';

let me = null;
let wanted = null;
const listeners = new Set();
const changed = () => { for (const fn of listeners) fn(me); };

function adopt(json) {
  me = json;
  setCsrf(me.csrf);
  changed();
}

// The me object ({staff, units: [{id, code, name, roles}], unit, csrf}) or null.
export function staff() { return me; }

// The chosen unit ({id, code, name, roles}) or null.
export function unit() { return me?.units.find((u) => u.id === me.unit) ?? null; }

// Whether the staff member has the role (sender, reader, designer, admin) at the chosen unit.
export function hasRole(role) { return unit()?.roles.includes(role) ?? false; }

export function onSessionChange(fn) { listeners.add(fn); }

// Asks who is logged in; no session (401) or a citizen's (403) is nobody.
export async function loadMe() {
  try {
    adopt((await api.me()).json);
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 401 && e.status !== 403)) throw e;
    me = null;
    changed();
  }
}

export async function login(username, password) { adopt((await api.login(username, password)).json); }

export async function chooseUnit(id) { adopt((await api.chooseUnit(id)).json); }

export async function logout() {
  try { await api.logout(); } catch { /* the session may be gone already */ }
  me = null;
  wanted = null;
  changed();
}

// A call was answered 401: the session is over.
export function sessionEnded() {
  if (!me) return;
  me = null;
  changed();
}
whenSessionEnds(sessionEnded);

// The address a guard turned away to the login or the unit, for after them.
export function rememberWanted(path) { wanted = path; }
export function takeWanted() {
  const w = wanted;
  wanted = null;
  return w;
}
