"""``redact detect``: a dry run over files and folders. Nothing is written; each span is
printed with the rule that decided it and the article that rule implements.

Values stay off the console unless ``--show-values`` (the reviewer's own terminal):
offsets, categories, rules and the published replacement say what would happen. The one
exception is the contract's machine form, ``redact detect FILE --json`` on a single file: a JSON
array ``[{start, end, text, category, source, score, action, ...}]`` with the text of each span,
as other tools (reviewers' scripts, the project's evaluation) have always read it
(``../shared/spec/contract.md``).
"""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from redactor.ner_backends import DEFAULT_NER
from redactor.report_format import FORMATS

_STATUS = {"publish": "published", "withhold": "withheld", "review": "review"}
SPAN_FIELDS = ("start", "end", "category", "role", "action", "rule", "article", "replacement", "source", "score")
CSV_FIELDS = ("input", "status", *SPAN_FIELDS, "text")


def _span_dict(s, show_values: bool) -> dict:
    d = {k: getattr(s, k) for k in SPAN_FIELDS}
    if not s.masks and not show_values:
        # A kept or queued span's "replacement" is the value itself.
        d["replacement"] = ""
    if show_values:
        d["text"] = s.value
    return d


def register(app: typer.Typer) -> None:
    @app.command()
    def detect(
        ctx: typer.Context,
        inputs: List[Path] = typer.Argument(..., help="Documents and folders (recursive): .txt .docx .pdf .doc .wps .rtf .odt .ofd"),
        policy: str = typer.Option("strict", "--policy", "-p", help="strict | spc2016 | path/to/policy.yaml"),
        ner: str = typer.Option(DEFAULT_NER, "--ner", help="NER backend: judgment | lac | none"),
        json_out: bool = typer.Option(False, "--json", help="Same as --format json"),
        fmt: str = typer.Option("text", "--format", "-f", help="text | json (one object per document) | csv "
                                                                "(one row per span)"),
        show_values: bool = typer.Option(False, "--show-values",
                                         help="Also print each detected value (they are personal data)"),
        denylist_dir: Optional[Path] = typer.Option(None, "--denylist-dir", help="Folder of NAME.denylist.txt files"),
        config_file: Optional[Path] = typer.Option(None, "--config", "-c", help="A redact.toml (default ./redact.toml)"),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="Only the per-document lines (text format)"),
    ) -> None:
        """Dry run: the spans each document would have masked or kept, with rule and article. Writes nothing."""
        from redactor.api import detected_spans
        from redactor.batch import iter_inputs
        from redactor.config import ConfigError, for_command
        from redactor.errors import RedactorError
        from redactor.pipeline import RunConfig, load_hints, plan_document
        from redactor.formats import read_document

        # The contract's form: one file and --json -> the documented array of spans, with text.
        contract_array = json_out and len(inputs) == 1 and inputs[0].is_file()
        fmt = "json" if json_out else fmt
        if fmt not in FORMATS:
            typer.echo(f"error: unknown format {fmt!r} (text, json, csv)", err=True)
            raise typer.Exit(2)
        for p in inputs:
            if not p.exists():
                typer.echo(f"error: input not found: {p}", err=True)
                raise typer.Exit(2)
        try:
            s = for_command(ctx, config_file, ("policy", "ner", "denylist_dir"))
        except ConfigError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2)
        from redactor.audit import HmacKey
        from redactor.policy import load_policy

        try:
            pol = load_policy(s["policy"])
        except (FileNotFoundError, ValueError, KeyError) as exc:
            typer.echo(f"error: cannot load policy {s['policy']!r}: {exc}", err=True)
            raise typer.Exit(2)
        # detect writes no audit record: no key is needed.
        config = RunConfig(policy=pol, hmac_key=HmacKey(b"detect-no-audit", "detect"),
                           ner=None if s["ner"] == "none" else s["ner"])
        if s["denylist_dir"] is not None and not Path(s["denylist_dir"]).is_dir():
            # a deny-list folder that is not there would mask nothing: a usage error, as for run
            typer.echo(f"error: --denylist-dir {s['denylist_dir']}: not a folder or not found", err=True)
            raise typer.Exit(2)
        config.denylist_dir = s["denylist_dir"]
        writer = None
        if fmt == "csv":
            writer = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS if show_values else CSV_FIELDS[:-1],
                                    extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
        failed = documents = 0
        for item in iter_inputs(list(inputs), Path(os.devnull)):
            documents += 1
            row = {"type": "document", "input": item.rel}
            try:
                doc = read_document(item.path)
                doc.release()  # the text only, not the parsed source
                doc.hints = load_hints(item.path)
                plan = plan_document(doc, config, item.rel)
                findings, outcome = plan.findings, plan.outcome
            except RedactorError as exc:
                failed += 1
                row.update(status="failed", reason=str(exc), reason_code=exc.reason, spans=[])
            except Exception as exc:  # one bad document never stops the dry run; never echo content
                failed += 1
                row.update(status="failed", reason=f"internal error ({type(exc).__name__})",
                           reason_code="internal_error", spans=[])
            else:
                spans = detected_spans(findings, outcome, config.policy)
                v = outcome.verdict
                row.update(status=_STATUS.get(v.status, v.status), reason=v.reason, article=v.article,
                           reason_code="art4" if v.status == "withhold" else ("review" if v.status == "review" else ""),
                           masked=sum(1 for x in spans if x.masks), spans=spans)
            if contract_array:
                typer.echo(json.dumps(_contract_spans(row), ensure_ascii=False, indent=1))
            else:
                _emit(fmt, row, writer, show_values, quiet)
        if fmt == "text" and not quiet:
            typer.echo(f"{documents} document(s), {failed} unreadable; nothing written (dry run)")
        raise typer.Exit(1 if failed else 0)


def _contract_spans(row: dict) -> list[dict]:
    """``[{start, end, text, category, source, score, action}]`` plus role, rule, article and
    replacement; a document that could not be read is an error line and exit 1, as before."""
    if row["status"] == "failed":
        typer.echo(f"error: {row['reason']}", err=True)
        return []
    return [{"start": s.start, "end": s.end, "text": s.value, "category": s.category, "source": s.source,
             "score": round(float(s.score), 4), "action": s.action, "role": s.role, "rule": s.rule,
             "article": s.article, "replacement": s.replacement} for s in row["spans"]]


def _emit(fmt: str, row: dict, writer, show_values: bool, quiet: bool) -> None:
    spans = row.pop("spans")
    if fmt == "json":
        row["spans"] = [_span_dict(s, show_values) for s in spans]
        typer.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        if not spans:  # a document with nothing detected, or unreadable, still has its row
            writer.writerow({"input": row["input"], "status": row["status"]})
        for s in spans:
            writer.writerow({"input": row["input"], "status": row["status"], **_span_dict(s, show_values)})
        sys.stdout.flush()
    else:
        tail = f"  {row.get('reason_code')}: {row['reason']}" if row.get("reason") else ""
        typer.echo(f"== {row['input']}  {row['status']}  {row.get('masked', 0)} masked of {len(spans)}{tail}")
        if quiet:
            return
        for s in spans:
            value = f"  {s.value}" if show_values else ""
            typer.echo(f"{s.start:>6}-{s.end:<6} {s.category:<15} {s.action:<9} {s.rule:<32} {s.article}"
                       f"  [{s.source}]{value}")
