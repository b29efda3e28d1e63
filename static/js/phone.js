// The practice phone: open/close (full screen on a small screen), actions with fetch,
// polling while something is pending, and the spoken sms code (speechSynthesis).
(function () {
  "use strict";
  var phone = document.getElementById("telefoon");
  if (!phone) return;
  var screen = phone.querySelector("[data-phone-screen]");
  var announce = phone.querySelector("[data-phone-announce]");
  var toggles = document.querySelectorAll("[data-phone-toggle]");
  var wide = window.matchMedia("(min-width: 60em)");
  var version = Number(phone.getAttribute("data-version") || 0);
  var pending = phone.getAttribute("data-pending") === "true";
  var lastFocus = null;
  var pollTimer = null;
  var quietPolls = 0;
  var MAX_QUIET_POLLS = 150; // stop after 5 minutes without any change
  var spokenIds = {};
  var HIDDEN_KEY = "oefen-phone-hidden";

  function isOpen() {
    if (wide.matches) return !phone.classList.contains("is-hidden");
    return phone.classList.contains("is-open");
  }

  function sync() {
    var open = isOpen();
    toggles.forEach(function (t) {
      t.setAttribute("role", "button");
      t.setAttribute("aria-expanded", open ? "true" : "false");
    });
    var full = open && !wide.matches;
    document.documentElement.classList.toggle("phone-fullscreen", full);
    // Full screen: the page behind cannot be reached with Tab until the phone closes.
    behind().forEach(function (el) {
      if (full) el.setAttribute("inert", "");
      else el.removeAttribute("inert");
    });
  }

  function behind() {
    var list = [];
    var top = document.querySelector(".frame-top");
    if (top) list.push(top);
    var skip = document.querySelector(".skip-link");
    if (skip) list.push(skip);
    Array.prototype.forEach.call(phone.parentElement.children, function (el) {
      if (el !== phone) list.push(el);
    });
    return list;
  }

  function setOpen(open, moveFocus) {
    if (wide.matches) {
      phone.classList.toggle("is-hidden", !open);
      try { sessionStorage.setItem(HIDDEN_KEY, open ? "" : "1"); } catch (e) { /* private mode */ }
    } else {
      phone.classList.toggle("is-open", open);
    }
    if (open && moveFocus) lastFocus = document.activeElement;
    sync();
    if (open && moveFocus) {
      phone.focus();
    } else if (!open && moveFocus) {
      var back = lastFocus && document.body.contains(lastFocus) ? lastFocus : toggles[0];
      if (back) back.focus();
    }
  }

  try { if (sessionStorage.getItem(HIDDEN_KEY)) phone.classList.add("is-hidden"); } catch (e) { /* ignore */ }
  if (window.location.hash === "#telefoon") {
    // Back from a phone form sent without fetch: drop the hash (so :target does not keep
    // the phone open after Esc) and open the phone the scripted way.
    if (window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    }
    setOpen(true, true);
  }

  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-phone-toggle], [data-phone-open]");
    if (opener) {
      event.preventDefault();
      if (opener.hasAttribute("data-phone-open")) setOpen(true, true);
      else setOpen(!isOpen(), true);
      return;
    }
    if (event.target.closest("[data-phone-close]")) {
      event.preventDefault();
      setOpen(false, true);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (!isOpen() || wide.matches) return;
    if (event.key === "Escape") {
      setOpen(false, true);
    } else if (event.key === "Tab") {
      keepTabInside(event);
    }
  });

  function keepTabInside(event) {
    var items = Array.prototype.filter.call(
      phone.querySelectorAll("a[href], button:not([disabled]), input:not([type=hidden]), [tabindex='0']"),
      function (el) { return !el.hidden && el.offsetParent !== null; }
    );
    if (!items.length) return;
    var first = items[0];
    var last = items[items.length - 1];
    var active = document.activeElement;
    if (event.shiftKey && (active === first || active === phone)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !phone.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  }
  wide.addEventListener("change", sync);

  function fixNext() {
    var here = window.location.pathname + window.location.search;
    phone.querySelectorAll("[data-phone-next]").forEach(function (input) { input.value = here; });
  }

  function updateBadge(unread) {
    document.querySelectorAll("[data-phone-badge]").forEach(function (badge) {
      badge.hidden = !unread;
      if (badge.firstChild) badge.firstChild.nodeValue = String(unread);
    });
  }

  function apply(data, focus) {
    quietPolls = data.version === version ? quietPolls + 1 : 0;
    if (typeof data.version === "number" && data.version !== version) {
      var hadUnread = Number(phone.getAttribute("data-unread") || 0);
      version = data.version;
      screen.innerHTML = data.html;
      fixNext();
      if (focus) {
        var target = screen.querySelector("[data-phone-focus]");
        if (target) target.focus();
      }
      if (data.unread > hadUnread && announce) announce.textContent = phone.getAttribute("data-new-message") || "";
      speakNew();
    }
    phone.setAttribute("data-unread", String(data.unread || 0));
    updateBadge(data.unread || 0);
    pending = Boolean(data.pending);
    schedule();
  }

  phone.addEventListener("submit", function (event) {
    var form = event.target;
    if (!window.fetch || !form.matches("form")) return;
    event.preventDefault();
    var csrf = phone.getAttribute("data-csrf");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf, "X-Phone": "1" }
    }).then(function (response) {
      if (!response.headers.get("content-type") || response.headers.get("content-type").indexOf("json") < 0) {
        throw new Error("no json");
      }
      return response.json();
    }).then(function (data) { apply(data, true); })
      .catch(function () { fixNext(); form.submit(); });
  });

  function poll() {
    fetch(phone.getAttribute("data-screen-url"), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) { apply(data, false); })
      .catch(function () { schedule(); });
  }

  function schedule() {
    if (pollTimer) window.clearTimeout(pollTimer);
    pollTimer = pending && quietPolls < MAX_QUIET_POLLS ? window.setTimeout(poll, 2000) : null;
  }

  // The spoken sms: read the code aloud slowly when the call is answered.
  function speak(element) {
    if (!("speechSynthesis" in window) || !element) return;
    var utterance = new SpeechSynthesisUtterance(element.getAttribute("data-speak"));
    var lang = element.getAttribute("data-speak-lang") || "nl-NL";
    utterance.lang = lang;
    utterance.rate = 0.6;
    var voices = window.speechSynthesis.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.replace("_", "-").indexOf(lang.slice(0, 2)) === 0) {
        utterance.voice = voices[i];
        break;
      }
    }
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
  }

  function speakNew() {
    var element = screen.querySelector("[data-speak]");
    var again = screen.querySelector("[data-speak-again]");
    if (!element) {
      if ("speechSynthesis" in window) window.speechSynthesis.cancel();
      return;
    }
    if (again && "speechSynthesis" in window) again.hidden = false;
    var id = element.getAttribute("data-speak-id");
    if (spokenIds[id]) return;
    spokenIds[id] = true;
    try { sessionStorage.setItem("oefen-phone-spoken", id); } catch (e) { /* ignore */ }
    speak(element);
  }

  screen.addEventListener("click", function (event) {
    if (event.target.closest("[data-speak-again]")) speak(screen.querySelector("[data-speak]"));
  });

  try {
    var already = sessionStorage.getItem("oefen-phone-spoken");
    if (already) spokenIds[already] = true;
  } catch (e) { /* ignore */ }
  fixNext();
  speakNew();
  sync();
  schedule();
})();
