"""What the PDF path's verification costs: the same PDFs through the real pipeline, as
shipped and with verify's pure-Python readers left out, beside the DOCX path, in one process.

Issue 10 asks verify to read every published PDF with pypdf, pdfium and pdfminer.six (and
every decompressed stream), and the writer to render every page for the pixel check; issue
7 asks PDF throughput within 2x of TXT and of DOCX. This script measures how much of the PDF
time those readers are, so the trade can be decided on numbers. The variants without a
reader exist only here (patched in this process); the tool always runs all of them.

Documents are interleaved (each PDF goes through every variant before the next), so a
noisy machine slows all variants alike.

    python benchmarks/pdf_verify_cost.py /tmp/bench/h400 --docs 40
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import load_corpus, select  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    logging.disable(logging.WARNING)

    import redactor.pipeline as pipeline
    import redactor.formats.pdf as pdf_writer
    from redactor.audit import HmacKey
    from redactor.policy import load_policy

    corpus = load_corpus(Path(a.corpus))
    base = Path(a.corpus) / "docs"
    config = pipeline.RunConfig(policy=load_policy("strict"), hmac_key=HmacKey(b"benchmark-key", "benchmark"),
                                ner="judgment")
    real_pdfminer, real_pypdf = pdf_writer._pdfminer_texts, pdf_writer._qpdf_page_text
    variants = {
        "pdf (as shipped)": (True, True),
        "pdf, verify without pdfminer.six": (False, True),
        "pdf, verify without pdfminer.six and pypdf's page text": (False, False),
    }
    totals = {name: [0, 0.0] for name in [*variants, "docx"]}
    stages: dict[str, dict[str, float]] = {name: {} for name in totals}
    with tempfile.TemporaryDirectory(prefix="redactor-pdfcost-") as tmp:
        out = Path(tmp)
        rows = select(corpus, "pdf", a.docs)
        docx_rows = select(corpus, "docx", a.docs)
        for warm in (rows[0], docx_rows[0]):
            pipeline.redact_document(base / warm["file"], "warm/" + warm["file"], out, config)

        def one(name: str, row: dict) -> None:
            c0 = time.process_time()
            res = pipeline.redact_document(base / row["file"], f"{len(name)}/{row['file']}", out, config)
            totals[name][1] += time.process_time() - c0
            totals[name][0] += row["chars"]
            for k, v in res.timings.items():
                stages[name][k] = stages[name].get(k, 0.0) + v
            if res.status == "failed":
                raise SystemExit(f"{row['file']} failed under {name!r}: {res.reason}")

        for k in range(max(len(rows), len(docx_rows))):
            if k < len(rows):
                for name, (use_pdfminer, use_pypdf) in variants.items():
                    pdf_writer._pdfminer_texts = real_pdfminer if use_pdfminer else (lambda data: [])
                    pdf_writer._qpdf_page_text = real_pypdf if use_pypdf else (lambda *args: "")
                    one(name, rows[k])
                pdf_writer._pdfminer_texts, pdf_writer._qpdf_page_text = real_pdfminer, real_pypdf
            if k < len(docx_rows):
                one("docx", docx_rows[k])

    docx_rate = totals["docx"][0] / totals["docx"][1]
    result = {}
    print(f"{'variant':58s} {'chars/CPU s':>12s} {'x DOCX':>7s}  stages (CPU-ish s: read, detect+decide, write, verify)")
    for name, (chars, cpu) in totals.items():
        rate = chars / cpu
        st = stages[name]
        result[name] = {"chars": chars, "cpu_s": round(cpu, 3), "chars_per_cpu_s": round(rate),
                        "x_docx": round(rate / docx_rate, 3), "stages_s": {k: round(v, 3) for k, v in st.items()}}
        print(f"{name:58s} {rate:12,.0f} {rate / docx_rate:7.2f}  "
              + ", ".join(f"{k} {v:.2f}" for k, v in st.items()))
    if a.json:
        a.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
