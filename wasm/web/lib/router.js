// A hash router over a route table: '#/form/12/page/p2' matches {pattern: '/form/:id/page/:page'} with
// params {id: '12', page: 'p2'}. Each row names its page module ({enter(params, query)}) and may have a
// guard. What follows a '?' is the address's query ('#/uppfoljning?template=3&attention=true'): it takes
// no part in matching, and reaches the page as a URLSearchParams (a page's filters, kept by back and
// forward and a reload).
//
//   const router = createRouter({
//     routes: [{ pattern: '/forms', page: forms, guard: loggedIn }, ...],
//     notFound,                      // a page module for addresses no row matches: enter({path})
//     onError,                       // what a page's enter() throws, e.g. a failed call
//     before: (match) => {},         // every navigation, before the guard: match is {route, params} or null
//   });
//   router.start();                  // draws the page of the current address, and of every change
//
// A guard(params, path) (path with its query) returns true to enter, or the path to go to instead
// ('/login'), which replaces the address (the refused one stays out of the tab's history). Addresses
// not starting with '#/' are in-page links (#main, #in-q1) and left to the browser. The hash keeps the
// app one page for the server: every address is index.html.

function compile(route) {
  const parts = route.pattern.split('/').filter(Boolean);
  return { ...route, parts };
}

// The params of path for one route, or null. Segments are decoded; a segment that does not decode
// matches nothing.
function matchOne(route, segments) {
  if (route.parts.length !== segments.length) return null;
  const params = {};
  for (let i = 0; i < segments.length; ++i) {
    const want = route.parts[i];
    let got;
    try { got = decodeURIComponent(segments[i]); } catch { return null; }
    if (want.startsWith(':')) {
      if (!got) return null;
      params[want.slice(1)] = got;
    } else if (want !== got) {
      return null;
    }
  }
  return params;
}

export function createRouter({ routes, notFound, onError = (e) => { throw e; }, before = () => {} }) {
  const table = routes.map(compile);

  function match(path) {
    const segments = path.split('/').filter(Boolean);
    for (const route of table) {
      const params = matchOne(route, segments);
      if (params) return { route, params };
    }
    return null;
  }

  async function go() {
    const hash = location.hash || '#/';
    if (!hash.startsWith('#/')) return;
    const address = hash.slice(1);
    const mark = address.indexOf('?');
    const path = mark < 0 ? address : address.slice(0, mark);
    const found = match(path);
    before(found);
    try {
      if (!found) return await notFound.enter({ path });
      const { route, params } = found;
      const allowed = route.guard ? route.guard(params, address) : true;
      if (allowed !== true) {
        location.replace(`#${allowed}`);
        return;
      }
      return await route.page.enter(params, new URLSearchParams(mark < 0 ? '' : address.slice(mark + 1)));
    } catch (e) {
      onError(e);
    }
  }

  return {
    match,
    // Follows the address from now on and draws the current one.
    start() {
      window.addEventListener('hashchange', () => go());
      return go();
    },
    // Draws the current address again (e.g. in another language).
    reload: go,
  };
}
