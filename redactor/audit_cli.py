"""Audit commands: ``redact audit verify``, ``redact audit reveal``, ``redact audit keygen``.

Exit codes: 0 success, 1 the audit does not verify / a value cannot be revealed, 2 usage
error (missing file or key).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer


def _head_matches_report(path: Path) -> str:
    """'' when report.json (if any) pins the chain's head; else the problem. Only reveal
    records (``redact audit reveal``, written after the run) may follow the pinned head:
    anything else past it, or a chain that no longer holds it, was cut or rewritten."""
    report_file = path.parent / "report.json"
    if not report_file.exists():
        return ""
    try:
        last = json.loads(report_file.read_text(encoding="utf-8"))["audit"]["last_hash"]
        if not last:
            return ""
        recs = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        while recs and recs[-1].get("type") == "reveal" and recs[-1]["hash"] != last:
            recs.pop()
        if not recs or recs[-1]["hash"] != last:
            return "the chain's head differs from the one report.json recorded"
    except (KeyError, ValueError, IndexError, TypeError, AttributeError):
        pass
    return ""


def _require_audit_file(path: Path) -> None:
    """A usage error (exit 2) unless ``path`` is a file: a folder is most often OUT itself."""
    if path.is_dir():
        hint = f" (the audit of a run is {path / 'audit.jsonl'})" if (path / "audit.jsonl").is_file() else ""
        typer.echo(f"error: {path} is a folder, not an audit file{hint}", err=True)
        raise typer.Exit(2)
    if not path.is_file():
        typer.echo(f"error: not found: {path}", err=True)
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    audit_app = typer.Typer(no_args_is_help=True, help="Check the audit record; reveal originals (authorised).")
    app.add_typer(audit_app, name="audit")

    @audit_app.command("verify")
    def audit_verify(
        path: Path = typer.Argument(..., help="OUT/audit.jsonl"),
        hmac_key_file: Optional[Path] = typer.Option(None, "--hmac-key-file",
                                                     help="Check every record's seal with this key "
                                                          "(default: REDACTOR_HMAC_KEY / REDACTOR_HMAC_KEY_FILE)"),
        production: bool = typer.Option(False, "--production", envvar="REDACTOR_PRODUCTION",
                                        help="Also require sealed records and no run made with a development key"),
    ) -> None:
        """Check the audit chain; exit 0 only if it is intact."""
        import os

        from redactor.audit import AuditKeyError, load_hmac_key, verify_chain

        _require_audit_file(path)
        key = None
        if hmac_key_file or os.environ.get("REDACTOR_HMAC_KEY") or os.environ.get("REDACTOR_HMAC_KEY_FILE"):
            try:
                key = load_hmac_key(hmac_key_file, production=False)
            except AuditKeyError as exc:
                typer.echo(f"error: {exc}", err=True)
                raise typer.Exit(2)
        elif production:
            typer.echo("error: --production verification needs the HMAC key to check the seals", err=True)
            raise typer.Exit(2)
        rep = verify_chain(path, key)
        if rep.ok:
            problem = _head_matches_report(path)  # cutting whole runs off the end shows too
            if problem:
                rep.ok, rep.problem = False, problem
        if rep.ok and production and rep.development_runs:
            rep.ok, rep.problem = False, f"{rep.development_runs} run(s) used the development key"
        if rep.ok:
            seals = "seals checked" if rep.sealed else "seals NOT checked (no key given)"
            typer.echo(f"audit chain intact: {rep.records} records, {rep.runs} runs, {seals}")
            if rep.development_runs:
                typer.echo(f"note: {rep.development_runs} run(s) used a development key", err=True)
            raise typer.Exit(0)
        where = f" (line {rep.line})" if rep.line else ""
        typer.echo(f"audit chain BROKEN{where}: {rep.problem}", err=True)
        raise typer.Exit(1)

    @audit_app.command("reveal")
    def audit_reveal(
        path: Path = typer.Argument(..., help="OUT/audit.jsonl"),
        key_file: Path = typer.Option(..., "--key-file", help="The reveal key (not the HMAC key)"),
        document: Optional[str] = typer.Option(None, "--document",
                                               help="Only this document (its id or SHA-256 prefix)"),
        hmac_key_file: Optional[Path] = typer.Option(
            None, "--hmac-key-file", help="The audit's HMAC key (or REDACTOR_HMAC_KEY / REDACTOR_HMAC_KEY_FILE)"),
        json_out: bool = typer.Option(False, "--json", help="Print JSON"),
    ) -> None:
        """Decrypt the original values of masked spans (authorised re-identification only).

        The chain must verify with the audit's HMAC key first; a wrong key or an altered record
        reveals nothing. Every reveal is itself recorded in the chain (who, when, which
        document, how many values; never the values) before anything is shown."""
        from redactor import __version__
        from redactor.audit import AuditKeyError, AuditLog, load_hmac_key, now_iso, operator_name, verify_chain
        from redactor.batch import OutLocked, out_lock
        from redactor.originals import RevealFailed, RevealKeyError, load_reveal_key, reveal_records

        _require_audit_file(path)
        try:
            key = load_reveal_key(key_file)
            hkey = load_hmac_key(hmac_key_file)
        except (RevealKeyError, AuditKeyError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2)
        try:
            with out_lock(path.parent):
                rep = verify_chain(path, hkey)
                if not rep.ok:
                    typer.echo(f"error: the audit chain does not verify with this HMAC key ({rep.problem}); "
                               "nothing revealed", err=True)
                    raise typer.Exit(1)
                try:
                    rows = reveal_records(path, key, document)
                except RevealFailed as exc:
                    typer.echo(f"error: {exc}", err=True)
                    raise typer.Exit(1)
                # the record first: a reveal that cannot be recorded shows nothing
                with AuditLog(path, hkey) as log:
                    log.append({"type": "reveal", "time": now_iso(), "operator": operator_name(),
                                "tool": __version__, "document": document or "*", "values": len(rows),
                                "reveal_key_id": key.key_id})
        except OutLocked as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2)
        except OSError as exc:
            typer.echo(f"error: cannot record the reveal in the audit ({type(exc).__name__}); nothing revealed",
                       err=True)
            raise typer.Exit(1)
        if json_out:
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        else:
            for r in rows:
                typer.echo(f"{r['document']} {r['start']:>6}-{r['end']:<6} {r['category']:<15} {r['value']}")
        if not rows:
            typer.echo("no encrypted originals found (was the run made with --reveal-key-file?)", err=True)

    @audit_app.command("keygen")
    def audit_keygen(path: Path = typer.Argument(..., help="Where to write the new key (never overwritten)")) -> None:
        """Write a new random 256-bit key (hex, mode 600): for --hmac-key-file or --reveal-key-file."""
        from redactor.audit import generate_key_file

        try:
            generate_key_file(path)
        except FileExistsError:
            typer.echo(f"error: {path} exists; a key is never overwritten", err=True)
            raise typer.Exit(2)
        except OSError as exc:
            typer.echo(f"error: cannot write {path} ({type(exc).__name__})", err=True)
            raise typer.Exit(2)
        typer.echo(f"new key written to {path}")
