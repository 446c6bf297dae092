/// The dashboard's only script, served from `/assets/weir.js` (the policy allows no inline
/// script). It listens to `/ui/events`; when something the page shows is committed, it fetches
/// the page again and swaps its live part, without a reload. `EventSource` reconnects by itself
/// after the service restarts, and the page then refreshes once for what it missed.
enum DashboardScript {
    static let text = """
        (function () {
          'use strict';
          var state = document.getElementById('live-state');
          var live = document.querySelector('[data-live]');
          if (!state || !window.EventSource) { return; }
          function show(name, text) { state.setAttribute('data-state', name); state.textContent = text; }
          var pending = null;
          var everOpen = false;
          function refresh() {
            if (!live) { return; }
            fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
              .then(function (response) {
                if (response.redirected || !response.ok) { throw new Error('refresh failed: ' + response.status); }
                return response.text();
              })
              .then(function (html) {
                var next = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-live]');
                if (next && live.parentNode) {
                  var adopted = document.importNode(next, true);
                  live.parentNode.replaceChild(adopted, live);
                  live = adopted;
                  document.dispatchEvent(new CustomEvent('weir:refreshed'));
                }
              })
              .catch(function () { show('reconnecting', 'refresh failed'); });
          }
          function soon() {
            if (pending) { clearTimeout(pending); }
            pending = setTimeout(refresh, 150);
          }
          var source = new EventSource('/ui/events');
          source.addEventListener('open', function () {
            show('live', 'live');
            if (everOpen) { soon(); }
            everOpen = true;
          });
          source.addEventListener('error', function () {
            if (source.readyState === EventSource.CLOSED) {
              // Refused (the session ended): load the page again, which leads to the login.
              show('off', 'signed out');
              setTimeout(function () { window.location.reload(); }, 1000);
            } else {
              show('reconnecting', 'reconnecting…');
            }
          });
          source.addEventListener('change', function (event) {
            var task = live && live.getAttribute('data-task');
            var data = {};
            try { data = JSON.parse(event.data); } catch (ignored) { return; }
            if (!task || String(data.task) === task) { soon(); }
          });
        })();

        """
}
