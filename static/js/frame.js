// The learner's frame: close the padlock information with Esc or a click elsewhere. Esc closes
// only the topmost thing: the phone takes it first (phone.js), then the padlock, and only
// then does the lesson's arrow hide (overlay.js); each one that closes calls preventDefault().
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    document.querySelectorAll("details.padlock[open]").forEach(function (el) {
      event.preventDefault();
      el.removeAttribute("open");
      el.querySelector("summary").focus();
    });
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.padlock[open]").forEach(function (el) {
      if (!el.contains(event.target)) el.removeAttribute("open");
    });
  });
})();
