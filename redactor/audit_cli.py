"""Audit commands: ``redact audit verify`` (and key/reveal commands as they come)."""

from __future__ import annotations

import json
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    audit_app = typer.Typer(no_args_is_help=True, help="Check the audit record.")
    app.add_typer(audit_app, name="audit")

    @audit_app.command("verify")
    def audit_verify(path: Path = typer.Argument(..., help="OUT/audit.jsonl")) -> None:
        """Check the audit chain; exit 0 only if it is intact."""
        from redactor.audit import verify_chain

        if not path.exists():
            typer.echo(f"error: not found: {path}", err=True)
            raise typer.Exit(2)
        rep = verify_chain(path)
        report_file = path.parent / "report.json"
        if rep.ok and report_file.exists():
            # The run report pins the chain's head, so cutting whole runs off the end shows too.
            try:
                last = json.loads(report_file.read_text(encoding="utf-8"))["audit"]["last_hash"]
                lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
                if last and json.loads(lines[-1])["hash"] != last:
                    rep.ok, rep.problem = False, "the chain's head differs from the one report.json recorded"
            except (KeyError, ValueError, IndexError):
                pass
        if rep.ok:
            typer.echo(f"audit chain intact: {rep.records} records, {rep.runs} runs")
            raise typer.Exit(0)
        where = f" (line {rep.line})" if rep.line else ""
        typer.echo(f"audit chain BROKEN{where}: {rep.problem}", err=True)
        raise typer.Exit(1)
