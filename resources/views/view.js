/* In the Room, live views: /clock (a second screen, a breakout room's TV) and /speaker (the
 * stage timer), read-only, pushed by the laptop as server-sent events.
 *
 * Each message is a "face" (desktop/core/live_views.py) stamped with the laptop's clock as it
 * left (`now`). While the clock runs the face says when the segment ends on the laptop's clock
 * (`ends_at`), so the digits tick here from the offset between the two clocks and never drift,
 * whatever this device's own clock says. EventSource reconnects by itself after a blip (the
 * laptop sends `retry:`); a refusal (a replaced link, a full room) is retried here, slower.
 * Everything is drawn with textContent: no HTML is ever built from data.
 */
(function () {
  "use strict";

  var $ = function (id) { return document.getElementById(id); };
  var parts = location.pathname.split("/");
  var view = parts[parts.length - 1] === "speaker" ? "speaker" : "clock";
  var face = null;
  var samples = []; // [offset, at] of recent messages: laptop's clock minus this one's
  var offset = 0;
  var source = null;
  var lastHeard = 0;
  var retryTimer = 0;
  var failures = 0;
  var SAMPLE_MS = 120000;
  var QUIET_MS = 40000; // no message for this long (heartbeats come every 15 s): say so

  function laptopNow() { return Date.now() + offset; }

  function heard(now) {
    var here = Date.now();
    lastHeard = here;
    samples.push([now - here, here]);
    samples = samples.filter(function (s) { return here - s[1] <= SAMPLE_MS; }).slice(-16);
    // The message that travelled fastest says the offset best (a slow one only looks behind).
    offset = Math.max.apply(null, samples.map(function (s) { return s[0]; }));
  }

  function mmss(seconds) {
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    var ss = (s < 10 ? "0" : "") + s;
    return h ? h + ":" + (m < 10 ? "0" : "") + m + ":" + ss : m + ":" + ss;
  }

  /* The digits at the laptop's `now`, rounded as the room display rounds them. */
  function digits(endsAt, held, still) {
    if (endsAt === null || endsAt === undefined) return still || "";
    var left = endsAt - laptopNow();
    if (left > 0) return mmss(Math.ceil(left / 1000));
    if (held || -left < 1000) return "0:00";
    return "+" + mmss(Math.floor(-left / 1000));
  }

  function setText(id, text) {
    var node = $(id);
    if (node.textContent !== text) node.textContent = text;
    node.hidden = !text;
  }

  function draw() {
    if (!face) return;
    var turn = face.turn;
    var clock = digits(face.ends_at, face.held, face.digits);
    document.body.style.backgroundColor = face.background;
    document.body.style.color = face.ink;
    var wrapping = view === "speaker" && face.wrap_up_until && laptopNow() < face.wrap_up_until;
    document.body.className = view + " " + (face.level || "calm") + " " + (face.status || "") +
      (wrapping ? " wrapping" : "");
    setText("title", face.title || "");
    var segment = $("segment");
    segment.textContent = face.segment || "";
    if (face.kind) {
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = " · " + face.kind;
      segment.appendChild(kind);
    }
    segment.hidden = !face.segment;
    if (turn) {
      setText("turn", turn.speaking + " · " + turn.following);
      setText("digits", digits(turn.ends_at, false, turn.digits) || "–:––");
      setText("small-clock", "Segment " + clock + " · " + face.words);
      setText("words", "");
    } else {
      setText("turn", "");
      setText("digits", clock || "–:––");
      setText("small-clock", "");
      setText("words", face.words || "");
    }
    setText("message", face.message || "");
    setText("next", face.next || "");
    if (view === "speaker") {
      setText("backstage", face.backstage || "");
      $("wrap").hidden = !wrapping;
    }
    window.__live = { face: face, offset: offset, digits: $("digits").textContent };
  }

  function live(ok, why) {
    var node = $("live");
    var text = ok ? "● Live" : why;
    if (node.textContent !== text) node.textContent = text;
    node.classList.toggle("lost", !ok);
  }

  function connect() {
    window.clearTimeout(retryTimer);
    if (source) source.close();
    source = new EventSource("events");
    source.addEventListener("face", function (e) {
      var data;
      try { data = JSON.parse(e.data); } catch (err) { return; }
      heard(Number(data.now) || Date.now());
      if (data.view) face = data;
      failures = 0;
      live(true);
      draw();
    });
    source.addEventListener("tick", function (e) {
      try { heard(Number(JSON.parse(e.data).now) || Date.now()); } catch (err) { return; }
      live(true);
    });
    source.onerror = function () {
      live(false, "Reconnecting…");
      if (source.readyState === EventSource.CLOSED) refused();
    };
  }

  /* The laptop answered, but not with a stream: a replaced link (404) says so; anything else
   * (a full room, a restart) is tried again, slower each time, up to 30 s apart. */
  async function refused() {
    failures += 1;
    var wait = Math.min(30000, 2000 * failures) * (1 + Math.random() / 2);
    try {
      var reply = await fetch(location.href, { method: "HEAD", cache: "no-store" });
      if (reply.status === 404) {
        live(false, "This link was replaced: ask the facilitator for the new one");
        wait = 30000;
      }
    } catch (e) { /* the laptop can't be reached: try again after the wait */ }
    retryTimer = window.setTimeout(connect, wait);
  }

  function start() {
    document.title = view === "speaker" ? "In the Room – speaker's timer" : "In the Room – clock";
    connect();
    window.setInterval(function () {
      draw();
      if (lastHeard && Date.now() - lastHeard > QUIET_MS) live(false, "Reconnecting…");
    }, 200);
  }

  start();
})();
