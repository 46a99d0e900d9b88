// lit-html as the web apps import it: the one file that names the vendored modules (vendor/lit-html/, copied
// from node_modules by wasm/CMakeLists.txt), so a page imports its templates from here by relative path.
export { html, nothing, render, svg } from '../vendor/lit-html/lit-html.js';
export { keyed } from '../vendor/lit-html/directives/keyed.js';
export { repeat } from '../vendor/lit-html/directives/repeat.js';
