/* In the Room, phone page: join with the code, send notes, see what the note-taker decided.
 *
 * Nothing is lost when the Wi-Fi blips: every note gets a random key when it is written, stays in
 * localStorage until the laptop acknowledges it, and is retried with backoff (also after a
 * reload). The laptop ignores a second copy with the same key, so a retry never duplicates.
 * Everything is drawn with textContent: no HTML is ever built from data.
 */
(function () {
  "use strict";

  // By the QR's link the event's secret is in the path (/j/<secret>/); by the typed link (/)
  // it comes back from joining with the code, and the address bar then shows the QR's link.
  var secret = location.pathname.split("/")[2] || "";
  var API = "/api/" + encodeURIComponent(secret);
  var STORE = "intheroom:" + secret;
  var MAX_TEXT = 2000;
  var KEEP_DECIDED = 100;
  var POLL_MS = 5000;
  var TIMEOUT_MS = 10000;
  var KIND_LABELS = { share_back: "Share-back", reflection: "Reflection", feedback: "Feedback" };
  var STATUS_LABELS = {
    sending: "Waiting to send",
    queued: "Queued for the note-taker",
    accepted: "Accepted",
    rejected: "Not used",
    refused: "Not sent",
    sent: "Sent"
  };

  var $ = function (id) { return document.getElementById(id); };
  var state = load(); // kept in memory too, so a blocked localStorage only loses reloads
  var pumping = false;
  var pumpAgain = false;
  var polling = false;
  var attempt = 0;
  var retryTimer = 0;
  var notBefore = 0; // no send before this (Date.now()): backing off, or the laptop's Retry-After
  var mustWait = 0; // the Retry-After part of it, which the Wi-Fi coming back doesn't cut short
  var sendsWhen = ""; // while waiting: "when the Wi-Fi is back" or "in a moment"
  var online = navigator.onLine !== false;

  function fresh() {
    // previous: the token this phone had, so joining again gets its own place (and its note
    // allowance) back, and a phone the facilitator disconnected is told so. code: the code it
    // joined with, to join again by itself if the laptop let its place go.
    return { device: "", previous: "", code: "", barred: false, tables: [],
             noteTaker: "note-taker", table: "", kind: "share_back", draft: "", notes: [] };
  }

  function load() {
    var loaded = null;
    try {
      loaded = JSON.parse(window.localStorage.getItem(STORE) || "null");
    } catch (e) {
      loaded = null;
    }
    var base = fresh();
    if (loaded && typeof loaded === "object") {
      Object.keys(base).forEach(function (k) {
        if (typeof loaded[k] === typeof base[k] && Array.isArray(loaded[k]) === Array.isArray(base[k])) {
          base[k] = loaded[k];
        }
      });
    }
    return base;
  }

  function save() {
    var decided = 0;
    state.notes = state.notes.filter(function (n) {
      if (n.status === "sending" || n.status === "queued") return true;
      decided += 1;
      return decided <= KEEP_DECIDED;
    });
    try {
      window.localStorage.setItem(STORE, JSON.stringify(state));
    } catch (e) {
      // Private browsing or a full store: this visit still works from memory.
    }
  }

  function newKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes); // works on plain http, unlike crypto.randomUUID
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function characters(text) {
    return Array.from(text.trim()).length; // what the laptop counts: code points, not UTF-16
  }

  function say(text) {
    var region = $("announce");
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  /* The header is a polite live region: its text is only set when it changes, so going offline
   * or coming back is said once, not on every request. */
  function setOnline(yes) {
    online = yes;
    var el = $("connection");
    var text = !yes ? "Offline – can't reach the room's laptop"
      : state.device ? "Connected to the room" : "Not joined yet";
    if (el.textContent !== text) el.textContent = text;
    el.classList.toggle("offline", !yes);
  }

  /* The line under Send (also a polite live region): set only when it changes, so a retry that
   * fails again is not announced again. */
  function setSendStatus(text, isError) {
    var el = $("send-status");
    if (el.textContent !== text) el.textContent = text;
    el.classList.toggle("error", !!isError);
  }

  function savedOnPhone(why) {
    var n = state.notes.filter(function (x) { return x.status === "sending"; }).length;
    return "Saved on this phone – " + (n > 1 ? n + " notes" : "it") + " will send " + why;
  }

  /* --- talking to the laptop ------------------------------------------------------------- */

  async function call(method, path, body, token) {
    var controller = new AbortController();
    var timer = window.setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    var headers = {};
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (token) headers["Authorization"] = "Bearer " + token;
    try {
      var response = await fetch((secret ? API : "/api") + path, {
        method: method,
        headers: headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: "no-store",
        credentials: "omit",
        referrerPolicy: "no-referrer",
        signal: controller.signal
      });
      var data = {};
      try { data = await response.json(); } catch (e) { data = {}; }
      setOnline(true);
      return { status: response.status, data: data || {} };
    } catch (e) {
      setOnline(false);
      return { status: 0, data: {} }; // no answer: the Wi-Fi, or the laptop stopped listening
    } finally {
      window.clearTimeout(timer);
    }
  }

  function message(reply, fallback) {
    return typeof reply.data.error === "string" ? reply.data.error : fallback;
  }

  /* Join with `code`. Lots of phones joining at once (429 with a short Retry-After) or a full
   * room (503) are waited out a few times; a wrong code or a barred phone is not. */
  async function join(code, waiting) {
    for (var tries = 0; ; tries += 1) {
      var body = { code: code };
      if (state.previous) body.device = state.previous;
      var reply = await call("POST", "/join", body);
      if (reply.status === 200 && typeof reply.data.device === "string") {
        if (!secret && typeof reply.data.secret === "string" && reply.data.secret) {
          adoptSecret(reply.data.secret);
        }
        state.device = reply.data.device;
        state.previous = "";
        state.code = code;
        state.barred = false;
        takeTables(reply.data);
        save();
        return "";
      }
      if (reply.data.barred === true) {
        state.barred = true;
        save();
      }
      var seconds = Number(reply.data.retry_after) || 0;
      // A full room is waited out only while the person watches the join form.
      var busy = (reply.status === 503 && waiting) || (reply.status === 429 && seconds <= 15);
      if (!busy || tries >= 20 || (reply.status === 429 && /wrong codes/.test(reply.data.error))) {
        if (reply.status === 0) return "Can't reach the laptop. Check you're on the room's Wi-Fi.";
        if (reply.status === 404) return "This link is no longer open. Scan the QR code in the room again.";
        return message(reply, "That didn't work. Try again.");
      }
      if (waiting) waiting(message(reply, "Joining in a moment…"));
      await new Promise(function (done) {
        window.setTimeout(done, (seconds || 2) * 1000 * (1 + Math.random() / 2));
      });
    }
  }

  /* Joined by the typed link: from now on as if by the QR's (notes kept for this event, a
   * reload that works). */
  function adoptSecret(given) {
    secret = given;
    API = "/api/" + encodeURIComponent(secret);
    STORE = "intheroom:" + secret;
    var kept = load();
    ["previous", "table", "kind", "draft", "notes"].forEach(function (k) {
      if (!state[k] || (Array.isArray(state[k]) && !state[k].length)) state[k] = kept[k];
    });
    try {
      window.history.replaceState(null, "", "/j/" + encodeURIComponent(secret) + "/" + location.hash);
    } catch (e) { /* the address bar keeps "/": a reload asks for the code again */ }
  }

  function takeTables(data) {
    if (Array.isArray(data.tables)) {
      state.tables = data.tables.filter(function (t) { return typeof t === "string"; });
    }
    if (typeof data.note_taker === "string") state.noteTaker = data.note_taker;
  }

  async function refreshTables() {
    var reply = await call("GET", "/tables", undefined, state.device);
    if (reply.status === 200) {
      takeTables(reply.data);
      save();
      drawTables();
    } else if (reply.status === 403) {
      lostDevice(message(reply, "This phone isn't connected."), reply.data.barred === true);
    }
  }

  async function lostDevice(why, barred) {
    if (state.device) state.previous = state.device;
    state.device = "";
    state.barred = state.barred || barred === true;
    save();
    setOnline(online);
    if (state.barred) {
      showJoin(why);
      return;
    }
    // The laptop let this phone's place go (it had sent nothing in a full room): join again.
    if (state.code && !(await join(state.code))) {
      showCompose();
      pump();
      return;
    }
    showJoin(why + " Enter the code on the screen to carry on.");
  }

  /* Send every note not yet acknowledged, oldest first. One pass at a time. */
  async function pump() {
    if (!state.device) return;
    if (Date.now() < notBefore) {
      // Waiting out a failure or the laptop's Retry-After: the timer from later() sends then.
      if (state.notes.some(function (n) { return n.status === "sending"; })) {
        setSendStatus(savedOnPhone(sendsWhen));
      }
      return;
    }
    if (pumping) {
      pumpAgain = true; // a note written while sending goes in the next pass
      return;
    }
    pumping = true;
    pumpAgain = false;
    window.clearTimeout(retryTimer);
    try {
      var waiting = state.notes.filter(function (n) { return n.status === "sending"; }).reverse();
      for (var i = 0; i < waiting.length; i += 1) {
        var note = waiting[i];
        var reply = await call("POST", "/notes",
          { key: note.key, kind: note.kind, table: note.table, text: note.text }, state.device);
        if (reply.status === 202) {
          attempt = 0;
          note.status = reply.data.status in STATUS_LABELS ? reply.data.status : "queued";
          note.by = state.device;
          save();
          draw();
          setSendStatus("Sent – waiting for the note-taker");
        } else if (reply.status === 400 || reply.status === 413) {
          note.status = "refused";
          note.error = message(reply, "The laptop couldn't take this note.");
          save();
          draw();
          setSendStatus("Not sent: " + note.error, true);
          refreshTables();
        } else if (reply.status === 403) {
          lostDevice(message(reply, "This phone isn't connected."), reply.data.barred === true);
          return;
        } else if (reply.status === 429) {
          var seconds = Number(reply.data.retry_after) || 5;
          later(seconds * 1000, "in a moment", true);
          return;
        } else {
          attempt += 1; // no answer, or the laptop had a problem: back off, then try again
          later(Math.min(30000, 1000 * Math.pow(2, attempt)) * (0.5 + Math.random() / 2),
                reply.status === 0 ? "when the Wi-Fi is back" : "in a moment");
          return;
        }
      }
    } finally {
      pumping = false;
    }
    if (pumpAgain) pump();
  }

  /* A send failed: say once that the notes are kept here, and send again in `ms`, not before (the
   * 5 s poll and new notes wait too). `hard` is the laptop's Retry-After, which the Wi-Fi coming
   * back or the page being shown again doesn't cut short. */
  function later(ms, when, hard) {
    window.clearTimeout(retryTimer);
    sendsWhen = when;
    setSendStatus(savedOnPhone(when)); // unchanged text on a retry: not announced again
    notBefore = Date.now() + ms;
    mustWait = hard ? notBefore : 0;
    retryTimer = window.setTimeout(function () {
      notBefore = 0;
      mustWait = 0;
      pump();
    }, ms);
  }

  /* The Wi-Fi is back, or the page is shown again: try now, unless the laptop said to wait. */
  function tryNow() {
    attempt = 0;
    if (!mustWait) notBefore = 0;
    pump();
  }

  /* Ask what became of notes waiting for the note-taker. */
  async function poll() {
    if (!state.device || document.hidden || polling) return;
    polling = true;
    try {
      await pollOnce();
    } finally {
      polling = false;
    }
  }

  async function pollOnce() {
    var queued = state.notes.filter(function (n) { return n.status === "queued"; });
    for (var i = 0; i < queued.length; i += 1) {
      var note = queued[i];
      if (note.by !== state.device) {
        note.status = "sent"; // sent from an earlier connection: its answer can't be asked for
        continue;
      }
      var reply = await call("GET", "/notes/" + encodeURIComponent(note.key), undefined, state.device);
      if (reply.status === 403) {
        lostDevice(message(reply, "This phone isn't connected."), reply.data.barred === true);
        return;
      }
      if (reply.status === 429) break; // asked too often: the next poll asks again
      if (reply.status !== 200) continue;
      var status = reply.data.status;
      if (status === "accepted" || status === "rejected") {
        note.status = status;
        say(preview(note.text) + ": " + (status === "accepted" ? "accepted." : "not used."));
      } else if (status === "unknown") {
        note.status = "sending"; // the laptop lost it (restarted): send it again
      }
    }
    save();
    draw();
    pump();
  }

  function preview(text) {
    var chars = Array.from(text);
    return "“" + (chars.length > 40 ? chars.slice(0, 40).join("") + "…" : text) + "”";
  }

  /* --- drawing (textContent and createElement only) -------------------------------------- */

  function showJoin(why) {
    setSendStatus("");
    $("join").hidden = false;
    $("compose").hidden = true;
    $("join-error").textContent = why || "";
    var waiting = state.notes.filter(function (n) { return n.status === "sending"; }).length;
    $("waiting").hidden = waiting === 0;
    $("waiting").textContent = waiting === 1
      ? "1 note is waiting: it will send once you have joined."
      : waiting + " notes are waiting: they will send once you have joined.";
    draw();
  }

  function showCompose() {
    $("join").hidden = true;
    $("compose").hidden = false;
    drawTables();
    draw();
  }

  function drawTables() {
    var select = $("table");
    var names = state.tables.slice();
    select.textContent = "";
    var prompt = document.createElement("option");
    prompt.value = "";
    prompt.textContent = "Choose your table";
    select.appendChild(prompt);
    names.forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      option.textContent = name;
      select.appendChild(option);
    });
    var taker = document.createElement("option");
    taker.value = state.noteTaker;
    taker.textContent = "Note-taker (no table)";
    select.appendChild(taker);
    var known = names.indexOf(state.table) >= 0 || state.table === state.noteTaker;
    select.value = known ? state.table : "";
  }

  function draw() {
    var list = $("sent-list");
    list.textContent = "";
    state.notes.forEach(function (note) {
      var item = document.createElement("li");
      item.className = "note " + note.status;
      var text = document.createElement("p");
      text.className = "note-text";
      text.textContent = note.text;
      var meta = document.createElement("p");
      meta.className = "note-meta";
      var table = note.table === state.noteTaker ? "Note-taker" : note.table;
      meta.textContent = (KIND_LABELS[note.kind] || note.kind) + " · " + table;
      var status = document.createElement("p");
      status.className = "note-status";
      status.textContent = STATUS_LABELS[note.status] || note.status;
      item.appendChild(text);
      item.appendChild(meta);
      item.appendChild(status);
      if (note.status === "refused") {
        var error = document.createElement("p");
        error.className = "note-error";
        error.textContent = note.error || "";
        var again = document.createElement("button");
        again.type = "button";
        again.className = "secondary";
        again.textContent = "Edit and send again";
        again.addEventListener("click", function () { editAgain(note); });
        item.appendChild(error);
        item.appendChild(again);
      }
      list.appendChild(item);
    });
    $("sent").hidden = state.notes.length === 0;
  }

  function drawCount() {
    var n = characters($("text").value);
    var count = $("count");
    count.textContent = n.toLocaleString("en-GB") + " of 2,000 characters" +
      (n > MAX_TEXT ? " – too long" : "");
    count.classList.toggle("error", n > MAX_TEXT);
  }

  function editAgain(note) {
    state.notes = state.notes.filter(function (n) { return n !== note; });
    state.draft = note.text;
    state.kind = note.kind;
    save();
    $("text").value = note.text;
    var radio = $("kind-" + note.kind);
    if (radio) radio.checked = true;
    drawCount();
    draw();
    if (state.device) showCompose();
    $("text").focus();
  }

  /* --- what the person does --------------------------------------------------------------- */

  async function onJoin(event) {
    event.preventDefault();
    var input = $("code");
    var code = input.value.replace(/[\s-]/g, "");
    if (!/^[0-9]{6}$/.test(code)) {
      input.setAttribute("aria-invalid", "true");
      $("join-error").textContent = "Type the six digits shown in the room.";
      input.focus();
      return;
    }
    var button = $("join-button");
    button.disabled = true;
    button.textContent = "Joining…";
    var problem = await join(code, function (why) { $("join-error").textContent = why; });
    button.disabled = false;
    button.textContent = "Join";
    if (problem) {
      input.setAttribute("aria-invalid", "true");
      $("join-error").textContent = problem;
      input.focus();
      return;
    }
    input.removeAttribute("aria-invalid");
    input.value = "";
    setOnline(true); // joined now: "Connected to the room"
    showCompose();
    say("Joined. Choose your table, then type your note.");
    $("table").focus();
    pump();
  }

  function onSend(event) {
    event.preventDefault();
    var table = $("table");
    var textBox = $("text");
    var text = textBox.value.trim();
    $("table-error").textContent = "";
    $("note-error").textContent = "";
    table.removeAttribute("aria-invalid");
    textBox.removeAttribute("aria-invalid");
    if (!table.value) {
      table.setAttribute("aria-invalid", "true");
      $("table-error").textContent = "Choose your table first.";
      table.focus();
      return;
    }
    if (!text) {
      textBox.setAttribute("aria-invalid", "true");
      $("note-error").textContent = "Type your note before sending.";
      textBox.focus();
      return;
    }
    if (characters(text) > MAX_TEXT) {
      textBox.setAttribute("aria-invalid", "true");
      $("note-error").textContent = "That's over 2,000 characters. Split it into two notes.";
      textBox.focus();
      return;
    }
    var kind = document.querySelector("input[name=kind]:checked");
    state.notes.unshift({
      key: newKey(),
      kind: kind ? kind.value : "share_back",
      table: table.value,
      text: text,
      created: Date.now(),
      status: "sending",
      by: ""
    });
    state.draft = "";
    save();
    textBox.value = "";
    drawCount();
    draw();
    setSendStatus("Sending…"); // pump() says what became of it; focus stays in the text box
    textBox.focus();
    var line = $("send-status");
    if (line.scrollIntoView) line.scrollIntoView({ block: "nearest" }); // only if it is out of view
    pump();
  }

  function start() {
    setOnline(online);
    $("join-form").addEventListener("submit", onJoin);
    $("note-form").addEventListener("submit", onSend);
    $("table").addEventListener("change", function (e) {
      state.table = e.target.value;
      save();
    });
    document.querySelectorAll("input[name=kind]").forEach(function (radio) {
      radio.addEventListener("change", function (e) {
        state.kind = e.target.value;
        save();
      });
    });
    $("text").addEventListener("input", function (e) {
      state.draft = e.target.value; // a reload keeps what was being typed
      save();
      drawCount();
    });
    window.addEventListener("online", tryNow);
    window.addEventListener("offline", function () { setOnline(false); });
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) { tryNow(); poll(); }
    });
    window.setInterval(poll, POLL_MS);

    $("text").value = state.draft;
    var radio = $("kind-" + state.kind);
    if (radio) radio.checked = true;
    drawCount();
    if (state.device) {
      showCompose();
      refreshTables();
      pump();
      poll();
    } else {
      showJoin("");
    }
  }

  // The vote screen and feedback form (phone-vote.js) ask for this phone's token here.
  window.inTheRoom = { api: function () { return API; }, store: function () { return STORE; }, device: function () { return state.device; },
                       newKey: newKey, call: call };

  start();
})();
