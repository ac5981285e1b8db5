"""One document, one straight line: read -> detect -> decide -> apply -> write -> verify -> audit.

``redact_document`` never raises for a bad document: whatever goes wrong ends as a
``DocumentResult`` with status ``failed`` and a value-free reason, and nothing is
published for it. The batch layer (redactor/batch.py) wraps this per document.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redactor.ner_backends import DEFAULT_NER
from redactor.apply import apply_edits, edits_from_decisions
from redactor.audit import HmacKey, document_record, operator_name, review_item, span_records
from redactor.decide import Outcome, decide
from redactor.document import Document, Finding
from redactor.errors import RedactorError
from redactor.formats import WriteResult, format_for, read_document
from redactor.formats.legacy import published_rel
from redactor.policy import Policy
from redactor.detectors import DETECTORS, DetectionContext, DetectorRegistry, get_analyzer  # noqa: F401  (get_analyzer: executors)
from redactor.structure import JudgmentStructure, parse_structure
from redactor.verify import verify_written


# How the file was read, written and verified, as a reviewer should see it in the report:
# the reader's ``doc.source_info``, the writer's ``WriteResult.notes`` and verify's
# ``VerifyReport.notes``, in this order.
WRITER_NOTES = ("pdf_writer", "pdf_fallback_pages", "pdf_edited_pages", "pdf_glyphs_removed", "pdf_pypdf_parsed_pages",
                "pdf_pdfminer", "docx_embedded", "converted_from", "converter",
                "ofd_edited_codes", "ofd_stripped", "ofd_fallback_pages")


@dataclass
class RunConfig:
    policy: Policy
    hmac_key: HmacKey
    ner: str | None = DEFAULT_NER
    operator: str = field(default_factory=operator_name)
    # Reviewers' decisions (redactor/decisions.DecisionSet), applied after decide on every run.
    decisions: Any = None
    # Folder of clerks' trade-secret deny lists (NAME.denylist.txt), Art. 10(3).
    denylist_dir: Path | None = None
    # Encrypted originals for authorised re-identification (redactor/originals.RevealKey); off when None.
    reveal_key: Any = None
    # verify: "sampled" (pdfminer.six reads a sample of the PDFs and those that need it) | "full"
    verify: str = "sampled"
    # Read addresses, and protect place names from being read as names, with the list of admin
    # divisions (rules/dictionaries/admin_divisions.txt); the quality evaluation turns it off
    # to measure the suffix rules alone.
    admin_dictionary: bool = True


@dataclass
class DocumentResult:
    input: str  # path relative to its input root (how it is named in OUT and the report)
    status: str  # published | withheld | review | failed
    reason: str = ""
    reason_code: str = ""
    article: str = ""
    output: str | None = None
    sha256: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    review_items: list[dict[str, Any]] = field(default_factory=list)
    writer: dict[str, Any] = field(default_factory=dict)  # how the file was written (PDF: in place or fallback)
    output_sha256: str = ""  # of the published file, computed where it was written (the worker)
    audit: list[dict[str, Any]] = field(default_factory=list)

    def report_entry(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "status": self.status,
            "reason": self.reason,
            "reason_code": self.reason_code,
            "article": self.article,
            "output": self.output,
            "sha256": self.sha256,
            "counts": self.counts,
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
            "review_items": self.review_items,
            "writer": self.writer,
        }


def load_hints(path: Path) -> dict[str, Any]:
    """The sidecar NAME.meta.json (or NAME.ext.meta.json) next to an input, if any."""
    # Asked of every document and almost always answered "none": the two names are built and
    # stat'ed as strings (pathlib's parsing cost more than the stat calls).
    folder, name = os.path.split(os.fspath(path))
    stem = Path(name).stem
    for cand_name in (stem + ".meta.json", name + ".meta.json"):
        cand_s = os.path.join(folder, cand_name)
        if os.path.isfile(cand_s):
            cand = Path(cand_s)
            try:
                data = json.loads(cand.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                raise RedactorError(f"sidecar {cand.name} is not valid JSON", "bad_sidecar") from exc
            if not isinstance(data, dict):
                raise RedactorError(f"sidecar {cand.name} is not a JSON object", "bad_sidecar")
            return data
    return {}


def model_version(ner: str | None) -> str:
    """Name and version of the NER backend: a new model redoes every document."""
    if not ner:
        return "none"
    from redactor.ner_backends import backend_version

    try:
        return backend_version(ner)  # the shipped model's from its meta.json: the parent loads no model
    except Exception:  # an unknown backend fails later, with its own error
        return str(ner)


def analyze(doc: Document, config: RunConfig, rel: str | None = None, detectors: DetectorRegistry | None = None
            ) -> tuple[JudgmentStructure, list[Finding], Outcome]:
    """detect + decide for one document, the first half of ``plan_document``: every registered
    detector (redactor/detectors.py) runs on the document, then decide. What the machine
    decided before any reviewer's decision (the tests and the quality scripts look at it);
    the pipeline, the review pages, ``redact detect`` and the API use ``plan_document``."""
    structure = parse_structure(doc.text, doc.hints)
    context = DetectionContext(structure, ner=config.ner, denylist_dir=config.denylist_dir, rel=rel,
                               admin_dictionary=config.admin_dictionary)
    findings = (detectors or DETECTORS).find_all(doc, context)
    outcome = decide(doc.text, findings, structure, config.policy, admin_dictionary=config.admin_dictionary)
    return structure, findings, outcome


@dataclass
class Plan:
    """What will be done to one document: its structure, findings and outcome (after the
    reviewers' decisions, when there are any; ``applied`` says what each of them did)."""

    structure: JudgmentStructure
    findings: list[Finding]
    outcome: Outcome
    applied: list[Any] = field(default_factory=list)


def plan_document(doc: Document, config: RunConfig, rel: str | None = None, decisions: Any = None,
                  detectors: DetectorRegistry | None = None) -> Plan:
    """detect + decide + the reviewers' decisions (``decisions``, else ``config.decisions``):
    the one plan the pipeline publishes and the review pages show."""
    structure, findings, outcome = analyze(doc, config, rel, detectors)
    decision_set = decisions if decisions is not None else config.decisions
    applied: list[Any] = []
    if decision_set is not None:
        from redactor.review_apply import apply_decisions

        outcome, applied = apply_decisions(doc.text, outcome, decision_set.for_document(rel, doc.sha256),
                                           config.hmac_key, config.policy)
    return Plan(structure, findings, outcome, applied)


def redact_document(path: Path, rel: str, out_root: Path, config: RunConfig, sync_folder: bool = True
                    ) -> DocumentResult:
    """Read, redact, write, verify one document; never raises (see the module's docstring).

    The output is fsynced before it is renamed into place, so a published name always holds a
    complete file. ``sync_folder`` also fsyncs its folder, so that the rename itself is on
    disk when this returns; the batch passes False and fsyncs each output folder once per
    group commit, before the manifest marks any of those documents done (redactor/batch.py)."""
    path = Path(path)
    res = DocumentResult(input=rel, status="failed")
    out_rel = published_rel(rel)  # a .doc is published as <rel>.docx
    t = res.timings
    doc = None
    try:
        t0 = time.perf_counter()
        doc = read_document(path)
        doc.hints = load_hints(path)
        res.sha256 = doc.sha256
        t["read"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        plan = plan_document(doc, config, rel)
        findings, outcome = plan.findings, plan.outcome
        review_records: list[dict[str, Any]] = []
        if config.decisions is not None:
            from redactor.review_apply import decision_records

            review_records = decision_records(doc, rel, plan.applied, config.hmac_key, config.operator,
                                              config.decisions.sha256)
        t["detect_decide"] = time.perf_counter() - t0

        decisions = outcome.decisions
        res.counts = dict(Counter(d.finding.category for d in decisions if d.masks))
        verdict = outcome.verdict
        if verdict.status == "withhold":
            from redactor.article17 import state_secret_reason

            detail = state_secret_reason(findings, doc)  # category and where, never the marking
            reason = f"{verdict.reason}; {detail}" if detail else verdict.reason
            res.status, res.reason, res.article, res.reason_code = "withheld", reason, verdict.article, "art4"
            _remove_stale(out_root / out_rel)
            res.audit = review_records + [document_record(doc, res, config)]
            return res
        if verdict.status == "review":
            res.status, res.reason, res.article, res.reason_code = "review", verdict.reason, verdict.article, "review"
            res.review_items = [review_item(doc.text, d) for d in decisions if d.action.value == "review"]
            _remove_stale(out_root / out_rel)
            res.audit = review_records + [document_record(doc, res, config)]
            return res

        t0 = time.perf_counter()
        edits = edits_from_decisions(decisions)
        redacted = apply_edits(doc.text, edits)
        dest = out_root / out_rel
        tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
        written = WriteResult()
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            written = format_for(doc.format).write(doc, edits, tmp)
            t["write"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            verified = verify_written(doc, decisions, redacted, tmp, mode=config.verify, result=written)
            t["verify"] = time.perf_counter() - t0
            res.output_sha256 = fsync_and_hash(tmp)
            os.replace(tmp, dest)
            tmp = None
            if sync_folder:
                fsync_dir(dest.parent)
        except OSError as exc:  # disk full, permissions, quota: this document fails, nothing half-written
            raise _write_error(exc) from None
        finally:
            written.close()  # the writer's handoff (a PDF's loaded pages): nothing kept into the next document
            if tmp is not None:  # not renamed into place: never left behind
                try:
                    tmp.unlink()
                except OSError:
                    pass
        res.status, res.output = "published", out_rel
        notes = {**doc.source_info, **written.notes, **verified.notes}
        res.writer = {k: notes[k] for k in WRITER_NOTES if k in notes}
        if doc.source_info.get("encrypted"):
            res.writer["source_encrypted"] = True  # owner-password-only PDF: readable, noted
        res.audit = review_records + span_records(doc, decisions, config)
        res.audit.append(document_record(doc, res, config))
        return res
    except RedactorError as exc:
        res.status, res.reason, res.reason_code = "failed", str(exc), exc.reason
        _remove_stale(out_root / out_rel)
        return res
    except Exception as exc:  # never crash the batch; never echo document content
        if os.environ.get("REDACTOR_DEBUG"):
            # Developers only: a traceback may quote document text.
            import traceback

            traceback.print_exc()
        res.status, res.reason, res.reason_code = "failed", f"internal error ({type(exc).__name__})", "internal_error"
        _remove_stale(out_root / out_rel)
        return res
    finally:
        if doc is not None:
            doc.release()


# errno -> reason code of a failed write (the message names the errno, never a path or text)
_WRITE_ERRNO_REASONS = {"ENOSPC": "disk_full", "EDQUOT": "disk_full", "EFBIG": "file_too_large",
                        "EACCES": "permission_denied", "EPERM": "permission_denied", "EROFS": "permission_denied"}


def _write_error(exc: OSError) -> RedactorError:
    import errno as errno_mod

    name = errno_mod.errorcode.get(exc.errno or 0, "EIO")
    reason = _WRITE_ERRNO_REASONS.get(name, "write_failed")
    return RedactorError(f"cannot write the output: {os.strerror(exc.errno) if exc.errno else 'I/O error'} "
                         f"({name})", reason)


def _remove_stale(dest: Path) -> None:
    """A document that is no longer publishable must not keep an older published copy."""
    try:
        if dest.is_file():
            dest.unlink()
    except OSError:
        pass


def file_sha256(p: Path) -> str:
    """SHA-256 of a file (inputs for the manifest, outputs for the report)."""
    fd = os.open(p, os.O_RDONLY)
    try:
        return _fd_sha256(fd)
    finally:
        os.close(fd)


def fsync_and_hash(p: Path) -> str:
    """fsync a file just written (its bytes are on disk before its name is published) and
    return its SHA-256, through one open: what the manifest and the report record is what is
    on disk."""
    fd = os.open(p, os.O_RDONLY)
    try:
        os.fsync(fd)
        return _fd_sha256(fd)
    finally:
        os.close(fd)


def _fd_sha256(fd: int) -> str:
    # os.read in 64 KiB pieces: a judgment of a few hundred bytes hashes in ~12 µs this way,
    # against ~28 µs through a buffered file read in 1 MiB chunks and ~31 µs through
    # hashlib.file_digest (which allocates a 256 KiB buffer per call); measured on this machine.
    h = hashlib.sha256()
    while True:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return h.hexdigest()
        h.update(chunk)


def fsync_dir(p: Path) -> None:
    """fsync a folder, so the renames into it are on disk (a folder that cannot be opened is
    left alone: the files in it were fsynced themselves)."""
    try:
        fd = os.open(p, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
