// The practice phone: open/close (on a small screen over the page, down to the lesson sheet,
// which keeps the instruction in view), actions with fetch, polling while something is pending,
// the spoken sms code (the server's audio; the device's speechSynthesis only when that fails),
// and the banner at the top of the page for a new sms or call (shown until read or put away,
// announced once).
(function () {
  "use strict";
  var phone = document.getElementById("telefoon");
  if (!phone) return;
  var screen = phone.querySelector("[data-phone-screen]");
  var announce = document.querySelector("[data-phone-announce]");
  var notice = document.querySelector("[data-phone-notice]");
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
    document.querySelectorAll("[data-phone-toggle]").forEach(function (t) {
      t.setAttribute("role", "button");
      t.setAttribute("aria-expanded", open ? "true" : "false");
    });
    var full = open && !wide.matches;
    document.documentElement.classList.toggle("phone-fullscreen", full);
    // Over the page: the page behind cannot be reached with Tab until the phone closes (the
    // lesson sheet below the phone can: it says what to do on the phone).
    behind().forEach(function (el) {
      if (full) el.setAttribute("inert", "");
      else el.removeAttribute("inert");
    });
    updateNotice();
    document.dispatchEvent(new CustomEvent("phone:toggle", { detail: { open: open, full: full } }));
  }

  function behind() {
    var list = [];
    var top = document.querySelector(".frame-top");
    if (top) list.push(top);
    var skip = document.querySelector(".skip-link");
    if (skip) list.push(skip);
    Array.prototype.forEach.call(phone.parentElement.children, function (el) {
      if (el !== phone && el.id !== "lesson-panel" && !el.hasAttribute("aria-live")) list.push(el);
    });
    return list;
  }

  // The banner for the newest unread sms or a ringing call (kind "sms" or "call").
  function noticed(key, add) {
    var list = [];
    try { list = (sessionStorage.getItem(key) || "").split(" "); } catch (e) { /* private mode */ }
    if (add && list.indexOf(add) < 0) {
      list.push(add);
      try { sessionStorage.setItem(key, list.slice(-20).join(" ")); } catch (e) { /* ignore */ }
    }
    return list;
  }

  function updateNotice() {
    if (!notice) return;
    var ringing = phone.getAttribute("data-ringing"), newest = phone.getAttribute("data-newest");
    var kind = ringing ? "call" : newest ? "sms" : "";
    var id = kind ? kind + ":" + (ringing || newest) : "";
    var text = kind ? notice.getAttribute("data-label-" + kind) : "";
    if (id && noticed("oefen-phone-announced").indexOf(id) < 0) {
      noticed("oefen-phone-announced", id);
      if (announce) announce.textContent = text;
    }
    notice.hidden = !id || isOpen() || noticed("oefen-phone-dismissed").indexOf(id) >= 0;
    if (!notice.hidden) {
      notice.querySelector("[data-phone-notice-title]").textContent = text;
      var hint = notice.querySelector("[data-phone-notice-hint]");
      hint.textContent = hint.getAttribute("data-label-" + kind);
      notice.querySelector("[data-phone-notice-screen]").value = kind === "call" ? "home" : "berichten";
      notice.setAttribute("data-notice-id", id);
    }
    var bottom = notice.hidden ? 0 : Math.ceil(notice.getBoundingClientRect().bottom + 6);
    document.documentElement.style.setProperty("--oefen-notice-h", bottom + "px");
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
      var back = lastFocus && document.body.contains(lastFocus) && lastFocus.offsetParent !== null ? lastFocus
        : Array.prototype.filter.call(document.querySelectorAll("[data-phone-toggle]"),
          function (t) { return t.offsetParent !== null; })[0];
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

  // Escape closes the phone first (before a popover or the lesson's arrow: they see
  // defaultPrevented), so this listens on the window while capturing.
  window.addEventListener("keydown", function (event) {
    if (!isOpen() || wide.matches) return;
    if (document.querySelector("dialog[open]")) return;  // a dialog over the phone (a word) is on top
    if (event.key === "Escape" && !event.defaultPrevented) {
      event.preventDefault();
      setOpen(false, true);
    } else if (event.key === "Tab") {
      keepTabInside(event);
    }
  }, true);

  // Tab stays in the phone and the lesson sheet below it while the phone covers the page.
  function keepTabInside(event) {
    var items = [];
    [document.getElementById("lesson-panel"), phone].forEach(function (box) {
      if (!box) return;
      Array.prototype.forEach.call(
        box.querySelectorAll("a[href], button:not([disabled]), input:not([type=hidden]), select, textarea, [tabindex='0']"),
        function (el) { if (!el.hidden && el.offsetParent !== null) items.push(el); }
      );
    });
    if (!items.length) return;
    var first = items[0];
    var last = items[items.length - 1];
    var active = document.activeElement;
    var inside = items.indexOf(active) >= 0 || active === phone;
    if (event.shiftKey && (active === first || !inside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !inside)) {
      event.preventDefault();
      first.focus();
    }
  }
  wide.addEventListener("change", sync);

  function fixNext() {
    var here = window.location.pathname + window.location.search;
    document.querySelectorAll("[data-phone-next]").forEach(function (input) { input.value = here; });
  }

  function updateBadge(unread, label) {
    document.querySelectorAll("[data-phone-badge]").forEach(function (badge) {
      badge.hidden = !unread;
      if (badge.firstChild) badge.firstChild.nodeValue = String(unread);
      var said = badge.querySelector("[data-phone-badge-label]");
      if (said && label) said.textContent = " " + label;
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
      if (data.unread > hadUnread && !("newest" in data) && announce) {
        announce.textContent = phone.getAttribute("data-new-message") || "";
      }
      speakNew();
    }
    phone.setAttribute("data-unread", String(data.unread || 0));
    if ("newest" in data) phone.setAttribute("data-newest", data.newest || "");
    if ("ringing" in data) phone.setAttribute("data-ringing", data.ringing || "");
    updateBadge(data.unread || 0, data.unread_label);
    updateNotice();
    pending = Boolean(data.pending);
    schedule();
  }

  function send(form, then) {
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
    }).then(then)
      .catch(function () { fixNext(); form.submit(); });
  }

  phone.addEventListener("submit", function (event) {
    var form = event.target;
    if (!window.fetch || !form.matches("form")) return;
    event.preventDefault();
    send(form, function (data) { apply(data, true); });
  });

  // One tap on the banner opens the phone on the message (or the ringing call).
  if (notice) {
    notice.addEventListener("submit", function (event) {
      if (!window.fetch) return;
      event.preventDefault();
      send(event.target, function (data) { apply(data, false); setOpen(true, true); });
    });
    notice.querySelector("[data-phone-notice-close]").addEventListener("click", function () {
      noticed("oefen-phone-dismissed", notice.getAttribute("data-notice-id"));
      updateNotice();
      var toggle = Array.prototype.filter.call(document.querySelectorAll("[data-phone-toggle]"),
        function (t) { return t.offsetParent !== null; })[0];
      if (toggle) toggle.focus();
    });
    window.addEventListener("resize", updateNotice);
  }

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

  // The spoken sms: DigiD's voice reads the code slowly when the call is answered: the server's
  // audio (any phone plays it), or the device's own voice when there is none.
  var callAudio = null;
  function speak(element) {
    if (!element) return;
    var url = element.getAttribute("data-speak-url");
    if (url) {
      if (!callAudio) callAudio = new window.Audio();
      callAudio.pause();
      callAudio.src = url;
      callAudio.onerror = function () { speakOnDevice(element); };
      callAudio.onplaying = function () { element.setAttribute("data-speak-state", "playing"); };
      var started = callAudio.play();
      if (started && started.catch) started.catch(function (error) {
        if (error && error.name === "NotSupportedError") speakOnDevice(element);
      });
      return;
    }
    speakOnDevice(element);
  }

  function hush() {
    if (callAudio) callAudio.pause();
    if ("speechSynthesis" in window) window.speechSynthesis.cancel();
  }

  function speakOnDevice(element) {
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
      hush();
      return;
    }
    if (again && (element.hasAttribute("data-speak-url") || "speechSynthesis" in window)) again.hidden = false;
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
