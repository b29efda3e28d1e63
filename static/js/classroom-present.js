/* Presenter mode on the projector: arrow keys, space and Page Up/Down press the presenter
   bar's Vorige / Volgende (a form POST, so it works the same by click and without JS). */
(function () {
  "use strict";
  var bar = document.querySelector("[data-presenter]");
  if (!bar) return;
  var TYPING = { INPUT: 1, TEXTAREA: 1, SELECT: 1 };
  var PRESSABLE = { BUTTON: 1, A: 1, SUMMARY: 1 };

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target || {};
    if (TYPING[target.tagName] || target.isContentEditable) return;
    var which = null;
    if (event.key === "ArrowRight" || event.key === "PageDown") which = "volgende";
    else if (event.key === "ArrowLeft" || event.key === "PageUp") which = "vorige";
    else if (event.key === " " && !PRESSABLE[target.tagName]) which = "volgende";
    if (!which) return;
    var button = bar.querySelector('[data-present="' + which + '"]');
    if (!button || button.disabled) return;
    event.preventDefault();
    button.click();
  });
})();
