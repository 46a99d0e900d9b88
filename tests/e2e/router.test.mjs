// The web apps' hash router (wasm/web/lib/router.js) without a browser: patterns and their parameters,
// guards that send elsewhere, the not-found page, failures handed to onError, in-page links left alone.
import assert from 'node:assert/strict';
import path from 'node:path';
import { beforeEach, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { root } from '../api/server.mjs';

const { createRouter } = await import(pathToFileURL(path.join(root, 'wasm/web/lib/router.js')));

// The browser's address, as far as the router uses it.
let replaced;
beforeEach(() => {
  replaced = [];
  globalThis.location = { hash: '', replace: (to) => replaced.push(to) };
  globalThis.window = { addEventListener() {} };
});

// A page that records what it was entered with.
const page = (name, log) => ({ enter: async (params) => { log.push([name, params]); } });

function table(log, { loggedIn = true } = {}) {
  return [
    { pattern: '/login', page: page('login', log) },
    { pattern: '/', page: page('forms', log), guard: () => (loggedIn ? true : '/login') },
    { pattern: '/form/:id', page: page('form', log) },
    { pattern: '/form/:id/page/:page', page: page('form', log) },
    { pattern: '/form/:id/review', page: page('review', log) },
  ];
}

test('a path matches its row, with decoded parameters', () => {
  const router = createRouter({ routes: table([]), notFound: page('404', []) });
  const m = router.match('/form/12/page/p%C3%A52');
  assert.equal(m.route.pattern, '/form/:id/page/:page');
  assert.deepEqual(m.params, { id: '12', page: 'på2' });
  assert.deepEqual(router.match('/form/12/review').params, { id: '12' });
  assert.equal(router.match('/').route.pattern, '/');
  assert.equal(router.match('/form/12/').route.pattern, '/form/:id', 'a trailing slash is the same address');
  assert.equal(router.match('/form/12/nope'), null);
  assert.equal(router.match('/form'), null, 'a parameter is never empty');
  assert.equal(router.match('/form/%E0%A4%A'), null, 'a segment that does not decode matches nothing');
});

test('the current address is drawn: its page, a guard\'s other address, or the not-found page', async () => {
  const log = [];
  const seen = [];
  const router = createRouter({ routes: table(log, { loggedIn: false }), notFound: page('404', log), before: (m) => seen.push(m?.route.pattern ?? null) });
  location.hash = '#/form/7/review';
  await router.start();
  location.hash = '#/';
  await router.reload();
  location.hash = '#/no/such/page';
  await router.reload();
  location.hash = '';
  await router.reload();
  assert.deepEqual(log, [['review', { id: '7' }], ['404', { path: '/no/such/page' }]]);
  assert.deepEqual(replaced, ['#/login', '#/login'], 'the guard sends to the login, in place of the refused address');
  assert.deepEqual(seen, ['/form/:id/review', '/', null, '/']);
});

test('an in-page link is left to the browser, and a page\'s failure goes to onError', async () => {
  const log = [];
  const failures = [];
  const failing = { enter: async () => { throw new Error('the server said no'); } };
  const router = createRouter({ routes: [{ pattern: '/x', page: failing }, ...table(log)], notFound: page('404', log),
                                onError: (e) => failures.push(e.message) });
  location.hash = '#main';
  await router.start();
  assert.deepEqual(log, []);
  location.hash = '#/x';
  await router.reload();
  assert.deepEqual(failures, ['the server said no']);
});

test('an address\'s query takes no part in matching: it reaches the page, and a guard keeps it', async () => {
  const entered = [];
  const wanted = [];
  const list = { enter: async (params, query) => { entered.push([params, Object.fromEntries(query)]); } };
  const router = createRouter({
    routes: [{ pattern: '/list', page: list }, { pattern: '/list/:id', page: list },
             { pattern: '/private', page: list, guard: (params, path) => { wanted.push(path); return '/login'; } }],
    notFound: page('404', entered),
  });
  location.hash = '#/list?template=3&attention=true&name=%C3%85sa';
  await router.start();
  location.hash = '#/list/7';
  await router.reload();
  location.hash = '#/private?x=1';
  await router.reload();
  assert.deepEqual(entered, [[{}, { template: '3', attention: 'true', name: 'Åsa' }], [{ id: '7' }, {}]]);
  assert.deepEqual(wanted, ['/private?x=1'], 'the guard sees the query, so that the address comes back whole after the login');
  assert.equal(router.match('/list?x=1'), null, 'match() takes a path without its query');
});
