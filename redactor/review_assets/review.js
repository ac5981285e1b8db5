/* Reviewer page logic: navigation, filters, decisions. Inlined; no network except the
   local `redact serve` API when the page is served by it. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("review-data").textContent);
  var spans = DATA.spans;
  var byI = {};
  spans.forEach(function (s) { byI[s.i] = s; });
  var pending = [];          // decisions taken in this page, not yet saved
  var current = -1;          // index into the visible list
  var serverMode = false;
  var $ = function (id) { return document.getElementById(id); };

  function leftMarks() { return Array.prototype.slice.call(document.querySelectorAll("td.orig mark.sp.first")); }
  function visible() { return leftMarks().filter(function (m) { return !m.classList.contains("filtered"); }); }
  function marksOf(i) { return document.querySelectorAll('mark[data-i="' + i + '"]'); }

  function say(text, isError) {
    var m = $("msg");
    m.textContent = text;
    m.className = isError ? "error" : "";
  }

  function select(mark) {
    document.querySelectorAll("mark.current").forEach(function (m) { m.classList.remove("current"); });
    if (!mark) { current = -1; showDetail(null); return; }
    var i = mark.getAttribute("data-i");
    marksOf(i).forEach(function (m) { m.classList.add("current"); });
    current = visible().indexOf(mark);
    mark.scrollIntoView({block: "center"});
    showDetail(byI[i]);
  }

  function move(step) {
    var v = visible();
    if (!v.length) { say("no span to show with these filters"); return; }
    var next = current < 0 ? (step > 0 ? 0 : v.length - 1) : (current + step + v.length) % v.length;
    select(v[next]);
    $("pos").textContent = (next + 1) + " / " + v.length;
  }

  function showDetail(s) {
    var fields = ["category", "kind", "action", "rule", "article", "score", "detector", "role", "replacement", "mentions", "decided"];
    fields.forEach(function (f) {
      var el = $("d-" + f);
      if (!el) return;
      var v = s ? s[f] : "";
      if (f === "replacement" && s && s.replacement === "" && (s.kind === "mask" || s.kind === "confirmed" || s.kind === "reviewer-mask")) v = "(deleted)";
      if (f === "decided" && s) v = s.decided ? s.decided.action + " by " + s.decided.reviewer + " (" + s.decided.time + ")" : "";
      el.textContent = v === null || v === undefined ? "" : String(v);
    });
    $("d-value").textContent = s ? s.value : "";
  }

  function applyFilters() {
    var on = {};
    document.querySelectorAll("input.cat-filter").forEach(function (cb) { on[cb.getAttribute("data-cat")] = cb.checked; });
    var showKept = $("show-kept").checked;
    document.querySelectorAll("mark[data-i]").forEach(function (m) {
      var s = byI[m.getAttribute("data-i")];
      var hide = on[s.category] === false || (s.kind === "kept" && !showKept);
      m.classList.toggle("filtered", hide);
    });
    var cur = document.querySelector("td.orig mark.current.first");
    current = cur ? visible().indexOf(cur) : -1;
    $("pos").textContent = visible().length + " spans";
  }

  function reviewer() {
    var r = $("reviewer").value.trim();
    if (!r) { say("enter your name as reviewer first", true); $("reviewer").focus(); return null; }
    try { localStorage.setItem("redactor-reviewer", r); } catch (e) { /* file:// may refuse */ }
    return r;
  }

  function selectionTarget() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed) return null;
    var text = sel.toString();
    if (!text.trim()) return null;
    var node = sel.anchorNode && (sel.anchorNode.nodeType === 1 ? sel.anchorNode : sel.anchorNode.parentNode);
    var td = node && node.closest ? node.closest("td.orig") : null;
    if (!td) return null;
    var r = document.createRange();
    r.setStart(td, 0);
    var rng = sel.getRangeAt(0);
    r.setEnd(rng.startContainer, rng.startOffset);
    var start = parseInt(td.getAttribute("data-start"), 10) + r.toString().length;
    return {value: text, start: start, end: start + text.length};
  }

  function decide(action) {
    var who = reviewer();
    if (!who) return;
    var d = {document: DATA.document, document_sha256: DATA.sha256, action: action, reviewer: who,
             time: new Date().toISOString().replace(/\.\d{3}Z$/, "Z")};
    var sel = action === "mask" ? selectionTarget() : null;
    var mark = document.querySelector("td.orig mark.current.first");
    if (sel) {
      d.value = sel.value.trim();
      d.category = $("mask-category").value;
      d.span = [sel.start, sel.end];
    } else if (mark) {
      var s = byI[mark.getAttribute("data-i")];
      if (action === "mask" && (s.kind === "mask" || s.kind === "reviewer-mask" || s.kind === "confirmed")) {
        say("already masked: use confirm, or select text in the original to mask more");
        return;
      }
      if (action === "keep" && (s.kind === "kept" || s.kind === "reviewer-keep")) { say("already kept"); return; }
      d.value = s.value;
      d.category = s.category;
      d.span = [s.start, s.end];
      marksOf(s.i).forEach(function (m) {
        m.classList.remove("decided-keep", "decided-mask", "decided-confirm");
        m.classList.add("decided-" + action);
      });
      // A decision on a value applies to all its mentions: show it on each of them.
      spans.forEach(function (o) {
        if (o.value === s.value && o.i !== s.i) marksOf(o.i).forEach(function (m) { m.classList.add("decided-" + action); });
      });
    } else {
      say("select a span (n/p) or some text in the original first", true);
      return;
    }
    d.scope = "all";
    pending = pending.filter(function (p) { return !(p.value === d.value && p.document === d.document); });
    pending.push(d);
    renderPending();
    say(action + " recorded for " + (d.category || "") + " (all mentions) — export or save to apply on the next run");
  }

  function renderPending() {
    var ul = $("pending");
    ul.innerHTML = "";
    pending.forEach(function (d, k) {
      var li = document.createElement("li");
      li.className = "decision";
      li.setAttribute("data-action", d.action);
      li.textContent = d.action + " · " + (d.category || "") + " · " + d.value + " ";
      var b = document.createElement("button");
      b.textContent = "✕";
      b.title = "undo";
      b.addEventListener("click", function () { pending.splice(k, 1); renderPending(); });
      li.appendChild(b);
      ul.appendChild(li);
    });
    $("pending-count").textContent = String(pending.length);
  }

  function exportJson() {
    if (!pending.length) { say("no decision to export", true); return; }
    var body = JSON.stringify({version: 1, decisions: pending}, null, 2);
    var ta = $("export-json");
    ta.value = body;
    ta.classList.add("shown");
    var blob = new Blob([body], {type: "application/json"});
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "decisions-" + DATA.page + ".json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    say("exported: put it in the review folder with `redact review OUT --import FILE`, or pass it to `redact run --decisions`");
  }

  function save() {
    if (!pending.length) { say("no decision to save", true); return; }
    fetch("/api/decisions", {method: "POST", headers: {"Content-Type": "application/json"},
                             body: JSON.stringify({document: DATA.document, decisions: pending})})
      .then(function (r) { return r.json().then(function (j) { return {ok: r.ok, j: j}; }); })
      .then(function (res) {
        if (!res.ok) { say("not saved: " + (res.j.error || "error"), true); return; }
        pending = [];
        renderPending();
        say("saved " + res.j.saved + " decision(s) to the decisions file");
        document.body.setAttribute("data-saved", String(res.j.saved));
        setTimeout(function () { location.reload(); }, 150);
      })
      .catch(function () { say("the review server did not answer", true); });
  }

  function detectServer() {
    if (location.protocol !== "http:" && location.protocol !== "https:") return;
    fetch("/api/info").then(function (r) { return r.ok ? r.json() : null; }).then(function (j) {
      if (!j) return;
      serverMode = true;
      $("save").style.display = "";
      if (!$("reviewer").value && j.reviewer) $("reviewer").value = j.reviewer;
      document.body.setAttribute("data-server", "1");
    }).catch(function () { /* static server: export only */ });
  }

  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    // Typing a name or choosing a category is not navigation; a ticked filter box is.
    if (t && ((t.tagName === "INPUT" && t.type !== "checkbox") || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) return;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    switch (ev.key) {
      case "n": case "j": move(1); break;
      case "p": case "k": move(-1); break;
      case "u": decide("keep"); break;
      case "c": decide("confirm"); break;
      case "m": decide("mask"); break;
      case "e": exportJson(); break;
      case "Escape": select(null); break;
      default: return;
    }
    ev.preventDefault();
  });
  document.querySelectorAll("mark[data-i]").forEach(function (m) {
    m.addEventListener("click", function () {
      var first = document.querySelector('td.orig mark.first[data-i="' + m.getAttribute("data-i") + '"]');
      if (first) select(first);
    });
  });
  document.querySelectorAll("input.cat-filter, #show-kept").forEach(function (cb) { cb.addEventListener("change", applyFilters); });
  $("b-keep").addEventListener("click", function () { decide("keep"); });
  $("b-confirm").addEventListener("click", function () { decide("confirm"); });
  $("b-mask").addEventListener("mousedown", function (ev) { ev.preventDefault(); }); // keep the text selection
  $("b-mask").addEventListener("click", function () { decide("mask"); });
  $("b-next").addEventListener("click", function () { move(1); });
  $("b-prev").addEventListener("click", function () { move(-1); });
  $("export").addEventListener("click", exportJson);
  $("save").addEventListener("click", save);
  try { $("reviewer").value = localStorage.getItem("redactor-reviewer") || ""; } catch (e) { /* ignore */ }
  applyFilters();
  detectServer();
  window.redactorReview = {pending: function () { return pending.slice(); }, data: DATA, move: move, decide: decide};
})();
