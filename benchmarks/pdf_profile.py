"""Where the PDF path's CPU goes, step by step and function by function (issue 15).

    python benchmarks/pdf_profile.py CORPUS [--docs 40] [--cprofile 30] [--json out.json]

``redact_document`` (the real pipeline: read, detect, decide, write with its checks, verify,
audit records) on the first ``--docs`` PDFs of a ``make_corpus.py`` corpus, in this process,
profile strict, NER ``judgment``, one warm-up document outside the clock. Each step of the
PDF path is wrapped to add up the CPU seconds spent inside it (``time.process_time``; steps
nest: a row's time includes the rows indented under it). With ``--cprofile N`` the same
documents are run again under cProfile and the N functions with the most own time are
printed (cProfile's overhead inflates Python-heavy functions; the step table is the
measure, the function list says which code inside a step it is).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import json
import pstats
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (module, attribute, label): the label's leading spaces show the nesting.
STEPS = [
    ("redactor.pipeline", "redact_document", "redact_document (everything per document)"),
    ("redactor.pipeline", "read_document", "  read"),
    ("redactor.formats.pdf.reader", "_read_page", "    reader: pages, text pages, character walk"),
    ("redactor.detect", "detect", "  detect (rules + NER)"),
    ("redactor.pipeline", "decide", "  decide"),
    ("redactor.formats.pdf", "write", "  write"),
    ("redactor.formats.pdf.inplace", "text_is_from", "    text_is_from"),
    ("redactor.formats.pdf.inplace", "plan_masks", "    plan_masks"),
    ("redactor.formats.pdf.inplace", "_fresh_pages", "    pypdf: read source, copy pages"),
    ("redactor.formats.pdf.inplace", "_build_replacement_font", "    replacement font"),
    ("redactor.formats.pdf.inplace", "_edit_page", "    glyph edit (_edit_page)"),
    ("redactor.formats.pdf.content", "parsed_operations", "      content-stream parse"),
    ("redactor.formats.pdf.editor", "load_font", "      font maps"),
    ("redactor.formats.pdf.editor._PageEditor", "_show", "      text-showing operators"),
    ("redactor.formats.pdf.content", "splice", "      splice"),
    ("redactor.formats.pdf.inplace", "_has_marked_content", "    marked-content look"),
    ("redactor.formats.pdf.inplace", "_strip", "    strip"),
    ("redactor.formats.pdf.inplace", "_serialize_pdf", "    serialise (pypdf write)"),
    ("redactor.formats.pdf.inplace", "_check_pages", "    checks of every page"),
    ("redactor.formats.pdf.pages.PageCache", "from_bytes", "      pdfium: open written file"),
    ("redactor.formats.pdf.checks", "text_matches", "      text check"),
    ("redactor.formats.pdf.checks", "expected_page_text", "        expected text"),
    ("redactor.formats.pdf.checks", "pixel_check", "      pixel check"),
    ("redactor.formats.pdf.checks", "_render_grey", "        renders"),
    ("redactor.formats.pdf.checks", "region_mask", "        region mask"),
    ("redactor.formats.pdf.checks", "_shift_tolerant_diff", "        diff"),
    ("redactor.formats.pdf.pages.PageCache", "page", "  pdfium page loads (anywhere)"),
    ("redactor.formats.pdf.pages.PageCache", "textpage", "  pdfium text page loads (anywhere)"),
    ("redactor.formats.pdf.pages.PageCache", "unicode", "  pdfium page characters (anywhere)"),
    ("redactor.formats.pdf.pages.PageCache", "chars", "  page characters without whitespace (anywhere)"),
    ("redactor.pipeline", "verify_written", "  verify"),
    ("redactor.formats.pdf", "extract", "    extract (every reading)"),
    ("redactor.formats.pdf.pages.PageCache", "text", "      pdfium page text"),
    ("redactor.formats.pdf", "_qpdf_page_text", "      second reading (pypdf maps, qpdf parse)"),
    ("redactor.formats.pdf", "_qpdf_operations", "        qpdf parse"),
    ("redactor.formats.pdf", "_pdfminer_texts", "      pdfminer.six (its sample)"),
    ("redactor.formats.pdf", "_strings_in", "      string objects"),
    ("redactor.formats.pdf.reader", "read_xmp", "      XMP"),
]


def _resolve(dotted: str):
    import importlib

    parts = dotted.split(".")
    for k in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:k]))
        except ImportError:
            continue
        for p in parts[k:]:
            obj = getattr(obj, p)
        return obj
    raise ImportError(dotted)


def wrap_steps(spent: dict[str, float]) -> None:
    """Wrap every step in STEPS (a function called inside itself, as _strip, counts once)."""
    depth: dict[str, int] = {}
    for owner_name, attr, label in STEPS:
        owner = _resolve(owner_name)
        raw = owner.__dict__[attr]
        is_cm = isinstance(raw, classmethod)
        f = raw.__func__ if is_cm else raw

        def make(f, label):
            @functools.wraps(f)
            def timed(*args, **kwargs):
                if depth.get(label):
                    return f(*args, **kwargs)
                depth[label] = 1
                t0 = time.process_time()
                try:
                    return f(*args, **kwargs)
                finally:
                    depth[label] = 0
                    spent[label] = spent.get(label, 0.0) + time.process_time() - t0
            return timed

        timed = make(f, label)
        setattr(owner, attr, classmethod(timed) if is_cm else timed)
    # the executors and run.py call pipeline.redact_document; the pipeline calls its own names


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--cprofile", type=int, default=0, metavar="N")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args(argv)

    sys.path.insert(0, str(HERE))
    from run import load_corpus, select

    import redactor.pipeline as pipeline
    from redactor.audit import HmacKey
    from redactor.policy import load_policy

    rows = select(load_corpus(a.corpus), "pdf", a.docs)
    base = a.corpus / "docs"
    config = pipeline.RunConfig(policy=load_policy("strict"), hmac_key=HmacKey(b"benchmark-key", "benchmark"),
                                ner="judgment")
    pipeline.get_analyzer("judgment")
    spent: dict[str, float] = {}
    wrap_steps(spent)
    chars = sum(r["chars"] for r in rows)
    with tempfile.TemporaryDirectory(prefix="redactor-pdfprof-") as tmp:
        out = Path(tmp)
        pipeline.redact_document(base / rows[0]["file"], "warmup/" + rows[0]["file"], out, config)
        spent.clear()
        statuses: dict[str, int] = {}
        pages = 0
        c0 = time.process_time()
        for row in rows:
            res = pipeline.redact_document(base / row["file"], row["file"], out, config)
            statuses[res.status] = statuses.get(res.status, 0) + 1
        total = time.process_time() - c0
        import pypdfium2 as pdfium

        for row in rows:
            pdf = pdfium.PdfDocument(str(base / row["file"]))
            pages += len(pdf)
            pdf.close()
        print(f"{len(rows)} PDFs, {pages} pages, {chars:,} characters, statuses {statuses}")
        print(f"CPU {total:.2f} s ({chars / total:,.0f} characters per CPU second)\n")
        print("| step | CPU s | share |")
        print("|---|---:|---:|")
        order = [label for _, _, label in STEPS]
        for label in order:
            if label in spent:
                name = label.strip()
                indent = "&nbsp;" * (len(label) - len(label.lstrip()))
                print(f"| {indent}{name} | {spent[label]:.2f} | {100 * spent[label] / total:.0f} % |")
        prof_rows = []
        if a.cprofile:
            prof = cProfile.Profile()
            prof.enable()
            for row in rows:
                pipeline.redact_document(base / row["file"], "prof/" + row["file"], out, config)
            prof.disable()
            s = io.StringIO()
            st = pstats.Stats(prof, stream=s)
            st.sort_stats("tottime").print_stats(a.cprofile)
            print("\ncProfile, by own time:\n")
            print(s.getvalue())
            for (file, line, fn), (cc, nc, tt, ct, callers) in sorted(st.stats.items(), key=lambda kv: -kv[1][2])[:a.cprofile]:
                prof_rows.append({"function": f"{Path(file).name}:{line}:{fn}", "calls": nc, "tottime": round(tt, 3),
                                  "cumtime": round(ct, 3)})
    if a.json:
        a.json.write_text(json.dumps({
            "command": "python benchmarks/pdf_profile.py " + " ".join(argv or sys.argv[1:]),
            "documents": len(rows), "pages": pages, "chars": chars, "cpu_s": round(total, 3),
            "steps_cpu_s": {label.strip(): round(spent[label], 3) for label in order if label in spent},
            "cprofile_top": prof_rows,
        }, ensure_ascii=False, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
