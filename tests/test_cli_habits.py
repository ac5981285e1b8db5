"""CLI habits (issue 17): -h everywhere, redact.toml with flags over it and `redact config show`,
--json/--format csv one entry per document, --quiet/--verbose, detect over a folder as a dry run,
and every environment variable the code reads documented in the README's table."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redactor.cli import app
from tests.helpers.civil_judgment import ID, JUDGMENT, PHONE

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture()
def work(tmp_path, monkeypatch):
    """A working folder with two judgments and one unreadable file."""
    monkeypatch.setenv("REDACTOR_HMAC_KEY", "cli-habits-key")
    monkeypatch.delenv("REDACTOR_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    inp = tmp_path / "in"
    (inp / "civil").mkdir(parents=True)
    (inp / "civil" / "a.txt").write_text(JUDGMENT, encoding="utf-8")
    (inp / "b.txt").write_text((ROOT / "corpus_samples" / "civil_loan.txt").read_text(encoding="utf-8"),
                               encoding="utf-8")
    (inp / "broken.pdf").write_bytes(b"%PDF-1.7\nthis is not a PDF body")
    return tmp_path


@pytest.mark.parametrize("argv", [["-h"], ["run", "-h"], ["detect", "-h"], ["review", "-h"], ["serve", "-h"],
                                  ["diff", "-h"], ["report", "-h"], ["audit", "-h"], ["audit", "verify", "-h"],
                                  ["config", "show", "-h"]])
def test_dash_h_is_help_everywhere(argv):
    r = runner.invoke(app, argv)
    assert r.exit_code == 0, r.output
    assert "Usage" in r.stdout


def test_redact_toml_in_the_working_folder_and_flags_over_it(work):
    (work / "redact.toml").write_text('policy = "spc2016"\nner = "none"\nout = "published"\nexecutor = "inline"\n'
                                      'workers = 1\n', encoding="utf-8")
    r = runner.invoke(app, ["config", "show"])
    assert r.exit_code == 0, r.stderr
    rows = {ln.split()[0]: ln for ln in r.stdout.splitlines() if not ln.startswith("#")}
    assert rows["policy"].split()[1:] == ["spc2016", str(work / "redact.toml")]
    assert rows["out"].split()[1] == str(work / "published")  # relative to the file's folder
    assert rows["timeout"].split()[1:] == ["600.0", "default"]
    assert rows["production"].split()[-1] == "default"
    # The key is reported by its source, never shown.
    assert "cli-habits-key" not in r.stdout and "REDACTOR_HMAC_KEY" in r.stdout
    r = runner.invoke(app, ["run", "in"])
    assert r.exit_code == 1, r.stderr  # broken.pdf failed
    report = json.loads((work / "published" / "report.json").read_text(encoding="utf-8"))
    assert report["policy"]["profile"] == "spc2016" and report["ner"] is None
    # A flag wins over the file.
    r = runner.invoke(app, ["run", "in", "--policy", "strict", "--out", "flagged"])
    report = json.loads((work / "flagged" / "report.json").read_text(encoding="utf-8"))
    assert report["policy"]["profile"] == "strict"
    # --config names another file; show says which.
    other = work / "conf" / "court.toml"
    other.parent.mkdir()
    other.write_text('policy = "strict"\nproduction = true\n', encoding="utf-8")
    r = runner.invoke(app, ["config", "show", "--config", str(other), "--json"])
    shown = json.loads(r.stdout)
    assert shown["file"] == str(other)
    assert shown["settings"]["production"] == {"value": True, "source": str(other)}


@pytest.mark.parametrize("content, words", [
    ('polcy = "strict"\n', ["unknown setting", "polcy"]),
    ('workers = "four"\n', ["workers", "whole number"]),
    ('policy = \n', ["not valid TOML"]),
    ('production = "yes"\n', ["production", "true or false"]),
])
def test_a_broken_config_is_one_error_line_exit_2_and_nothing_written(work, content, words):
    (work / "redact.toml").write_text(content, encoding="utf-8")
    r = runner.invoke(app, ["run", "in", "--out", "o"])
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and all(w in lines[0] for w in words)
    assert not (work / "o").exists()
    assert runner.invoke(app, ["config", "show"]).exit_code == 2
    r = runner.invoke(app, ["run", "in", "--out", "o", "--config", str(work / "missing.toml")])
    assert r.exit_code == 2 and "not found" in r.stderr and not (work / "o").exists()


def test_out_is_required_somewhere(work):
    r = runner.invoke(app, ["run", "in", "--ner", "none"])
    assert r.exit_code == 2 and r.stderr.startswith("error:") and "--out" in r.stderr


def test_json_and_csv_give_one_entry_per_document_with_reason_codes(work):
    r = runner.invoke(app, ["run", "in", "--out", "o", "--ner", "none", "--executor", "inline", "--json"])
    assert r.exit_code == 1
    lines = [json.loads(ln) for ln in r.stdout.strip().splitlines()]
    docs = {d["input"]: d for d in lines if d["type"] == "document"}
    assert set(docs) == {"civil/a.txt", "b.txt", "broken.pdf"}
    assert docs["civil/a.txt"]["status"] == "published" and docs["civil/a.txt"]["counts"]["ID_CARD"] == 1
    assert docs["civil/a.txt"]["masked"] == sum(docs["civil/a.txt"]["counts"].values())
    assert docs["broken.pdf"]["status"] == "failed" and docs["broken.pdf"]["reason_code"]
    totals = lines[-1]
    assert totals["type"] == "totals" and totals["failed"] == 1 and totals["documents"] == 3
    assert ID not in r.stdout and PHONE not in r.stdout and "曹兰" not in r.stdout
    # The same report as CSV, again or later with `redact report`.
    r2 = runner.invoke(app, ["report", "o", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(r2.stdout)))
    assert {row["input"]: row["status"] for row in rows} == {"b.txt": "published", "broken.pdf": "failed",
                                                             "civil/a.txt": "published"}
    assert "ID_CARD=1" in next(row for row in rows if row["input"] == "civil/a.txt")["counts"]
    r3 = runner.invoke(app, ["run", "in", "--out", "o", "--ner", "none", "--executor", "inline", "--format", "csv"])
    assert list(csv.DictReader(io.StringIO(r3.stdout)))[0].keys() == rows[0].keys()


def test_quiet_and_verbose(work):
    base = ["run", "in", "--out", "o", "--ner", "none", "--executor", "inline"]
    q = runner.invoke(app, [*base, "--quiet"])
    assert q.exit_code == 1 and q.stdout == ""
    v = runner.invoke(app, [*base, "--verbose", "--force"])
    assert "published  civil/a.txt" in v.stdout and "failed  broken.pdf" in v.stdout


def test_detect_over_a_folder_is_a_dry_run_with_rule_and_article(work):
    r = runner.invoke(app, ["detect", "in", "--ner", "none"])
    assert r.exit_code == 1  # broken.pdf cannot be read
    out = r.stdout
    assert "== civil/a.txt  published" in out and "== broken.pdf  failed" in out
    id_line = next(ln for ln in out.splitlines() if " ID_CARD " in ln)
    assert "category:ID_CARD" in id_line and "法释〔2016〕19号 第十条第一款第（一）项" in id_line
    assert ID not in out and PHONE not in out and "曹兰" not in out  # values only with --show-values
    assert not (work / "in.review").exists() and sorted(p.name for p in work.iterdir()) == ["in"]
    js = runner.invoke(app, ["detect", "in", "--ner", "none", "--json", "--show-values"])
    docs = {d["input"]: d for d in map(json.loads, js.stdout.strip().splitlines())}
    spans = docs["civil/a.txt"]["spans"]
    idspan = next(s for s in spans if s["category"] == "ID_CARD")
    assert idspan["text"] == ID and idspan["rule"] == "category:ID_CARD" and idspan["action"] == "delete"
    assert JUDGMENT[idspan["start"]:idspan["end"]] == ID
    assert docs["broken.pdf"]["status"] == "failed" and docs["broken.pdf"]["reason_code"]
    c = runner.invoke(app, ["detect", "in/civil/a.txt", "--ner", "none", "--format", "csv"])
    assert c.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(c.stdout)))
    assert "text" not in rows[0] and any(row["category"] == "PHONE" and row["article"] for row in rows)
    # Without --show-values no value leaves: a kept span's replacement would be the value itself.
    assert all(row["replacement"] == "" for row in rows if row["action"] not in ("anonymize", "delete", "partial"))
    assert ID not in c.stdout and PHONE not in c.stdout and "钱多多" not in c.stdout


def test_detect_one_file_json_is_the_contracts_array(work):
    """`redact detect FILE --json` keeps the contract's shape: a JSON array of spans with their text."""
    r = runner.invoke(app, ["detect", "in/civil/a.txt", "--ner", "none", "--json"])
    assert r.exit_code == 0
    spans = json.loads(r.stdout)
    assert isinstance(spans, list) and spans
    assert {"start", "end", "text", "category", "source", "score", "action"} <= set(spans[0])
    idspan = next(s for s in spans if s["category"] == "ID_CARD")
    assert idspan["text"] == ID == JUDGMENT[idspan["start"]:idspan["end"]] and idspan["action"] == "delete"
    bad = runner.invoke(app, ["detect", "in/broken.pdf", "--ner", "none", "--json"])
    assert bad.exit_code == 1 and json.loads(bad.stdout) == []


