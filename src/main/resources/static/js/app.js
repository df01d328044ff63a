// htmx requests carry the CSRF token; the service worker makes the app installable and caches the shell.
document.addEventListener('htmx:configRequest', function (e) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) { e.detail.headers[header.content] = token.content; }
});
if ('serviceWorker' in navigator) {
  window.addEventListener('load', function () { navigator.serviceWorker.register('/sw.js').catch(function () {}); });
}
// 分类建议: a suggested category chosen with one tap sets the form's category (and asks its extra questions)
document.addEventListener('click', function (e) {
  var chip = e.target.closest('button[data-category]');
  var select = document.getElementById('category');
  if (!chip || !select) { return; }
  select.value = chip.getAttribute('data-category');
  select.dispatchEvent(new Event('change', { bubbles: true }));
});
