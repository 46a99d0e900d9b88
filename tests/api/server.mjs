// Starts the real `blankett serve` on a free loopback port with a fresh database, and talks to it as
// staff and citizens do: a session cookie and the session's CSRF token.
import { execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const binary = process.env.BLANKETT_BIN ?? path.join(root, 'build/release/cli/blankett');

// The backend the servers of these tests use: an SQLite file each (the default), or with
// BLANKETT_TEST_DATABASE=postgresql a fresh PostgreSQL database each on the server that
// BLANKETT_TEST_POSTGRES names (its maintenance database's URL; scripts/test starts one).
export const backend = process.env.BLANKETT_TEST_DATABASE === 'postgresql' ? 'postgresql' : 'sqlite';
export const onPostgres = backend === 'postgresql';
const postgresAdmin = process.env.BLANKETT_TEST_POSTGRES;
if (onPostgres && !postgresAdmin) throw new Error('BLANKETT_TEST_DATABASE=postgresql needs BLANKETT_TEST_POSTGRES');
let databases = 0;

// psql with a URL, unaligned and tuples only: rows as "a|b" lines, as the sqlite3 shell prints them.
export function psql(url, sql) {
  return execFileSync('psql', [url, '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' }).trim();
}

// A URL of the tests' PostgreSQL server for database `name`.
export function postgresUrl(name) {
  const url = new URL(postgresAdmin);
  url.pathname = `/${name}`;
  return url.toString();
}

// Skatteverket test numbers of the demo citizens (server/store/demo.cpp).
export const people = {
  anna: '197601022382', // woman, 50: PHQ-9 and the health survey waiting
  erik: '197601012391', // man, 50
  sara: '198501012382', // guardian of Lova
  lova: '201601022385', // child under 13
  kim: '199001032391', // protected identity
  // Who submitted the demo's answers yesterday (server/demo_answers.cpp).
  greta: '196205143248', // PHQ-9 with item 9 answered: a critical alert
  olof: '196205262816',
  maja: '199001012385',
  ali: '199001072397',
  ingrid: '197604012380', // the Hälsoenkät, without measurements
};

export class Server {
  // options: extra flags for `blankett serve` ({rate: 100000} becomes --rate 100000).
  static async start(options = {}) {
    const s = Server.create();
    await s.launch(options);
    return s;
  }

  // A server with its folder and database, not started yet (launch() starts it).
  static create() {
    const s = new Server();
    s.dir = mkdtempSync(path.join(tmpdir(), 'blankett-api-'));
    if (onPostgres) {
      s.databaseName = `blankett_api_${process.pid}_${databases++}`;
      psql(postgresAdmin, `CREATE DATABASE ${s.databaseName}`);
      s.database = postgresUrl(s.databaseName);
    } else {
      s.database = path.join(s.dir, 'blankett.db');
    }
    s.logFile = path.join(s.dir, 'server.log');
    return s;
  }

  // Another node on this server's database (PostgreSQL), not started yet: a process of its own, its
  // own log; it shares the demo passwords that whichever node seeded printed.
  node() {
    const n = new Server();
    n.dir = mkdtempSync(path.join(tmpdir(), 'blankett-api-node-'));
    n.database = this.database;
    n.logFile = path.join(n.dir, 'server.log');
    n.passwords = this.passwords ??= {};
    return n;
  }

  // Runs SQL on the server's database with the backend's own shell; rows as "a|b" lines.
  sql(statement) {
    if (onPostgres) return psql(this.database, statement);
    return execFileSync('sqlite3', [this.database, statement], { encoding: 'utf8' }).trim();
  }

  // options: flags as for start(), and `env`: variables for the process (a crash test's fault).
  async launch(options = {}) {
    const { env = {}, ...rest } = options;
    const flags = { port: 0, database: this.database, 'log-file': this.logFile, samples: path.join(root, 'samples'),
                    'outbox-dir': path.join(this.dir, 'outbox'), rate: 100000, demo: 'on', ...rest };
    const args = ['serve'];
    for (const [k, v] of Object.entries(flags)) args.push(`--${k}`, String(v));
    this.stdout = '';
    this.stderr = '';
    this.proc = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.proc.stderr.on('data', (d) => { this.stderr += d; });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${this.stdout}\n${this.stderr}`)), 60000);
      this.proc.stdout.on('data', (d) => {
        this.stdout += d;
        const m = /listens on (http:\/\/[^/\s]+)\//.exec(this.stdout);
        if (m) {
          clearTimeout(timer);
          this.base = m[1];
          resolve();
        }
      });
      this.proc.on('exit', () => reject(new Error(`server exited:\n${this.stdout}\n${this.stderr}`)));
    });
    // Demo passwords are printed once, at the first start (by the one node that seeds).
    for (const m of this.stdout.matchAll(/^ {2}(\S+)\s+password (\S+)/gm)) {
      this.passwords ??= {};
      this.passwords[m[1]] = m[2];
    }
  }

  async stop(signal = 'SIGTERM') {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill(signal);
    return this.exited;
  }

  async restart(options = {}) {
    await this.stop();
    await this.launch(options);
  }

  log() {
    try { return readFileSync(this.logFile, 'utf8'); } catch { return ''; }
  }

  // Resolves once the log has a line matching `pattern`: waits on the file's changes, not on a timer.
  async logged(pattern) {
    if (pattern.test(this.log())) return;
    await new Promise((resolve) => {
      const watcher = watch(this.logFile, () => {
        if (pattern.test(this.log())) { watcher.close(); resolve(); }
      });
      if (pattern.test(this.log())) { watcher.close(); resolve(); }  // written before the watch began
    });
  }

  // How many lines of the log match `pattern` (a RegExp).
  logCount(pattern) {
    return this.log().split('\n').filter((line) => pattern.test(line)).length;
  }

  // Resolves once `n` lines of the log match `pattern`: waits on the file's changes, not on a timer.
  async loggedTimes(pattern, n) {
    if (this.logCount(pattern) >= n) return;
    await new Promise((resolve) => {
      const watcher = watch(this.logFile, () => {
        if (this.logCount(pattern) >= n) { watcher.close(); resolve(); }
      });
      if (this.logCount(pattern) >= n) { watcher.close(); resolve(); }
    });
  }

  // The server's resident memory in bytes (Linux).
  rss() {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'));
    return Number(m[1]) * 1024;
  }

  async close() {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
    if (this.databaseName) psql(postgresAdmin, `DROP DATABASE IF EXISTS ${this.databaseName} WITH (FORCE)`);
  }

  client() { return new Client(this.base); }

  async staff(username, unit) {
    const c = this.client();
    const r = await c.post('/api/v1/staff/login', { username, password: this.passwords[username] });
    if (r.status !== 200) throw new Error(`staff login ${username}: ${r.status} ${r.text}`);
    if (unit !== undefined) {
      const u = r.json.units.find((x) => x.code === unit);
      const r2 = await c.put('/api/v1/staff/unit', { unit: u.id });
      if (r2.status !== 200) throw new Error(`unit ${unit}: ${r2.status} ${r2.text}`);
      c.me = r2.json;
    } else {
      c.me = r.json;
    }
    return c;
  }

  async citizen(personnummer) {
    const c = this.client();
    const r = await c.post('/api/v1/citizen/login', { personnummer });
    if (r.status !== 200) throw new Error(`citizen login: ${r.status} ${r.text}`);
    c.me = r.json;
    return c;
  }
}

export class Client {
  constructor(base) {
    this.base = base;
    this.cookie = '';
    this.csrf = '';
  }

  async request(method, url, body, headers = {}) {
    const h = { ...headers };
    if (this.cookie) h.Cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['X-CSRF-Token'] = this.csrf;
    let payload;
    if (body !== undefined) {
      payload = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
      h['Content-Type'] ??= 'application/json';
    }
    const res = await fetch(this.base + url, { method, headers: h, body: payload });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = /blankett_session=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[1] ? `blankett_session=${m[1]}` : '';
      this.setCookie = setCookie;
    }
    const text = await res.text();
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    if (json && typeof json.csrf === 'string') this.csrf = json.csrf;
    return { status: res.status, json, text, headers: res.headers };
  }

  get(url) { return this.request('GET', url); }
  post(url, body = {}) { return this.request('POST', url, body); }
  put(url, body = {}) { return this.request('PUT', url, body); }
  delete(url) { return this.request('DELETE', url); }
}

export function sample(name, file) {
  return JSON.parse(readFileSync(path.join(root, 'samples', name, file), 'utf8'));
}

// POSTs a chunked body of zeros to `path`, as fast as the server takes it, until the server answers or
// `maxBytes` have gone. Resolves with {status, sent} ("error" when the connection failed first).
export function streamChunked(base, path, maxBytes) {
  const url = new URL(base);
  const chunk = Buffer.alloc(64 * 1024);
  let sent = 0;
  return new Promise((resolve) => {
    let answered = false;
    const req = http.request({ host: url.hostname, port: url.port, method: 'POST', path, agent: false,
                               headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => {
      answered = true;
      res.resume();
      resolve({ status: res.statusCode, sent });
    });
    req.on('error', () => resolve({ status: 'error', sent }));
    const pump = () => {
      while (!answered && sent < maxBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

// A citizen answers a form whole and submits it, as the browser would: each page's answers saved with
// the revision, then review and submit. Resolves to the submit's answer.
export async function answerForm(citizen, id, answers) {
  const opened = await citizen.get(`/api/v1/citizen/forms/${id}`);
  const pageOf = {};
  const walk = (items, page) => { for (const it of items ?? []) { if (it.id) pageOf[it.id] = page; walk(it.items, page); } };
  for (const p of opened.json.form.pages) walk(p.items, p.id);
  const pages = {};
  for (const [k, v] of Object.entries(answers)) (pages[pageOf[k]] ??= {})[k] = v;
  let revision = opened.json.revision;
  for (const [page, values] of Object.entries(pages)) {
    const r = await citizen.put(`/api/v1/citizen/forms/${id}/pages/${page}`, { revision, answers: values });
    if (r.status !== 200) throw new Error(`saving page ${page}: ${r.status} ${r.text}`);
    revision = r.json.revision;
  }
  const reviewed = await citizen.post(`/api/v1/citizen/forms/${id}/review`);
  if (reviewed.status !== 200) throw new Error(`review: ${reviewed.status} ${reviewed.text}`);
  const submitted = await citizen.post(`/api/v1/citizen/forms/${id}/submit`);
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${submitted.text}`);
  return submitted.json;
}