def test_every_environment_variable_the_code_reads_is_in_the_readme_table():
    from redactor.config import ENVIRONMENT

    used = set()
    for p in list((ROOT / "redactor").rglob("*.py")) + list((ROOT / "tests").rglob("*.py")):
        text = p.read_text(encoding="utf-8")
        for m in re.finditer(r"(?:environ(?:\.get)?\(|environ\[|getenv\(|envvar=|setenv\()\s*[\"']([A-Z_]+)[\"']",
                             text):
            used.add(m.group(1))
        used.update(re.findall(r"[A-Z_]+_ENV = \"([A-Z_]+)\"", text))
    used = {u for u in used if u.startswith("REDACTOR_") or u == "XDG_CONFIG_HOME"}
    assert {"REDACTOR_RULES", "REDACTOR_MODELS", "REDACTOR_OPERATOR"} <= used
    documented = {name for name, _ in ENVIRONMENT}
    assert used <= documented, used - documented
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Configuration"):]
    for name in documented:
        assert f"| `{name}` |" in table, name


def test_config_defaults_are_the_commands_defaults():
    import typer

    from redactor.config import SETTINGS

    run = typer.main.get_command(app).commands["run"]
    defaults = {p.name: p.default for p in run.params}
    for s in SETTINGS:
        if s.name in defaults:
            assert defaults[s.name] == s.default, s.name


def test_review_pages_take_their_language_and_backend_from_redact_toml(work):
    r = runner.invoke(app, ["run", "in", "--out", "o", "--ner", "none", "--executor", "inline", "--quiet"])
    assert r.exit_code == 1
    (work / "redact.toml").write_text('lang = "en"\nner = "none"\n', encoding="utf-8")
    r = runner.invoke(app, ["review", "o", "--input", "in"])
    assert r.exit_code == 0, r.output
    page = next((work / "o.review" / "pages").glob("civil_a*.html")).read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Next undecided" in page
    r = runner.invoke(app, ["review", "o", "--input", "in", "--lang", "zh"])  # the flag wins
    page = next((work / "o.review" / "pages").glob("civil_a*.html")).read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page
