/* The begeleider's dashboard refreshes itself: every few seconds it asks /stand with the
   version it shows (If-None-Match); an unchanged class answers 304, a changed one sends the
   new board. Focus stays on the learner it was on; newly stuck learners are announced.
   Without JavaScript the page is reloaded by hand ("Nu vernieuwen"). */
(function () {
  "use strict";
  var board = document.getElementById("klas-board");
  if (!board || !window.fetch) return;
  var url = board.getAttribute("data-status-url");
  var version = board.getAttribute("data-version") || "";
  var every = (parseInt(board.getAttribute("data-poll"), 10) || 3) * 1000;
  var live = document.getElementById("klas-live");
  var stuck = null;

  function focusedRow() {
    var active = document.activeElement;
    if (!active || !board.contains(active)) return null;
    var row = active.closest("tr");
    return row ? row.id : null;
  }

  function restore(rowId) {
    if (!rowId) return;
    var row = document.getElementById(rowId);
    var link = row && row.querySelector("a");
    if (link) link.focus();
  }

  function announce(names) {
    var fresh = stuck === null ? [] : names.filter(function (n) { return stuck.indexOf(n) < 0; });
    stuck = names;
    if (live && fresh.length) live.textContent = fresh.join(", ") + " vastgelopen";
  }

  function show(data) {
    if (!data || typeof data.html !== "string") return;
    var rowId = focusedRow();
    version = data.version;
    board.innerHTML = data.html;
    restore(rowId);
    announce(data.stuck || []);
  }

  function poll() {
    if (document.hidden) { setTimeout(poll, every); return; }
    var headers = { "Accept": "application/json" };
    if (version) headers["If-None-Match"] = '"' + version + '"';
    fetch(url, { headers: headers, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status === 304 || !response.ok) return null;
        return response.json();
      })
      .then(show)
      .catch(function () { /* the next poll tries again */ })
      .then(function () { setTimeout(poll, every); });
  }

  setTimeout(poll, every);
})();
