// Mijn Inburgering: "Wilt u ingelogd blijven?" one minute before the idle logout, and the
// "Andere reden" field that only shows when it is chosen. The server decides the logout:
// when the time is up this page simply reloads and the server sends the learner out.
(function () {
  "use strict";

  function setUpIdle() {
    var dialog = document.getElementById("mijn-idle");
    if (!dialog || typeof dialog.showModal !== "function") return;
    var minutes = parseInt(dialog.getAttribute("data-idle-minutes"), 10) || 15;
    var warnTimer = null;
    var outTimer = null;
    var form = dialog.querySelector("form.mijn-idle__ja");

    function start() {
      clearTimeout(warnTimer);
      clearTimeout(outTimer);
      warnTimer = setTimeout(warn, Math.max(0, (minutes - 1) * 60000));
      outTimer = setTimeout(timeUp, minutes * 60000 + 2000);
    }

    function warn() {
      if (!dialog.open) dialog.showModal();
      var yes = dialog.querySelector("button[type=submit]");
      if (yes) yes.focus();
    }

    function timeUp() {
      window.location.assign(window.location.pathname + window.location.search);
    }

    function loggedOut() { // "Ja" came too late: the server has logged the learner out
      window.location.assign(dialog.getAttribute("data-logged-out") || "/");
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var token = form.querySelector("input[name=csrf_token]").value;
      fetch(form.action, {
        method: "POST",
        headers: { "X-CSRF-Token": token },
        credentials: "same-origin",
        redirect: "manual"
      }).then(function (response) {
        if (response.status === 204) {
          dialog.close();
          start();
        } else {
          loggedOut();
        }
      }, timeUp);
    });

    dialog.addEventListener("cancel", function (event) {
      event.preventDefault(); // Esc: the learner is clearly still here, so it counts as "Ja"
      if (typeof form.requestSubmit === "function") form.requestSubmit();
    });
    start();
  }

  function setUpOtherReason() {
    var select = document.getElementById("reden");
    var other = document.getElementById("andere-reden");
    if (!select || !other) return;
    function sync() {
      other.hidden = select.value !== other.getAttribute("data-show-for");
    }
    select.addEventListener("change", sync);
    sync();
  }

  // A form came back with errors: put the focus on the error summary, or else on the first
  // field with an error, so keyboard and screen reader users start where the problem is.
  function focusFirstError() {
    var target = document.getElementById("foutmeldingen") ||
      document.querySelector("main [aria-invalid='true']");
    if (target) target.focus();
  }

  function setUp() {
    if (!document.body.classList.contains("site-mijn")) return; // one script for every site
    setUpIdle();
    setUpOtherReason();
    focusFirstError();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
