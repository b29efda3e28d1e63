// Read aloud: the speaker buttons beside the lesson's texts (the panel, the glossary popover,
// the tips on a lesson page) play the server's MP3 of that text in the learner's language
// (espeak-ng or a volunteer's recording, made on the server: no voice needed on the phone).
// One text at a time; the playing button shows a stop square, and pressing it again stops.
// Where there is no audio the button shows the sentence saying so. Event delegation: the
// panel's body is replaced when the step moves on.
(function () {
  "use strict";
  var audio = null, playing = null;

  function player() {
    if (!audio) {
      audio = new window.Audio();
      audio.preload = "auto";
      audio.addEventListener("ended", function () { stop(); });
      // The sound really started (for the learner: the same stop square; for a test: proof).
      audio.addEventListener("playing", function () {
        if (playing) playing.setAttribute("data-speak-state", "playing");
      });
      audio.addEventListener("error", function () { if (playing) failed(playing); });
    }
    return audio;
  }

  function mark(button, on) {
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.classList.toggle("is-playing", on);
    if (!on) button.removeAttribute("data-speak-state");
  }

  function stop() {
    if (audio && !audio.paused) audio.pause();
    if (playing) mark(playing, false);
    playing = null;
  }

  function message(button, text) {
    var box = button.closest(".lesson-speak");
    var note = box && box.querySelector("[data-speak-message]");
    if (!note && box) {
      note = document.createElement("span");
      note.className = "lesson-speak__message";
      note.setAttribute("data-speak-message", "");
      note.setAttribute("role", "status");
      box.appendChild(note);
    }
    if (!note) return;
    if (text) note.textContent = text;
    note.hidden = false;
  }

  function failed(button) {
    var holder = button.closest("[data-speak-failed]");
    stop();
    message(button, holder ? holder.getAttribute("data-speak-failed") : "");
  }

  function say(button) {
    var again = playing === button;
    stop();
    if (again) return;
    var sound = player();
    sound.src = button.getAttribute("data-speak");
    playing = button;
    mark(button, true);
    var started = sound.play();
    if (started && started.catch) started.catch(function (error) {
      if (playing === button && error && error.name !== "AbortError") failed(button);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-speak], [data-speak-none]");
    if (!button || !button.classList.contains("lesson-speak__button")) return;
    event.preventDefault();
    if (button.hasAttribute("data-speak-none")) message(button, "");
    else say(button);
  });

  // A text that goes away (the step moved on, the popover closed) stops being read.
  document.addEventListener("readaloud:stop", stop);
  window.setInterval(function () { if (playing && !playing.isConnected) stop(); }, 1000);
})();
