"""Reviewer commands: ``redact diff`` (and, later, ``review`` and ``serve``)."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def diff(
        original: Path = typer.Argument(..., exists=True, dir_okay=False),
        redacted: Path = typer.Argument(..., exists=True, dir_okay=False),
        output: Path = typer.Option(Path("diff.html"), "-o", "--output", help="HTML page to write"),
    ) -> None:
        """Write a side-by-side review page of one document (for reviewers only: it shows originals)."""
        from redactor.errors import RedactorError
        from redactor.readers import read_document
        from redactor.review import diff_page

        try:
            a, b = read_document(original), read_document(redacted)
        except RedactorError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1)
        output.write_text(diff_page(a.text, b.text, original.name), encoding="utf-8")
        typer.echo(f"wrote {output}")
