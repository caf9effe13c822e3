/* In the Room, phone page: the dot-vote and the feedback form (issue 21).
 *
 * Uses the joined phone's token from phone.js (window.inTheRoom). A ballot is the whole set of
 * dots, sent a moment after the last tap; it is kept in localStorage until the laptop says it
 * counted, and sent again when the Wi-Fi is back. A feedback form gets a random key when it is
 * written and is resent with the same key until the laptop has it (never twice).
 * Everything is drawn with textContent: no HTML is ever built from data.
 */
(function () {
  "use strict";

  var room = window.inTheRoom;
  if (!room) return;
  // The key follows the join: a phone that joined by the typed link (/) gets its secret then.
  function storeKey() { return room.store() + ":vote"; }
  var LOOK_MS = 4000;
  var SEND_AFTER_MS = 600;
  var $ = function (id) { return document.getElementById(id); };
  var state = load(); // {vote, mine, pending, form}
  var sendTimer = 0;
  var sending = false;
  var looking = false;

  function load() {
    var base = { vote: null, mine: [], pending: false, form: null, sentForms: 0,
                 takesForms: false };
    try {
      var loaded = JSON.parse(window.localStorage.getItem(storeKey()) || "null");
      if (loaded && typeof loaded === "object") {
        Object.keys(base).forEach(function (k) { if (k in loaded) base[k] = loaded[k]; });
      }
    } catch (e) { /* a blocked store: this visit works from memory */ }
    return base;
  }

  function save() {
    try { window.localStorage.setItem(storeKey(), JSON.stringify(state)); } catch (e) { /* memory */ }
  }

  function used() {
    return state.mine.reduce(function (a, b) { return a + b; }, 0);
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  /* --- the vote --------------------------------------------------------------------------- */

  function takeVote(vote) {
    var before = state.vote;
    state.vote = vote;
    if (!vote) {
      state.mine = [];
      state.pending = false;
    } else if (!before || before.id !== vote.id || !state.pending) {
      state.mine = Array.isArray(vote.mine) ? vote.mine.slice() : [];
      if (!before || before.id !== vote.id) state.pending = false;
    }
    while (vote && state.mine.length < vote.options.length) state.mine.push(0);
    save();
    drawVote();
  }

  async function look() {
    if (!room.device() || looking || document.hidden) return;
    looking = true;
    try {
      var reply = await room.call("GET", "/vote", undefined, room.device());
      if (reply.status === 200) {
        state.takesForms = reply.data.feedback === true;
        takeVote(reply.data.vote || null);
      }
    } finally {
      looking = false;
    }
    showForm();
    if (state.pending) send();
  }

  function tap(index, change) {
    var vote = state.vote;
    if (!vote || !vote.open) return;
    var next = state.mine[index] + change;
    if (next < 0) return;
    if (change > 0 && used() >= vote.dots) {
      setStatus("No dots left: take one off another option first.", true);
      return;
    }
    state.mine[index] = next;
    state.pending = true;
    save();
    drawVote();
    setStatus("Saved on this phone – sending…");
    window.clearTimeout(sendTimer);
    sendTimer = window.setTimeout(send, SEND_AFTER_MS);
  }

  async function send() {
    var vote = state.vote;
    if (!vote || !state.pending || sending || !room.device()) return;
    sending = true;
    var dots = state.mine.slice();
    try {
      var reply = await room.call("POST", "/vote", { vote: vote.id, dots: dots }, room.device());
      if (reply.status === 200) {
        var same = JSON.stringify(dots) === JSON.stringify(state.mine);
        if (same) state.pending = false;
        state.vote = reply.data.vote || vote;
        save();
        drawVote();
        setStatus(same ? "Counted: " + plural(used(), "dot") + " placed." : "Sending…");
        if (!same) window.setTimeout(send, 0);
      } else if (reply.status === 409) {
        state.pending = false;
        setStatus(typeof reply.data.error === "string" ? reply.data.error : "The vote changed.", true);
        if (reply.data.vote) takeVote(reply.data.vote);
        else look();
      } else if (reply.status === 400) {
        state.pending = false;
        setStatus(reply.data.error || "The laptop couldn't take these dots.", true);
        look();
      } else if (reply.status === 429) {
        window.setTimeout(send, (Number(reply.data.retry_after) || 3) * 1000);
      } else {
        setStatus("Saved on this phone – your dots will send when the Wi-Fi is back.", true);
        window.setTimeout(send, 5000);
      }
    } finally {
      sending = false;
    }
  }

  function setStatus(text, bad) {
    var el = $("vote-status");
    if (el.textContent !== text) el.textContent = text;
    el.classList.toggle("error", !!bad);
  }

  function drawVote() {
    var vote = state.vote;
    var section = $("vote");
    if (!vote || !room.device()) {
      section.hidden = true;
      return;
    }
    section.hidden = false;
    $("vote-title").textContent = vote.title || "Vote";
    var left = vote.dots - used();
    $("vote-hint").hidden = !vote.open;
    $("vote-left").textContent = vote.open
      ? plural(left, "dot") + " left of " + vote.dots
      : "Voting has closed" + (used() ? " – you placed " + plural(used(), "dot") + "." : ".");
    var list = $("vote-options");
    list.textContent = "";
    vote.options.forEach(function (name, i) {
      var item = document.createElement("li");
      item.className = "vote-option";
      var minus = document.createElement("button");
      minus.type = "button";
      minus.className = "secondary";
      minus.textContent = "−";
      minus.setAttribute("aria-label", "Take a dot off " + name);
      minus.disabled = !vote.open || state.mine[i] === 0;
      minus.addEventListener("click", function () { tap(i, -1); });
      var label = document.createElement("span");
      label.className = "vote-name";
      label.textContent = name;
      var dots = document.createElement("span");
      dots.className = "vote-dots";
      dots.setAttribute("aria-hidden", "true");
      dots.textContent = new Array(state.mine[i] + 1).join("●");
      var count = document.createElement("span");
      count.className = "vote-count";
      count.textContent = String(state.mine[i]);
      count.setAttribute("aria-label", plural(state.mine[i], "dot") + " on " + name);
      var plus = document.createElement("button");
      plus.type = "button";
      plus.textContent = "+";
      plus.setAttribute("aria-label", "Add a dot to " + name);
      plus.disabled = !vote.open || left <= 0;
      plus.addEventListener("click", function () { tap(i, 1); });
      item.appendChild(label);
      item.appendChild(dots);
      if (vote.open) item.appendChild(minus); // closed: the dots as they stand, no buttons
      item.appendChild(count);
      if (vote.open) item.appendChild(plus);
      list.appendChild(item);
    });
    var results = Array.isArray(vote.results) ? vote.results : null;
    $("vote-results").hidden = !results;
    var ol = $("results-list");
    ol.textContent = "";
    (results || []).forEach(function (r) {
      var li = document.createElement("li");
      li.textContent = r.option + " – " + plural(r.dots, "dot");
      ol.appendChild(li);
    });
  }

  /* --- the feedback form ------------------------------------------------------------------ */

  function showForm() {
    var joined = !!room.device() && state.takesForms;
    $("feedback").hidden = !joined;
    if (joined && location.hash === "#feedback" && !showForm.scrolled) {
      showForm.scrolled = true;
      $("feedback").scrollIntoView();
      $("feedback-title").setAttribute("tabindex", "-1");
      $("feedback-title").focus();
    }
  }

  function setFormStatus(text, bad) {
    var el = $("feedback-status");
    if (el.textContent !== text) el.textContent = text;
    el.classList.toggle("error", !!bad);
  }

  async function sendForm() {
    var form = state.form;
    if (!form || !room.device()) return;
    var reply = await room.call("POST", "/feedback", form, room.device());
    if (reply.status === 202) {
      state.form = null;
      state.sentForms += 1;
      save();
      setFormStatus("Thank you – sent. A note-taker reads it before it goes into the pack.");
    } else if (reply.status === 400) {
      $("feedback-error").textContent = reply.data.error || "That form couldn't be sent.";
      state.form = null;
      save();
      setFormStatus("");
    } else if (reply.status === 429) {
      window.setTimeout(sendForm, (Number(reply.data.retry_after) || 3) * 1000);
    } else {
      setFormStatus("Saved on this phone – it will send when the Wi-Fi is back.", true);
      window.setTimeout(sendForm, 5000);
    }
  }

  function onForm(event) {
    event.preventDefault();
    $("feedback-error").textContent = "";
    var rating = document.querySelector("input[name=rating]:checked");
    var found = $("found").value.trim();
    var change = $("change").value.trim();
    if (!rating && !found && !change) {
      $("feedback-error").textContent = "Choose a rating or answer a question first.";
      $("found").focus();
      return;
    }
    state.form = { key: room.newKey(), rating: rating ? Number(rating.value) : null,
                   found: found, change: change };
    save();
    $("feedback-form").reset();
    setFormStatus("Sending…");
    sendForm();
  }

  function start() {
    $("feedback-form").addEventListener("submit", onForm);
    window.addEventListener("online", function () { send(); sendForm(); });
    document.addEventListener("visibilitychange", function () { if (!document.hidden) look(); });
    window.addEventListener("hashchange", function () { showForm.scrolled = false; showForm(); });
    window.setInterval(look, LOOK_MS);
    drawVote();
    showForm();
    look();
    if (state.form) sendForm();
  }

  start();
})();
