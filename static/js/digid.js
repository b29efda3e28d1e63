// DigiD pages: show/hide the password, and the koppelcode page that waits for the app.
(function () {
  "use strict";
  if (!document.body.classList.contains("site-digid")) return; // one script for every site
  document.querySelectorAll("[data-password-toggle]").forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-password-toggle"));
    if (!input) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var show = input.type === "password";
      input.type = show ? "text" : "password";
      button.textContent = button.getAttribute(show ? "data-hide" : "data-show");
      button.setAttribute("aria-pressed", show ? "true" : "false");
    });
  });
  // Forget a shown password's type before sending, so the browser treats it as a password.
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("[data-password-toggle]").forEach(function (button) {
        var input = document.getElementById(button.getAttribute("data-password-toggle"));
        if (input) input.type = "password";
      });
    });
  });

  // A form came back with errors: focus the first field with an error.
  var invalid = document.querySelector("main [aria-invalid='true']");
  if (invalid) invalid.focus();

  var koppel = document.querySelector("[data-koppel-status-url]");
  var message = document.querySelector("[data-koppel-message]");
  if (!koppel || !message) return;
  var url = koppel.getAttribute("data-koppel-status-url");
  var shown = koppel.getAttribute("data-koppel-status");
  if (shown === "stopped") return;

  function check() {
    fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data.status !== shown) {
          shown = data.status;
          var text = message.getAttribute("data-text-" + data.status);
          if (text) message.textContent = text;
        }
        if (data.status === "confirmed" && data.next) {
          window.location.assign(data.next);
          return;
        }
        if (data.status === "stopped" || data.status === "none") {
          window.location.reload();
          return;
        }
        window.setTimeout(check, 2000);
      })
      .catch(function () { window.setTimeout(check, 4000); });
  }
  window.setTimeout(check, 2000);
})();
