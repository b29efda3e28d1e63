// Mijn Inburgering > Brieven: the "Print deze brief" button (shown only when JavaScript runs).
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
