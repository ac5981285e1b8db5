"""Reviewer commands: ``redact diff``, ``redact review`` and ``redact serve``.

Review pages show original values: they are written to a review folder beside OUT
(``OUT.review/`` unless ``--review-dir``), never into the published tree.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import List, Optional

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def diff(
        original: Path = typer.Argument(..., exists=True, dir_okay=False),
        redacted: Path = typer.Argument(..., exists=True, dir_okay=False),
        output: Path = typer.Option(Path("diff.html"), "-o", "--output", help="HTML page to write"),
        lang: str = typer.Option("zh", "--lang", help="Language of the pages: zh (中文) | en"),
    ) -> None:
        """Write a side-by-side review page of one document (for reviewers only: it shows originals)."""
        from redactor.errors import RedactorError
        from redactor.formats import read_document
        from redactor.review import LANGUAGES, diff_page

        if lang not in LANGUAGES:
            typer.echo(f"error: unknown language {lang!r} (one of: {', '.join(LANGUAGES)})", err=True)
            raise typer.Exit(2)
        try:
            a, b = read_document(original), read_document(redacted)
            a.release()
            b.release()  # the texts only, not the parsed sources
        except RedactorError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1)
        from redactor.private_files import write_private_text

        write_private_text(output, diff_page(a.text, b.text, original.name, lang))  # it shows originals: 0600
        typer.echo(f"wrote {output}")

    @app.command()
    def review(
        ctx: typer.Context,
        out: Path = typer.Argument(..., exists=True, file_okay=False, help="The OUT folder of a `redact run`"),
        inputs: Optional[List[Path]] = typer.Option(None, "--input", "-i",
                                                    help="The run's input folders/files (repeat); "
                                                         "default: those report.json names"),
        review_dir: Optional[Path] = typer.Option(None, "--review-dir",
                                                  help="Where the pages go (default OUT.review beside OUT)"),
        policy: Optional[str] = typer.Option(None, "--policy", "-p", help="Policy of the run (default: report's)"),
        ner: Optional[str] = typer.Option(None, "--ner", help="NER backend of the run (default: report's)"),
        decisions: Optional[Path] = typer.Option(None, "--decisions",
                                                 help="Decisions file (default REVIEW_DIR/decisions.yaml)"),
        import_files: Optional[List[Path]] = typer.Option(None, "--import",
                                                          help="Merge decisions exported from a page into the "
                                                               "decisions file (repeat)"),
        hmac_key_file: Optional[Path] = typer.Option(None, "--hmac-key-file"),
        lang: str = typer.Option("zh", "--lang", help="Language of the pages: zh (中文) | en"),
        config_file: Optional[Path] = typer.Option(None, "--config", "-c", help="A redact.toml (default ./redact.toml): "
                                                   "policy, ner, hmac_key_file, decisions, lang"),
    ) -> None:
        """Build the review pages of a run: an index (review queue first) and one page per document."""
        policy, ner, hmac_key_file, decisions, lang = _settings(ctx, config_file)
        site = _open_site(out, review_dir, inputs, policy, ner, hmac_key_file, decisions, lang)
        if import_files:
            _import(site, import_files)
        summary = site.build_all()
        typer.echo(f"review pages: {summary['pages']} of {summary['documents']} documents -> {summary['index']}")
        if summary["missing"]:
            typer.echo(f"warning: {summary['missing']} document(s) without a page (input not found: pass --input)",
                       err=True)
        typer.echo("these pages show original values: share them with reviewers only")

    @app.command()
    def serve(
        ctx: typer.Context,
        out: Path = typer.Argument(..., exists=True, file_okay=False, help="The OUT folder of a `redact run`"),
        inputs: Optional[List[Path]] = typer.Option(None, "--input", "-i", help="The run's input folders/files"),
        review_dir: Optional[Path] = typer.Option(None, "--review-dir"),
        policy: Optional[str] = typer.Option(None, "--policy", "-p"),
        ner: Optional[str] = typer.Option(None, "--ner"),
        decisions: Optional[Path] = typer.Option(None, "--decisions"),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (localhost by default)"),
        port: int = typer.Option(8765, "--port", help="Port (0 = any free port)"),
        reviewer: str = typer.Option("", "--reviewer", help="Default reviewer name (default: the operator)"),
        hmac_key_file: Optional[Path] = typer.Option(None, "--hmac-key-file"),
        lang: str = typer.Option("zh", "--lang", help="Language of the pages: zh (中文) | en"),
        config_file: Optional[Path] = typer.Option(None, "--config", "-c", help="A redact.toml (default ./redact.toml): "
                                                   "policy, ner, hmac_key_file, decisions, lang"),
    ) -> None:
        """Review in the browser: the pages of `redact review` plus saving decisions to the decisions file."""
        from redactor.audit import operator_name
        from redactor.review import make_server

        if not _is_loopback(host):
            typer.echo(f"warning: binding {host}: the pages show original values to anyone who can reach it",
                       err=True)
        policy, ner, hmac_key_file, decisions, lang = _settings(ctx, config_file)
        site = _open_site(out, review_dir, inputs, policy, ner, hmac_key_file, decisions, lang)
        # Bind first: a port in use is refused at once, not after every page was built.
        server = make_server(site, host, port, reviewer or operator_name())
        try:
            summary = site.build_all()
        except BaseException:
            server.server_close()
            raise
        bound = server.server_address[1]
        typer.echo(f"review pages: {summary['pages']} of {summary['documents']} documents")
        typer.echo(f"serving http://{host if ':' not in host else f'[{host}]'}:{bound}/  (Ctrl-C to stop); "
                   f"decisions go to {site.decisions_path}")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


REVIEW_SETTINGS = ("policy", "ner", "hmac_key_file", "decisions", "lang")


def _settings(ctx, config_file):
    """What redact.toml says where no flag does (redactor/config.py); the run's own policy
    and NER backend (from report.json) where neither does."""
    from redactor.config import ConfigError, for_command

    try:
        s = for_command(ctx, config_file, REVIEW_SETTINGS)
    except ConfigError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    return tuple(s[n] for n in REVIEW_SETTINGS)


def _open_site(out, review_dir, inputs, policy, ner, hmac_key_file, decisions, lang="zh"):
    from redactor.review_decisions import DecisionsError
    from redactor.review import ReviewError, ReviewSite

    try:
        site = ReviewSite.open(out, review_dir, list(inputs or []), policy, ner, hmac_key_file, decisions, lang)
        site.load_decisions()  # a broken file is reported now, not half-way through
    except (ReviewError, DecisionsError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    return site


def _import(site, files: list[Path]) -> None:
    from redactor.review_decisions import DecisionsError, add_decisions, load_decisions

    total = 0
    for f in files:
        try:
            new = load_decisions(f).decisions
        except DecisionsError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2)
        total += add_decisions(site.decisions_path, new)
    typer.echo(f"imported {total} decision(s) into {site.decisions_path}")
