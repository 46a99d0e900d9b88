// Loads the staff app's text tables without a browser, in a worker of its own (each app's table is its
// own: the two apps are never loaded in one page): lit-html comes from npm instead of the build's
// vendor/ folder, and the little of the DOM its module touches at load is stubbed. Posts back
// {sv, en, errors}. Used by texts.test.mjs.
import { readdirSync } from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { root } from '../api/server.mjs';

const litHtml = pathToFileURL(path.join(root, 'node_modules/lit-html/')).href;
const hooks = `
export async function resolve(specifier, context, next) {
  if (context.parentURL && /^\\.\\.?\\//.test(specifier)) {
    const url = new URL(specifier, context.parentURL).href;
    const at = url.indexOf('/wasm/web/vendor/lit-html/');
    if (at >= 0) return { url: ${JSON.stringify(litHtml)} + url.slice(at + '/wasm/web/vendor/lit-html/'.length), shortCircuit: true };
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

globalThis.window = globalThis;
globalThis.document = { createTreeWalker: () => ({}), createComment: () => ({}) };

const web = path.join(root, 'wasm/web');
const i18n = await import(pathToFileURL(path.join(web, 'lib/i18n.js')).href);
// Every module of the staff app but its start (which draws the app): each page adds its own texts.
const staffDir = path.join(web, 'staff');
for (const name of readdirSync(staffDir).filter((f) => f.endsWith('.js') && f !== 'main.js').sort()) {
  await import(pathToFileURL(path.join(staffDir, name)).href);
}
parentPort.postMessage({ sv: i18n.textTable('sv'), en: i18n.textTable('en'), errors: i18n.errorTable() });
