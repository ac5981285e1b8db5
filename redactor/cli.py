"""The `redact` command line (shared/spec/contract.md): a thin layer over batch and pipeline.

Exit codes: 0 all documents published or withheld/queued for a recorded reason,
1 some documents failed (the rest still done), 2 usage error. Nothing printed here
contains a detected value: only paths, statuses, categories and counts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from redactor import __version__
from redactor.recognizers.ner import DEFAULT_NER

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Redact Chinese court judgments for online publication (法释〔2016〕19号).")


def _config(policy: str, ner: str, hmac_key_file: Optional[Path], production: Optional[bool] = None):
    from redactor.audit import AuditKeyError, load_hmac_key
    from redactor.pipeline import RunConfig
    from redactor.policy import load_policy

    try:
        pol = load_policy(policy)
    except (FileNotFoundError, ValueError, KeyError) as exc:
        typer.echo(f"error: cannot load policy {policy!r}: {exc}", err=True)
        raise typer.Exit(2)
    try:
        key = load_hmac_key(hmac_key_file, production=production)
    except AuditKeyError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    return RunConfig(policy=pol, hmac_key=key, ner=None if ner == "none" else ner)


@app.command()
def run(
    inputs: List[Path] = typer.Argument(..., help="Files and folders (recursive) of judgments: .txt .docx .pdf"),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder: published files, report.json, audit.jsonl"),
    policy: str = typer.Option("strict", "--policy", "-p", help="strict | spc2016 | path/to/policy.yaml"),
    workers: int = typer.Option(0, "--workers", "-w", help="Worker processes (0 = all cores)"),
    ner: str = typer.Option(DEFAULT_NER, "--ner", help="NER backend: judgment (the shipped model) | lac | none"),
    executor: str = typer.Option("local", "--executor", help="local | dask | inline (no isolation)"),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler, tcp://HOST:PORT"),
    timeout: float = typer.Option(600.0, "--timeout", help="Seconds allowed per document (local executor)"),
    memory_limit_mb: int = typer.Option(0, "--memory-limit-mb", help="Address-space limit per worker (0 = none)"),
    force: bool = typer.Option(False, "--force", help="Redo every document, ignoring the run manifest"),
    hmac_key_file: Optional[Path] = typer.Option(None, "--hmac-key-file", help="Key for the audit's keyed hashes"),
    json_out: bool = typer.Option(False, "--json", help="Print the run totals as JSON"),
    denylist_dir: Optional[Path] = typer.Option(None, "--denylist-dir",
                                                help="Folder of NAME.denylist.txt trade-secret deny lists (Art. 10(3))"),
    decisions: Optional[Path] = typer.Option(None, "--decisions",
                                             help="Reviewer decisions to apply (default: OUT.review/decisions.yaml "
                                                  "when present)"),
    production: bool = typer.Option(False, "--production", envvar="REDACTOR_PRODUCTION",
                                    help="Publication run: an HMAC key is required (no development key)"),
    reveal_key_file: Optional[Path] = typer.Option(None, "--reveal-key-file", envvar="REDACTOR_REVEAL_KEY_FILE",
                                                   help="Also store each masked value encrypted (AES-256-GCM) under "
                                                        "this key, for `redact audit reveal`"),
    verify: str = typer.Option("sampled", "--verify",
                               help="sampled | full: pdfminer.six reads every PDF (sampled: one in eight, and every "
                                    "PDF with an image page, a pypdf-parsed page or a parser warning)"),
) -> None:
    """Redact documents and write publish-ready copies, report.json and audit.jsonl to OUT."""
    from redactor.audit import AuditFileError
    from redactor.batch import BatchOptions, ConfigurationError, OutLocked, default_workers, run_batch
    from redactor.progress import ProgressReporter

    for p in inputs:
        if not p.exists():
            typer.echo(f"error: input not found: {p}", err=True)
            raise typer.Exit(2)
    if executor not in ("local", "dask", "inline"):
        typer.echo(f"error: unknown executor {executor!r}", err=True)
        raise typer.Exit(2)
    if executor == "dask" and not scheduler:
        typer.echo("error: --executor dask needs --scheduler tcp://HOST:PORT", err=True)
        raise typer.Exit(2)
    if verify not in ("sampled", "full"):
        typer.echo(f"error: unknown --verify {verify!r} (sampled | full)", err=True)
        raise typer.Exit(2)
    config = _config(policy, ner, hmac_key_file, production=production)
    config.verify = verify
    if config.hmac_key.source == "development":
        typer.echo("warning: no HMAC key configured: the audit uses this user's development key "
                   "(set REDACTOR_HMAC_KEY or --hmac-key-file; --production makes a missing key an error)", err=True)
    if reveal_key_file is not None:
        from redactor.originals import RevealKeyError, load_reveal_key

        try:
            config.reveal_key = load_reveal_key(reveal_key_file, config.hmac_key.key)
        except RevealKeyError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2)
    config.denylist_dir = denylist_dir
    from redactor.decisions import DecisionsError, find_decisions, load_decisions

    try:
        decisions_file = find_decisions(out, decisions)
        config.decisions = load_decisions(decisions_file) if decisions_file else None
    except DecisionsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    options = BatchOptions(workers=workers or default_workers(), executor=executor, scheduler=scheduler,
                           timeout_s=timeout, memory_mb=memory_limit_mb, force=force)
    progress = ProgressReporter(enabled=not json_out)
    try:
        with progress:
            report = run_batch(list(inputs), out, config, options, on_result=progress.update,
                               on_total=progress.set_total)
    except (OutLocked, ConfigurationError, AuditFileError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    totals = report["totals"]
    if json_out:
        typer.echo(json.dumps(totals))
    else:
        progress.summary(report, out)
    if report.get("stopped_early"):
        # Not every document was done: a scheduler must not take this run for a complete one.
        typer.echo("stopped before every document was done (SIGTERM); run the same command again to resume",
                   err=True)
    raise typer.Exit(1 if totals["failed"] or report.get("stopped_early") else 0)


@app.command()
def detect(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="One document"),
    policy: str = typer.Option("strict", "--policy", "-p"),
    ner: str = typer.Option(DEFAULT_NER, "--ner", help="NER backend: judgment | lac | none"),
    json_out: bool = typer.Option(False, "--json", help="Print spans as JSON"),
    denylist_dir: Optional[Path] = typer.Option(None, "--denylist-dir", help="Folder of NAME.denylist.txt files"),
) -> None:
    """Print the detected spans of one document (offsets into the extracted text)."""
    from redactor.errors import RedactorError
    from redactor.pipeline import analyze, load_hints
    from redactor.readers import read_document

    config = _config(policy, ner, None, production=False)  # detect writes no audit record
    config.denylist_dir = denylist_dir
    try:
        doc = read_document(file)
        doc.release()  # detect needs the text only, not the parsed source
        doc.hints = load_hints(file)
        _, findings, outcome = analyze(doc, config, file.name)
    except RedactorError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1)
    action_of = {(d.finding.start, d.finding.end): d.action.value for d in outcome.decisions}
    spans = [
        {"start": f.start, "end": f.end, "text": f.value, "category": f.category, "source": f.source,
         "score": round(float(f.score), 4), "action": action_of.get((f.start, f.end), "keep")}
        for f in sorted(findings, key=lambda f: (f.start, f.end))
    ]
    # Propagated mentions exist only as decisions.
    known = {(s["start"], s["end"]) for s in spans}
    for d in outcome.decisions:
        f = d.finding
        if (f.start, f.end) not in known:
            spans.append({"start": f.start, "end": f.end, "text": f.value, "category": f.category,
                          "source": f.source, "score": round(float(f.score), 4), "action": d.action.value})
    spans.sort(key=lambda s: (s["start"], s["end"]))
    if json_out:
        typer.echo(json.dumps(spans, ensure_ascii=False, indent=1))
    else:
        for s in spans:
            typer.echo(f"{s['start']:>6}-{s['end']:<6} {s['category']:<15} {s['action']:<9} {s['source']}  {s['text']}")
        typer.echo(f"document: {outcome.verdict.status} {outcome.verdict.reason}")


# Reviewer commands (diff, review, serve) and audit commands live with their code.
from redactor.audit_cli import register as _register_audit  # noqa: E402
from redactor.review_cli import register as _register_review  # noqa: E402

_register_review(app)
_register_audit(app)


@app.callback(invoke_without_command=True)
def main(version: bool = typer.Option(False, "--version", help="Print the version")) -> None:
    from redactor.logs import quiet_libraries

    quiet_libraries()
    if version:
        typer.echo(f"redactor {__version__}")
        raise typer.Exit(0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
