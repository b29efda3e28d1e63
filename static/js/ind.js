// ind.nl: the "Formulier printen" button (shown only when JavaScript works) and focus on errors.
(function () {
  "use strict";
  if (!document.body.classList.contains("site-ind")) return; // one script for every site
  document.querySelectorAll(".ind-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  var errors = document.querySelector(".ind-errors");
  if (errors) errors.focus();
})();
