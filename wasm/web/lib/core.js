// The WebAssembly core (blankett-core.js, loaded by a classic <script> that defines BlankettCore), compiled
// once per page load however many pages ask for it; "today" for the core, which has no clock; the
// app's timing marks, which bench/web/page_timings.mjs reads.
export const timings = { start: performance.now() };
window.blankettTimings = timings;

let core = null;

// Resolves to the core's module (FormSession, validateDocument; docs/render-model.md). The first call
// starts the compilation: call it early (at the app's start) so that it runs while the citizen logs in.
export function loadCore() {
  core ??= new Promise((resolve, reject) => {
    const ready = () => window.BlankettCore().then((module) => {
      timings.coreReady = performance.now();
      resolve(module);
    }, reject);
    // The script is deferred like the app's modules and comes first, so it has usually run already.
    if (window.BlankettCore) ready();
    else window.addEventListener('load', ready, { once: true });
  });
  return core;
}

// The browser's local date as YYYY-MM-DD: the day the citizen answers on (ages, deadlines in forms).
export function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
