/* global document, window, fetch, DOMParser, setTimeout, clearTimeout */
// Keeps an open status page current: polls the JSON view, and when its version changes,
// swaps in the freshly server-rendered page. Stops once every shipment is final.
(function () {
  'use strict';
  var main = document.getElementById('main');
  if (!main || !window.fetch || !window.DOMParser) return;
  var jsonUrl = main.getAttribute('data-json');
  var version = main.getAttribute('data-version');
  var live = document.getElementById('live-status');
  var delay = 60000;
  var timer = null;
  var stopped = main.getAttribute('data-final') === 'true';

  function schedule() {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(poll, delay);
  }

  function refreshPage() {
    return fetch(window.location.href, {
      headers: { Accept: 'text/html' },
      credentials: 'same-origin',
    })
      .then(function (res) {
        return res.ok ? res.text() : null;
      })
      .then(function (body) {
        if (!body) return;
        var next = new DOMParser().parseFromString(body, 'text/html').getElementById('main');
        if (!next) return;
        main.innerHTML = next.innerHTML;
        main.setAttribute('data-version', next.getAttribute('data-version') || '');
        if (live) live.textContent = main.getAttribute('data-updated') || '';
      });
  }

  function poll() {
    if (document.hidden) return schedule();
    fetch(jsonUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (res) {
        if (!res.ok) throw new Error('status ' + res.status);
        return res.json();
      })
      .then(function (view) {
        delay = 60000;
        var checked = main.querySelectorAll('.checked');
        (view.shipments || []).forEach(function (s, i) {
          if (checked[i]) checked[i].textContent = s.checkedText;
        });
        var changed = view.version !== version;
        version = view.version;
        if (view.final) stopped = true;
        return changed ? refreshPage() : null;
      })
      .catch(function () {
        // Poor connection or the link was revoked: back off, up to ten minutes.
        delay = Math.min(delay * 2, 600000);
      })
      .then(schedule);
  }

  document.addEventListener('visibilitychange', function () {
    if (!document.hidden && !stopped) {
      clearTimeout(timer);
      poll();
    }
  });
  schedule();
})();
