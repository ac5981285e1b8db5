"""A run's report for machines and spreadsheets: one JSON object or CSV row per document.

Only what report.json already says goes out (paths, statuses, reason codes, articles,
counts per category): never a detected value.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

CSV_FIELDS = ("input", "status", "reason_code", "article", "reason", "output", "masked", "counts")
FORMATS = ("text", "json", "csv")


def document_row(entry: dict[str, Any]) -> dict[str, Any]:
    """One document of report.json, as the console formats print it."""
    counts = dict(entry.get("counts") or {})
    return {"type": "document", "input": entry["input"], "status": entry["status"],
            "reason_code": entry.get("reason_code", ""), "reason": entry.get("reason", ""),
            "article": entry.get("article", ""), "output": entry.get("output"),
            "masked": sum(counts.values()), "counts": counts, "reused": bool(entry.get("reused"))}


def json_lines(report: dict[str, Any]) -> str:
    """JSON Lines: one object per document (``"type": "document"``), then the totals
    (``"type": "totals"``), so a scheduler can stream and filter it (``jq``)."""
    lines = [json.dumps(document_row(d), ensure_ascii=False) for d in report.get("documents", [])]
    lines.append(json.dumps({"type": "totals", **report.get("totals", {}),
                             "stopped_early": bool(report.get("stopped_early"))}, ensure_ascii=False))
    return "\n".join(lines)


def csv_text(report: dict[str, Any]) -> str:
    """CSV with a header row, one row per document; counts as ``CATEGORY=n;...``."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for d in report.get("documents", []):
        row = document_row(d)
        row["counts"] = ";".join(f"{k}={v}" for k, v in sorted(row["counts"].items()))
        w.writerow(row)
    return buf.getvalue().rstrip("\n")


def register(app) -> None:
    """``redact report OUT --format csv``: a finished run's report, per document."""
    import typer

    @app.command("report")
    def report_cmd(
        out: Path = typer.Argument(..., help="The OUT folder of a `redact run` (or its report.json)"),
        fmt: str = typer.Option("text", "--format", "-f", help="text | json (one object per document) | csv"),
    ) -> None:
        """Print a run's report.json one document per line: status, reason code, article, counts."""
        path = out / "report.json" if out.is_dir() else out
        try:
            report = json.loads(path.read_text(encoding="utf-8"))
            report["documents"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            typer.echo(f"error: cannot read a run report at {path} ({type(exc).__name__})", err=True)
            raise typer.Exit(2)
        if fmt not in FORMATS:
            typer.echo(f"error: unknown format {fmt!r} (text, json, csv)", err=True)
            raise typer.Exit(2)
        typer.echo(render(report, fmt))


def render(report: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json_lines(report)
    if fmt == "csv":
        return csv_text(report)
    lines = []
    for d in report.get("documents", []):
        r = document_row(d)
        counts = ", ".join(f"{k} {v}" for k, v in sorted(r["counts"].items()))
        why = f"  {r['reason_code']}: {r['reason']}" if r["reason"] else ""
        lines.append(f"{r['status']:>9}  {r['input']}  [{counts or 'nothing masked'}]{why}")
    t = report.get("totals", {})
    lines.append(", ".join(f"{k} {v}" for k, v in t.items()))
    return "\n".join(lines)
