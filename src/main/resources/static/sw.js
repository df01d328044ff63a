// Caches the app shell so that the Red Property app opens from the home screen even offline;
// pages themselves always come from the network (they are personal and scoped).
const SHELL = 'linli-shell-v1';
const ASSETS = ['/css/app.css', '/js/app.js', '/webjars/htmx.org/dist/htmx.min.js', '/icons/icon-192.png', '/offline.html', '/manifest.webmanifest'];
self.addEventListener('install', e => e.waitUntil(caches.open(SHELL).then(c => c.addAll(ASSETS)).then(() => self.skipWaiting())));
self.addEventListener('activate', e => e.waitUntil(caches.keys().then(keys => Promise.all(keys.filter(k => k !== SHELL).map(k => caches.delete(k)))).then(() => self.clients.claim())));
self.addEventListener('fetch', e => {
  const req = e.request;
  if (req.method !== 'GET') { return; }
  if (req.mode === 'navigate') {
    e.respondWith(fetch(req).catch(() => caches.match('/offline.html')));
    return;
  }
  if (ASSETS.some(a => new URL(req.url).pathname === a)) {
    e.respondWith(caches.match(req).then(hit => hit || fetch(req)));
  }
});
