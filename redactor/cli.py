"""The `redact` command line (shared/spec/contract.md): a thin layer over batch and pipeline.

Exit codes: 0 all documents published or withheld/queued for a recorded reason,
1 some documents failed (the rest still done), 2 usage error. Nothing printed here
contains a detected value: only paths, statuses, categories and counts.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from redactor import __version__
from redactor.cli_errors import SafeTyper
from redactor.ner_backends import DEFAULT_NER

# SafeTyper: a user's mistake that escapes a command is still one `error:` line, exit 2.
app = SafeTyper(add_completion=False, no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]},
                help="Redact Chinese court judgments for online publication (法释〔2016〕19号).")

# The settings `run` takes from redact.toml where no flag gives them (redactor/config.py).
RUN_SETTINGS = ("policy", "ner", "out", "workers", "executor", "scheduler", "timeout", "memory_limit_mb",
                "hmac_key_file", "reveal_key_file", "production", "denylist_dir", "decisions")


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


def _require_folder(option: str, path: Optional[Path]) -> None:
    """A deny-list folder that is not there would mask nothing: a usage error, not a quiet run."""
    if path is not None and not path.is_dir():
        typer.echo(f"error: {option} {path}: {'not a folder' if path.exists() else 'not found'}", err=True)
        raise typer.Exit(2)


@app.command()
def run(
    ctx: typer.Context,
    inputs: List[Path] = typer.Argument(..., help="Files and folders (recursive) of judgments: .txt .docx .pdf .doc .wps .rtf .odt .ofd"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output folder: published files, report.json, "
                                                               "audit.jsonl (required here or in redact.toml)"),
    policy: str = typer.Option("strict", "--policy", "-p", help="strict | spc2016 | path/to/policy.yaml"),
    workers: int = typer.Option(0, "--workers", "-w", help="Worker processes (0 = all cores)"),
    ner: str = typer.Option(DEFAULT_NER, "--ner", help="NER backend: judgment (the shipped model) | lac | none"),
    executor: str = typer.Option("local", "--executor", help="local | dask | inline (no isolation)"),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler, tcp://HOST:PORT"),
    timeout: float = typer.Option(600.0, "--timeout", help="Seconds allowed per document (local executor)"),
    memory_limit_mb: int = typer.Option(0, "--memory-limit-mb", help="Address-space limit per worker (0 = none)"),
    force: bool = typer.Option(False, "--force", help="Redo every document, ignoring the run manifest"),
    hmac_key_file: Optional[Path] = typer.Option(None, "--hmac-key-file", help="Key for the audit's keyed hashes"),
    json_out: bool = typer.Option(False, "--json", help="Print one JSON object per document, then the totals "
                                                        "(same as --format json)"),
    fmt: str = typer.Option("text", "--format", "-f", help="Console report: text | json | csv (one row per document)"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress and no summary: errors and the exit code only"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also one line per document, published ones too"),
    config_file: Optional[Path] = typer.Option(None, "--config", "-c", help="A redact.toml (default: REDACTOR_CONFIG, "
                                                                           "else ./redact.toml); flags override it"),
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
    from redactor.config import ConfigError, for_command
    from redactor.report_format import FORMATS, render

    try:
        settings = for_command(ctx, config_file, RUN_SETTINGS)
    except ConfigError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    (policy, ner, out, workers, executor, scheduler, timeout, memory_limit_mb, hmac_key_file, reveal_key_file,
     production, denylist_dir, decisions) = (settings[n] for n in RUN_SETTINGS)
    fmt = "json" if json_out else fmt
    if fmt not in FORMATS:
        typer.echo(f"error: unknown format {fmt!r} (text, json, csv)", err=True)
        raise typer.Exit(2)
    if out is None:
        typer.echo("error: no output folder: pass --out OUT (or set out in redact.toml)", err=True)
        raise typer.Exit(2)
    from redactor.audit import AuditFileError
    from redactor.batch import BatchOptions, ConfigurationError, OutLocked, UnsafeOut, default_workers, run_batch
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
    if scheduler and executor != "dask":
        typer.echo("error: --scheduler is for --executor dask (add it, or drop --scheduler)", err=True)
        raise typer.Exit(2)
    for name, value in (("--workers", workers), ("--timeout", timeout), ("--memory-limit-mb", memory_limit_mb)):
        if value < 0:
            typer.echo(f"error: {name} must be 0 or more (got {value:g})", err=True)
            raise typer.Exit(2)
    if verify not in ("sampled", "full"):
        typer.echo(f"error: unknown --verify {verify!r} (sampled | full)", err=True)
        raise typer.Exit(2)
    config = _config(policy, ner, hmac_key_file, production=production)
    config.verify = verify
    if config.hmac_key.source == "development" and not quiet:
        typer.echo("warning: no HMAC key configured: the audit uses this user's development key "
                   "(set REDACTOR_HMAC_KEY or --hmac-key-file; --production makes a missing key an error)", err=True)
    if reveal_key_file is not None:
        from redactor.originals import RevealKeyError, load_reveal_key

        try:
            config.reveal_key = load_reveal_key(reveal_key_file, config.hmac_key.key)
        except RevealKeyError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2)
    _require_folder("--denylist-dir", denylist_dir)
    config.denylist_dir = denylist_dir
    from redactor.review_decisions import DecisionsError, find_decisions, load_decisions

    try:
        decisions_file = find_decisions(out, decisions)
        config.decisions = load_decisions(decisions_file) if decisions_file else None
    except DecisionsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    options = BatchOptions(workers=workers or default_workers(), executor=executor, scheduler=scheduler,
                           timeout_s=timeout, memory_mb=memory_limit_mb, force=force)
    progress = ProgressReporter(enabled=fmt == "text" and not quiet)
    try:
        with progress:
            report = run_batch(list(inputs), out, config, options, on_result=progress.update,
                               on_total=progress.set_total)
    except (UnsafeOut, OutLocked, ConfigurationError, AuditFileError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    totals = report["totals"]
    if fmt != "text":
        typer.echo(render(report, fmt))
    elif verbose:
        typer.echo(render(report, "text"))
    elif not quiet:
        progress.summary(report, out)
    if report.get("stopped_early"):
        # Not every document was done: a scheduler must not take this run for a complete one.
        typer.echo("stopped before every document was done (SIGTERM); run the same command again to resume",
                   err=True)
    raise typer.Exit(1 if totals["failed"] or report.get("stopped_early") else 0)


# Reviewer commands (diff, review, serve) and audit commands live with their code.
from redactor.audit_cli import register as _register_audit  # noqa: E402
from redactor.review_cli import register as _register_review  # noqa: E402
from redactor.config_cli import register as _register_config  # noqa: E402
from redactor.detect_cli import register as _register_detect  # noqa: E402
from redactor.report_format import register as _register_report  # noqa: E402

_register_detect(app)
_register_review(app)
_register_audit(app)
_register_config(app)
_register_report(app)


@app.callback(invoke_without_command=True)
def main(version: bool = typer.Option(False, "--version", help="Print the version")) -> None:
    from redactor.logs import quiet_libraries

    quiet_libraries()
    if version:
        typer.echo(f"redactor {__version__}")
        raise typer.Exit(0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
