// tonghop's service worker (tonghop/pwa.py, docs/offline.md): Workbox from the app's own files.
importScripts({{ workbox_sw|safe }});
const MODULES = {{ modules|safe }};
workbox.setConfig({ debug: false, modulePathCb: (name) => MODULES[name] });

self.skipWaiting();
workbox.core.clientsClaim();
workbox.precaching.cleanupOutdatedCaches();
workbox.precaching.precacheAndRoute({{ precache|safe }});

// A page is kept only as the server gave it to a logged-in visitor: never a redirect (to the
// login page, or away from a report no longer editable) nor an error page.
const onlyPlainPages = {
  cacheWillUpdate: async ({ response }) =>
    response && response.status === 200 && !response.redirected ? response : null,
};
const PAGES = {{ pages|safe }}.map((pattern) => new RegExp(pattern));
workbox.routing.registerRoute(
  ({ request, url }) =>
    request.mode === "navigate" &&
    url.origin === self.location.origin &&
    PAGES.some((page) => page.test(url.pathname)),
  new workbox.strategies.NetworkFirst({
    cacheName: "tonghop-pages",
    networkTimeoutSeconds: 10,
    plugins: [onlyPlainPages, new workbox.expiration.ExpirationPlugin({ maxEntries: 60 })],
  }),
);
