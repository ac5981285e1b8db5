"""The review pages in a real headless Chromium (Debian's `chromium`), driven over the
Chrome DevTools Protocol with `websockets`: what a reviewer sees (spans highlighted with
their reasons), what they do (keyboard navigation, filters, decisions), and that a decision
taken in the page changes the next run's output and shows in the audit.

Skipped when chromium or websockets is absent. REDACTOR_SCREENSHOT=path saves a screenshot
of a page (docs/review-page.png in the README comes from here)."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers.civil_judgment import ID, JUDGMENT, PHONE, REVIEW_POLICY

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ws_client = pytest.importorskip("websockets.sync.client", reason="websockets is not installed")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

from redactor.audit import verify_chain  # noqa: E402
from redactor.cli import app  # noqa: E402
from redactor.review_decisions import default_review_dir, load_decisions  # noqa: E402

runner = CliRunner()
# The judgment with a temperature in its facts: ℃ must render (it once came out blank).
TEXT = JUDGMENT.replace("经审理查明：", "经审理查明：当日气温38℃，")


class Chromium:
    """One headless Chromium and one page, over the DevTools protocol (flat sessions)."""

    def __init__(self, downloads: Path):
        self.profile = tempfile.mkdtemp(prefix="redactor-chromium-")
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-dev-shm-usage", f"--user-data-dir={self.profile}", "--remote-debugging-port=0",
             "--window-size=1400,900", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.time() + 30
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if time.time() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not start")
            time.sleep(0.05)
        port, path = port_file.read_text().splitlines()[:2]
        self._conn = ws_client.connect(f"ws://127.0.0.1:{port}{path}", max_size=None, open_timeout=20)
        self.ws = self._conn.__enter__()
        self.n = 0
        self.events: list[dict] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads),
                                                  "eventsEnabled": True})
        for domain in ("Page", "Runtime", "Network"):
            self.page(f"{domain}.enable")
        self.page("Emulation.setDeviceMetricsOverride", {"width": 1400, "height": 900, "deviceScaleFactor": 1,
                                                         "mobile": False})

    def call(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 20):
        self.n += 1
        msg = {"id": self.n, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        deadline = time.time() + timeout
        while True:
            reply = json.loads(self.ws.recv(timeout=max(0.1, deadline - time.time())))
            if reply.get("id") == self.n:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def page(self, method: str, params: dict | None = None, timeout: float = 20):
        return self.call(method, params, self.session, timeout)

    def wait_event(self, method: str, timeout: float = 20, pred=lambda e: True) -> dict:
        deadline = time.time() + timeout
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == method and pred(e):
                    return self.events.pop(i)
            if time.time() > deadline:
                raise TimeoutError(method)
            try:
                self.events.append(json.loads(self.ws.recv(timeout=max(0.1, deadline - time.time()))))
            except TimeoutError:
                pass

    def goto(self, url: str) -> None:
        self.events.clear()
        self.page("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def js(self, expr: str):
        r = self.page("Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in r:
            raise RuntimeError(f"page script failed: {r['exceptionDetails'].get('text')}")
        return r["result"].get("value")

    def key(self, k: str) -> None:
        code = f"Key{k.upper()}" if len(k) == 1 and k.isalpha() else k
        base = {"key": k, "code": code}
        self.page("Input.dispatchKeyEvent", {"type": "keyDown", "text": k if len(k) == 1 else "", **base})
        self.page("Input.dispatchKeyEvent", {"type": "keyUp", **base})

    def click(self, selector: str) -> None:
        box = self.js(f"""(() => {{ const e = document.querySelector({json.dumps(selector)});
            if (!e) return null; e.scrollIntoView({{block: 'center'}}); const r = e.getClientRects()[0];
            return [r.x + r.width / 2, r.y + r.height / 2]; }})()""")
        assert box, f"nothing to click at {selector}"
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.page("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1], "button": "left",
                                                   "clickCount": 1})

    def type_into(self, selector: str, text: str) -> None:
        self.click(selector)
        self.page("Input.insertText", {"text": text})

    def screenshot(self, dest: Path) -> None:
        data = self.page("Page.captureScreenshot", {"format": "png"})["data"]
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(base64.b64decode(data))

    def requested_urls(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def close(self) -> None:
        try:
            self._conn.__exit__(None, None, None)
        except Exception:
            pass
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    downloads = tmp_path_factory.mktemp("downloads")
    b = Chromium(downloads)
    b.downloads = downloads
    yield b
    b.close()


def _run(inp: Path, out: Path, pol: Path, *extra: str) -> dict:
    r = runner.invoke(app, ["run", str(inp), "--out", str(out), "--policy", str(pol), "--executor", "inline",
                            "--workers", "1", "--json", *extra], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.fixture()
def reviewed(tmp_path, monkeypatch):
    """A run with one document in the review queue, and its review pages."""
    monkeypatch.setenv("REDACTOR_HMAC_KEY", "browser-test-key")
    monkeypatch.setenv("REDACTOR_OPERATOR", "nightly")
    inp = tmp_path / "in"
    (inp / "civil").mkdir(parents=True)
    (inp / "civil" / "a.txt").write_text(TEXT, encoding="utf-8")
    pol = tmp_path / "review-phones.yaml"
    pol.write_text(REVIEW_POLICY, encoding="utf-8")
    out = tmp_path / "out"
    report = _run(inp, out, pol)
    assert report["documents"][0]["status"] == "review"
    r = runner.invoke(app, ["review", str(out), "--input", str(inp), "--policy", str(pol)])
    assert r.exit_code == 0, r.output
    page = next((default_review_dir(out) / "pages").glob("civil_a*.html"))
    return inp, out, pol, page


def _current(b: Chromium) -> dict:
    return b.js("""(() => { const m = document.querySelector('td.orig mark.current.first');
        if (!m) return null; const r = m.getBoundingClientRect();
        return {i: +m.dataset.i, cat: m.dataset.cat, text: m.textContent,
                panel: document.getElementById('d-category').textContent,
                code: document.getElementById('d-category').dataset.code,
                kind: document.getElementById('d-kind').textContent,
                rule: document.getElementById('d-rule').textContent,
                inView: r.top >= 0 && r.bottom <= innerHeight,
                right: [...document.querySelectorAll('td.red mark.current')].map(x => x.textContent)}; })()""")


def test_reviewer_sees_masked_spans_with_their_reasons(browser, reviewed):
    _, _, _, page = reviewed
    browser.goto(page.as_uri())
    seen = browser.js("""(() => {
        const id = [...document.querySelectorAll('td.orig mark.sp')].find(m => m.dataset.cat === 'ID_CARD');
        const after = getComputedStyle(id, '::after').content;
        const bg = getComputedStyle(id).backgroundColor;
        const phone = [...document.querySelectorAll('td.orig mark.sp')].find(m => m.dataset.cat === 'PHONE');
        return {idText: id.textContent, idTitle: id.title, tag: after, bg: bg, lang: document.documentElement.lang,
                phoneClass: phone.className, status: document.getElementById('status').dataset.status,
                statusLabel: document.getElementById('status').textContent,
                filters: document.getElementById('filters').textContent,
                buttons: [...document.querySelectorAll('aside button')].map(b => b.textContent.trim()),
                red: [...document.querySelectorAll('td.red')].map(t => t.textContent).join('\\n'),
                orig: [...document.querySelectorAll('td.orig')].map(t => t.textContent).join('\\n')}; })()""")
    assert seen["idText"] == ID and seen["bg"] != "rgba(0, 0, 0, 0)"
    # The category is in the side panel, not a tag inside the text (tags broke lines).
    assert seen["tag"] in ("none", "normal")
    assert "category:ID_CARD" in seen["idTitle"] and "第十条第一款第（一）项" in seen["idTitle"]
    assert "身份证号" in seen["idTitle"] and "置信度 0.8" in seen["idTitle"]
    assert "k-review" in seen["phoneClass"] and seen["status"] == "review" and seen["statusLabel"] == "待审核"
    # Chinese by default: labels, statuses and buttons.
    assert seen["lang"] == "zh-CN" and "人名" in seen["filters"] and "电话号码" in seen["filters"]
    assert seen["buttons"][0].startswith("下一个待审核")
    assert {"保留 u", "确认屏蔽 c", "屏蔽 m", "发布本文书", "不公开本文书"} <= set(seen["buttons"])
    # Original on the left, redacted on the right, aligned paragraph by paragraph.
    assert ID in seen["orig"] and "38℃" in seen["orig"] and "38℃" in seen["red"]
    assert ID not in seen["red"] and "曹兰" not in seen["red"] and "曹某1" in seen["red"]
    rows = browser.js("document.querySelectorAll('#sbs tr[id^=para-]').length")
    assert rows == len([ln for ln in TEXT.split("\n") if ln.strip()])
    # A deleted address shows a marker in the page's language, not an empty-set sign.
    deleted = browser.js("getComputedStyle(document.querySelector('td.red mark.rp.empty'), '::before').content")
    assert deleted == '"删"'
    # ℃ renders: drawn in the page's own font, the sign has ink (it once came out blank).
    ink = browser.js("""(() => { const c = document.createElement('canvas'); c.width = 60; c.height = 60;
        const g = c.getContext('2d'); g.font = '40px ' + getComputedStyle(document.body).fontFamily;
        g.fillStyle = '#000'; g.fillText('℃', 5, 45);
        const px = g.getImageData(0, 0, 60, 60).data; let n = 0;
        for (let i = 3; i < px.length; i += 4) if (px[i] > 128) n++;
        return {n: n, w: g.measureText('℃').width}; })()""")
    assert ink["n"] > 40 and ink["w"] > 10, ink
    # No network: everything the page loaded came from the file itself.
    assert all(u.startswith(("file:", "data:", "about:")) for u in browser.requested_urls())
    shot = os.environ.get("REDACTOR_SCREENSHOT")
    if shot:
        browser.key("n")  # the first undecided item, its reasons in the side panel
        browser.screenshot(Path(shot))


def test_keyboard_next_undecided_first_then_every_span_and_filters(browser, reviewed):
    _, _, _, page = reviewed
    browser.goto(page.as_uri())
    order = browser.js("[...document.querySelectorAll('td.orig mark.sp.first')].map(m => [+m.dataset.i, m.dataset.cat])")
    assert len(order) > 8
    # n: straight to the only item waiting for a decision (the queued phone number), not the court's name.
    browser.key("n")
    c0 = _current(browser)
    assert c0["cat"] == "PHONE" and c0["text"] == PHONE and c0["kind"] == "待审核" and c0["inView"]
    assert c0["panel"] == "电话号码" and c0["code"] == "PHONE"
    browser.key("n")  # the only one: it stays
    assert _current(browser)["i"] == c0["i"]
    browser.key("Escape")
    browser.key("j")
    c1 = _current(browser)
    assert c1["i"] == order[0][0] and c1["inView"]
    browser.key("j")
    assert _current(browser)["i"] == order[1][0]
    browser.key("p")
    assert _current(browser)["i"] == order[0][0]
    browser.key("k")  # wraps to the last span
    last = _current(browser)
    assert last["i"] == order[-1][0] and last["inView"]
    # The redacted side highlights the same span: a masked ID shows its replacement.
    id_i = next(i for i, cat in order if cat == "ID_CARD")
    browser.click(f'td.orig mark.first[data-i="{id_i}"]')
    cur = _current(browser)
    assert cur["cat"] == "ID_CARD" and cur["right"] == ["×××"] and cur["rule"] == "category:ID_CARD"
    assert cur["panel"] == "身份证号" and cur["kind"] == "已屏蔽"
    # Filter out PERSON: navigation never lands on a name any more.
    browser.click('input.cat-filter[data-cat="PERSON"]')
    cats = set()
    for _ in range(len(order)):
        browser.key("j")
        cats.add(_current(browser)["cat"])
    assert "PERSON" not in cats and {"ID_CARD", "PHONE"} <= cats


def test_shortcuts_never_type_into_a_field(browser, reviewed):
    _, _, _, page = reviewed
    browser.goto(page.as_uri())
    browser.js("localStorage.clear(); document.getElementById('reviewer').value = ''")
    browser.key("n")
    browser.key("c")  # no reviewer yet: asked for a name, and the field is NOT focused
    state = browser.js("""({msg: document.getElementById('msg').textContent,
        focused: document.activeElement && document.activeElement.id,
        needed: document.getElementById('reviewer').classList.contains('needed'),
        pending: window.redactorReview.pending().length})""")
    assert "审核员" in state["msg"] and state["focused"] != "reviewer" and state["needed"] and state["pending"] == 0
    browser.key("c")  # pressed again: still a shortcut, nothing typed anywhere
    assert browser.js("document.getElementById('reviewer').value") == ""
    browser.type_into("#reviewer", "审核员甲")
    browser.key("Enter")  # hands the keys back to the page
    assert browser.js("document.activeElement.id") != "reviewer"
    browser.key("c")
    assert browser.js("document.getElementById('reviewer').value") == "审核员甲"
    assert [(d["action"], d["value"]) for d in browser.js("window.redactorReview.pending()")] == [("confirm", PHONE)]
    browser.key("n")  # nothing left undecided in this page
    assert "没有待审核的项目" in browser.js("document.getElementById('msg').textContent")
    # Choosing a category for a mask hands the keys back too (a focused list would eat the `m`).
    browser.js("""(() => { const s = document.getElementById('mask-category'); s.focus(); s.value = 'TRADE_SECRET';
        s.dispatchEvent(new Event('change')); })()""")
    assert browser.js("document.activeElement.id") != "mask-category"
    assert browser.js("document.getElementById('mask-category').value") == "TRADE_SECRET"


def test_english_pages_on_request(browser, reviewed, tmp_path):
    inp, out, pol, _ = reviewed
    r = runner.invoke(app, ["review", str(out), "--input", str(inp), "--policy", str(pol), "--lang", "en",
                            "--review-dir", str(tmp_path / "en.review")])
    assert r.exit_code == 0, r.output
    page = next((tmp_path / "en.review" / "pages").glob("civil_a*.html"))
    browser.goto(page.as_uri())
    browser.key("n")
    cur = _current(browser)
    assert browser.js("document.documentElement.lang") == "en" and cur["cat"] == "PHONE" and cur["kind"] == "to review"
    assert browser.js("document.getElementById('b-undecided').textContent").startswith("Next undecided")
    r = runner.invoke(app, ["review", str(out), "--input", str(inp), "--policy", str(pol), "--lang", "fr",
                            "--review-dir", str(tmp_path / "fr.review")])
    assert r.exit_code == 2 and "unknown language" in r.output and not (tmp_path / "fr.review").exists()


def test_decisions_taken_in_the_page_change_the_next_run_and_the_audit(browser, reviewed):
    inp, out, pol, page = reviewed
    browser.goto(page.as_uri())
    browser.js("document.getElementById('reviewer').value = ''")  # an earlier test's name is remembered
    browser.type_into("#reviewer", "审核员甲")
    # 1. Confirm the queued phone number (Art. 16 review item).
    phone_i = browser.js("+[...document.querySelectorAll('td.orig mark.first')].find(m => m.dataset.cat === 'PHONE').dataset.i")
    browser.click(f'td.orig mark.first[data-i="{phone_i}"]')
    browser.key("c")
    # 2. Keep the witness's name (a reviewer's call): one click, every mention.
    witness_i = browser.js("+[...document.querySelectorAll('td.orig mark.first')].find(m => m.textContent === '曹丽').dataset.i")
    browser.click(f'td.orig mark.first[data-i="{witness_i}"]')
    browser.click("#b-keep")
    # 3. Mask a trade secret the machine missed: select it in the original, choose the category, press m.
    browser.js("""(() => { const td = [...document.querySelectorAll('td.orig')].find(t => t.textContent.includes('青霜7号'));
        const node = [...td.childNodes].find(n => n.nodeType === 3 && n.textContent.includes('青霜7号'));
        const at = node.textContent.indexOf('青霜7号'); const r = document.createRange();
        r.setStart(node, at); r.setEnd(node, at + 4); const s = getSelection(); s.removeAllRanges(); s.addRange(r);
        document.getElementById('mask-category').value = 'TRADE_SECRET'; })()""")
    browser.key("m")
    # 4. The whole document: withhold, then change one's mind and publish (the later one counts).
    browser.click("#b-withhold")
    browser.click("#b-publish")
    pending = browser.js("window.redactorReview.pending()")
    assert [(d["action"], d.get("value"), d.get("category")) for d in pending] == [
        ("confirm", PHONE, "PHONE"), ("keep", "曹丽", "PERSON"), ("mask", "青霜7号", "TRADE_SECRET"),
        ("publish", None, None)]
    assert browser.js("document.querySelectorAll('#pending li').length") == 4
    # Export: the browser downloads the decisions as JSON.
    browser.click("#export")
    files = _download(browser, set())
    exported = json.loads(files[0].read_text(encoding="utf-8"))
    assert exported["version"] == 1 and len(exported["decisions"]) == 4
    assert all(d["reviewer"] == "审核员甲" and d["document"] == "civil/a.txt" for d in exported["decisions"])
    r = runner.invoke(app, ["review", str(out), "--input", str(inp), "--policy", str(pol), "--import", str(files[0])])
    assert r.exit_code == 0 and "imported 4" in r.output
    # The next run applies them: published, phone and secret masked, witness kept, all audited.
    report = _run(inp, out, pol)
    assert report["documents"][0]["status"] == "published"
    published = (out / "civil" / "a.txt").read_text(encoding="utf-8")
    assert PHONE not in published and "青霜" not in published and published.count("曹丽") == 2
    recs = [json.loads(x) for x in (out / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    decided = {x["action"]: x for x in recs if x["type"] == "review_decision"}
    assert set(decided) == {"confirm", "keep", "mask", "publish"} and decided["publish"]["scope"] == "document"
    assert {x["reviewer"] for x in decided.values()} == {"审核员甲"} and decided["mask"]["mentions"] == 2
    assert verify_chain(out / "audit.jsonl").ok
    # The rebuilt page shows the decision on the span itself.
    runner.invoke(app, ["review", str(out), "--input", str(inp), "--policy", str(pol)])
    browser.goto(page.as_uri())
    kinds = browser.js("[...document.querySelectorAll('td.orig mark.first')].filter(m => m.textContent === '曹丽').map(m => m.className)")
    assert kinds and all("k-reviewer-keep" in k for k in kinds)
    assert browser.js("document.getElementById('status').dataset.status") == "published"
    assert browser.js("document.getElementById('status').textContent") == "已发布"
    # Withhold from the page: the next run takes the published copy back offline (Art. 4(5)).
    for f in browser.downloads.glob("*.json"):
        f.unlink()
    browser.click("#b-withhold")
    assert "不公开" in browser.js("document.getElementById('msg').textContent")
    browser.click("#export")
    files = _download(browser, set())
    r = runner.invoke(app, ["review", str(out), "--input", str(inp), "--policy", str(pol), "--import", str(files[0])])
    assert r.exit_code == 0 and "imported 1" in r.output
    report = _run(inp, out, pol)
    assert report["documents"][0]["status"] == "withheld" and not (out / "civil" / "a.txt").exists()


def _download(browser, before: set) -> list[Path]:
    deadline = time.time() + 20
    files: list[Path] = []
    while time.time() < deadline and not files:
        files = [f for f in browser.downloads.glob("decisions-*.json") if f not in before]
        time.sleep(0.1)
    assert files, "no download"
    time.sleep(0.2)  # the download is complete once its name is final
    return files


def test_serve_saves_a_decision_from_the_browser(browser, reviewed):
    from redactor.review import ReviewSite, make_server

    inp, out, pol, page = reviewed
    site = ReviewSite.open(out, inputs=[inp], policy=str(pol))
    site.build_all()
    server = make_server(site, "127.0.0.1", 0, reviewer="审核员乙")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        browser.goto(f"{base}/index.html")
        first_row = browser.js("document.querySelector('#documents tr.doc').dataset.status")
        assert first_row == "review"
        browser.click("#documents tr.doc a")
        browser.wait_event("Page.loadEventFired")
        deadline = time.time() + 10
        while not browser.js("document.body.dataset.server === '1'"):
            assert time.time() < deadline, "the page did not find the review server"
            time.sleep(0.05)
        assert browser.js("document.getElementById('reviewer').value") == "审核员乙"
        assert browser.js("getComputedStyle(document.getElementById('save')).display") != "none"
        phone_i = browser.js("+[...document.querySelectorAll('td.orig mark.first')].find(m => m.dataset.cat === 'PHONE').dataset.i")
        browser.click(f'td.orig mark.first[data-i="{phone_i}"]')
        browser.click("#b-confirm")
        browser.events.clear()
        browser.click("#save")
        browser.wait_event("Page.loadEventFired")  # the page reloads, rebuilt by the server
        (d,) = load_decisions(site.decisions_path).decisions
        assert (d.action, d.value, d.reviewer) == ("confirm", PHONE, "审核员乙")
        cls = browser.js(f"document.querySelector('td.orig mark.first[data-cat=PHONE]').className")
        assert "k-confirmed" in cls
    finally:
        server.shutdown()
        server.server_close()
    report = _run(inp, out, pol)
    assert report["documents"][0]["status"] == "published"
    assert PHONE not in (out / "civil" / "a.txt").read_text(encoding="utf-8")
