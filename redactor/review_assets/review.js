/* Reviewer page logic: navigation, filters, decisions. Inlined; no network except the
   local `redact serve` API when the page is served by it. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("review-data").textContent);
  var spans = DATA.spans;
  var I = DATA.i18n;         // the page's language: labels and messages (review_assets/messages.json)
  function L(table, code) { return (code && I[table] && I[table][code]) || code || ""; }
  function T(key, args) {
    return (I.js[key] || key).replace(/\{(\w+)\}/g, function (_, k) { return args && args[k] !== undefined ? args[k] : ""; });
  }
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
    if (!v.length) { say(T("no_span")); return; }
    var next = current < 0 ? (step > 0 ? 0 : v.length - 1) : (current + step + v.length) % v.length;
    select(v[next]);
    $("pos").textContent = (next + 1) + " / " + v.length;
  }

  // An item waits for a reviewer when the policy queued it (Art. 16) and neither the
  // decisions file nor this page has decided it yet.
  function undecided(s) {
    if (s.kind !== "review" || s.decided) return false;
    return !pending.some(function (p) { return p.value === s.value && p.document === DATA.document; });
  }

  function nextUndecided() {
    var all = leftMarks();
    var cur = document.querySelector("td.orig mark.current.first");
    var from = cur ? all.indexOf(cur) : -1;
    for (var k = 1; k <= all.length; k++) {
      var m = all[(from + k) % all.length];
      if (undecided(byI[m.getAttribute("data-i")])) {
        m.classList.remove("filtered");
        select(m);
        var v = visible();
        $("pos").textContent = (v.indexOf(m) + 1) + " / " + v.length;
        return;
      }
    }
    say(T("no_undecided"));
  }

  function showDetail(s) {
    var fields = ["category", "kind", "action", "rule", "article", "score", "detector", "role", "replacement", "mentions", "decided"];
    var tables = {category: "categories", kind: "kinds", action: "actions", role: "roles"};
    fields.forEach(function (f) {
      var el = $("d-" + f);
      if (!el) return;
      var v = s ? s[f] : "";
      if (s && tables[f]) v = L(tables[f], s[f]);
      if (f === "replacement" && s && s.replacement === "" && (s.kind === "mask" || s.kind === "confirmed" || s.kind === "reviewer-mask")) v = T("deleted");
      if (f === "replacement" && s && s.kind === "review") v = T("replacement_pending");
      if (f === "decided" && s) v = s.decided ? T("decided_by", {action: L("actions", s.decided.action), reviewer: s.decided.reviewer, time: s.decided.time}) : "";
      el.textContent = v === null || v === undefined ? "" : String(v);
    });
    // The code beside its label: what a rule file or the decisions file calls it.
    $("d-category").setAttribute("data-code", s ? s.category : "");
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
    $("pos").textContent = visible().length + " " + T("spans");
  }

  function reviewer() {
    var r = $("reviewer").value.trim();
    // The field is marked, never focused: the next shortcut must not type into it.
    if (!r) { say(T("enter_name"), true); $("reviewer").classList.add("needed"); return null; }
    $("reviewer").classList.remove("needed");
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

  function decideDocument(action) {
    var who = reviewer();
    if (!who) return;
    var d = {document: DATA.document, document_sha256: DATA.sha256, action: action, reviewer: who,
             time: new Date().toISOString().replace(/\.\d{3}Z$/, "Z")};
    // One decision per document: the later one replaces the earlier.
    pending = pending.filter(function (p) { return p.action !== "publish" && p.action !== "withhold"; });
    pending.push(d);
    document.body.setAttribute("data-document-decision", action);
    renderPending();
    say(T("recorded_document", {action: L("actions", action)}));
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
        say(T("already_masked"));
        return;
      }
      if (action === "keep" && (s.kind === "kept" || s.kind === "reviewer-keep")) { say(T("already_kept")); return; }
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
      say(T("select_first"), true);
      return;
    }
    d.scope = "all";
    pending = pending.filter(function (p) { return !(p.value === d.value && p.document === d.document); });
    pending.push(d);
    renderPending();
    say(T("recorded", {action: L("actions", action), category: L("categories", d.category)}));
  }

  function renderPending() {
    var ul = $("pending");
    ul.innerHTML = "";
    pending.forEach(function (d, k) {
      var li = document.createElement("li");
      li.className = "decision";
      li.setAttribute("data-action", d.action);
      li.textContent = d.value === undefined ? L("actions", d.action) + " · " + T("document_word") + " "
        : L("actions", d.action) + " · " + L("categories", d.category) + " · " + d.value + " ";
      var b = document.createElement("button");
      b.textContent = "✕";
      b.title = T("undo");
      b.addEventListener("click", function () { pending.splice(k, 1); renderPending(); });
      li.appendChild(b);
      ul.appendChild(li);
    });
    $("pending-count").textContent = String(pending.length);
  }

  function exportJson() {
    if (!pending.length) { say(T("nothing_to_export"), true); return; }
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
    say(T("exported"));
  }

  function save() {
    if (!pending.length) { say(T("nothing_to_save"), true); return; }
    fetch("/api/decisions", {method: "POST", headers: {"Content-Type": "application/json"},
                             body: JSON.stringify({document: DATA.document, decisions: pending})})
      .then(function (r) { return r.json().then(function (j) { return {ok: r.ok, j: j}; }); })
      .then(function (res) {
        if (!res.ok) { say(T("not_saved") + (res.j.error || "error"), true); return; }
        pending = [];
        renderPending();
        say(T("saved", {n: res.j.saved}));
        document.body.setAttribute("data-saved", String(res.j.saved));
        setTimeout(function () { location.reload(); }, 150);
      })
      .catch(function () { say(T("no_server"), true); });
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
    var typing = t && ((t.tagName === "INPUT" && t.type !== "checkbox") || t.tagName === "SELECT" || t.tagName === "TEXTAREA");
    if (typing) {
      // Enter or Esc in the name field hands the keys back to the page.
      if (t.id === "reviewer" && (ev.key === "Enter" || ev.key === "Escape")) { t.blur(); ev.preventDefault(); }
      return;  // a letter typed into a field is text, never a shortcut
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    switch (ev.key) {
      case "n": nextUndecided(); break;
      case "j": move(1); break;
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
  $("b-undecided").addEventListener("click", nextUndecided);
  if ($("b-publish")) $("b-publish").addEventListener("click", function () { decideDocument("publish"); });
  if ($("b-withhold")) $("b-withhold").addEventListener("click", function () { decideDocument("withhold"); });
  $("reviewer").addEventListener("input", function () { $("reviewer").classList.remove("needed"); });
  // A chosen category gives the keys back: with the list focused, `m` would pick an option.
  $("mask-category").addEventListener("change", function () { $("mask-category").blur(); });
  $("b-prev").addEventListener("click", function () { move(-1); });
  $("export").addEventListener("click", exportJson);
  $("save").addEventListener("click", save);
  try { $("reviewer").value = localStorage.getItem("redactor-reviewer") || ""; } catch (e) { /* ignore */ }
  applyFilters();
  detectServer();
  window.redactorReview = {pending: function () { return pending.slice(); }, data: DATA, move: move, decide: decide,
                           nextUndecided: nextUndecided, decideDocument: decideDocument};
})();
