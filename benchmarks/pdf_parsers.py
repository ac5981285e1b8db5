"""pikepdf (qpdf, C++) against the writer's own tokenizer and pypdf (issue 15, item 4).

    .venv/bin/python benchmarks/pdf_parsers.py CORPUS [--docs 40] [--repeat 3]

On the first ``--docs`` PDFs of a corpus made by ``make_corpus.py`` (the court-style
STSong-Light judgments), CPU seconds (best of ``--repeat``) for what the PDF path does
with a parser:

* parse: every page's decoded content stream into operations (the writer's
  ``pdf_content.operations``; pypdf's ``ContentStream``; qpdf's ``parse_content_stream``,
  all operators, and with only the text operators verify looks at);
* unparse: the operations back into a content stream (``pdf_content.splice``, which copies
  unchanged operations' bytes; pypdf's serialiser; qpdf's ``unparse_content_stream``);
* fresh save: the source's pages into a new file (pypdf ``PdfWriter``, as ``formats.pdf.inplace``
  does; qpdf's ``save``);
* verify's text reading of a page: pypdf's font maps over pypdf's parse (before issue 15)
  and over qpdf's parse (``formats.pdf._qpdf_page_text``, now).

Content streams are decoded once beforehand: decoding is the same zlib call for all.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def best_of(repeat: int, fn) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = cpu()
        fn()
        best = min(best, cpu() - t0)
    return best


# verify's page text before issue 15 (redactor/writers/pdf.py at c3d4007), verbatim but for
# the module prefix of its two limits: pypdf's font maps over pypdf's own ContentStream parse.
def _pypdf_page_text(page, pdf, encodings: dict | None = None) -> str:
    """pypdf's reading of a page's text: every shown string, form XObjects included.

    The content streams are parsed by pypdf and each string decoded through pypdf's own
    font maps (``pypdf._cmap.get_encoding``: the font's encoding and its ToUnicode map),
    as ``page.extract_text()`` does. What is left out is extract_text's layout logic
    (line and space inference from the text matrices), which only adds whitespace verify
    ignores, and was a third of the cost; nor are strings at odd angles dropped (extract_text
    keeps only 0/90/180/270 degrees), so this reads at least what extract_text reads.

    ``encodings`` caches each font's maps across the pages of one file (a ToUnicode map
    is parsed once, not once a page).
    """
    from pypdf._cmap import get_encoding

    from redactor.formats import pdf as pdf_writer
    from pypdf.generic import ArrayObject, ContentStream, IndirectObject, NameObject

    if encodings is None:
        encodings = {}
    invocations = 0
    parts: list[str] = []

    by_name: dict = {}  # (resources, font name) -> maps: a page selects its fonts hundreds of times

    def font_maps(resources, name):
        key = (id(resources), name)  # the resources are alive for the whole walk
        if key not in by_name:
            by_name[key] = _font_maps(resources, name)
        return by_name[key]

    def _font_maps(resources, name):
        fonts = resources.get("/Font") if resources is not None else None
        ref = fonts.get_object().raw_get(name) if fonts is not None and name in fonts.get_object() else None
        if ref is None:
            return None
        font = ref.get_object()
        if font is None:
            return None
        # an indirect font by its object number; a direct one by identity (kept alive
        # in the cache so the identity cannot be reused)
        key = (ref.idnum, ref.generation) if isinstance(ref, IndirectObject) else id(font)
        if key not in encodings:
            encodings[key] = (get_encoding(font), font)
        return encodings[key][0]

    def decode(data, maps) -> str:
        if maps is None or not isinstance(data, (bytes, str)) or isinstance(data, NameObject):
            return ""
        encoding, char_map = maps
        raw = data if isinstance(data, bytes) else data.encode("latin-1", "replace")
        if isinstance(encoding, str):
            try:
                text = raw.decode(encoding, "surrogatepass")
            except UnicodeDecodeError:
                text = raw.decode(encoding, "replace")
        else:
            text = "".join(encoding.get(b, chr(b)) for b in raw)
        return "".join(char_map.get(c, c) for c in text)

    def walk(content, resources, depth: int, active: set[int]) -> None:
        nonlocal invocations
        maps = None
        stack = []
        for operands, op in ContentStream(content, pdf, "bytes").operations:
            if op == b"Tf" and operands:
                maps = font_maps(resources, operands[0])
            elif op == b"q":
                stack.append(maps)
            elif op == b"Q" and stack:
                maps = stack.pop()
            elif op in (b"Tj", b"'") and operands:
                parts.append(decode(operands[-1], maps))
            elif op == b'"' and len(operands) >= 3:
                parts.append(decode(operands[2], maps))
            elif op == b"TJ" and operands and isinstance(operands[0], ArrayObject):
                parts.extend(decode(item, maps) for item in operands[0])
            elif op == b"Do" and operands and resources is not None and depth < pdf_writer.PYPDF_MAX_FORM_DEPTH:
                xobjects = resources.get("/XObject")
                form = xobjects.get_object().get(operands[0]) if xobjects is not None else None
                form = form.get_object() if form is not None else None
                if form is None or form.get("/Subtype") != "/Form" or id(form) in active:
                    continue
                invocations += 1
                if invocations > pdf_writer.PYPDF_MAX_FORM_INVOCATIONS:
                    continue
                form_resources = form.get("/Resources")
                form_resources = form_resources.get_object() if form_resources is not None else resources
                walk(form, form_resources, depth + 1, active | {id(form)})

    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    contents = page.get_contents()
    if contents is not None:
        walk(contents, resources, 0, set())
    return "".join(parts)



def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()

    import pikepdf
    from pypdf import PdfReader
    from pypdf.generic import ContentStream, DecodedStreamObject

    from redactor.formats import pdf as pdf_writer
    from redactor.formats.pdf import content as pdf_content
    from redactor.formats.pdf.inplace import _fresh_pages

    corpus = json.loads((args.corpus / "corpus.json").read_text(encoding="utf-8"))
    rows = [r for r in corpus["documents"] if r["format"] == "pdf"][: args.docs]
    files = [(args.corpus / "docs" / r["file"]).read_bytes() for r in rows]
    streams = [page.get_contents().get_data() for data in files for page in PdfReader(io.BytesIO(data)).pages]
    scratch = pikepdf.new()

    def pypdf_parse(data):
        s = DecodedStreamObject()
        s.set_data(data)
        return ContentStream(s, None, "bytes")

    ours = [pdf_content.operations(d) for d in streams]
    theirs = [pypdf_parse(d) for d in streams]
    for cs in theirs:
        cs.operations  # noqa: B018 - parsed before the unparse timing
    qpdf = [pikepdf.parse_content_stream(pikepdf.Stream(scratch, d)) for d in streams]

    def pypdf_unparse():
        for cs in theirs:
            cs._data = b""  # serialised again from .operations
            cs.get_data()

    def fresh_pypdf():
        for data in files:
            _, writer = _fresh_pages(data)
            writer.write(io.BytesIO())

    def fresh_qpdf():
        for data in files:
            with pikepdf.Pdf.open(io.BytesIO(data)) as pdf:
                out = pikepdf.new()
                out.pages.extend(pdf.pages)
                out.save(io.BytesIO(), deterministic_id=True)

    def verify_text(page_text):
        def run():
            for data in files:
                reader = PdfReader(io.BytesIO(data))
                encodings: dict = {}
                for page in reader.pages:
                    page_text(page, reader, encodings)
        return run

    n = args.repeat
    results = {
        "documents": len(files), "pages": len(streams), "content_bytes": sum(map(len, streams)),
        "parse": {
            "tokenizer (pdf_content)": best_of(n, lambda: [pdf_content.operations(d) for d in streams]),
            "pypdf ContentStream": best_of(n, lambda: [pypdf_parse(d).operations for d in streams]),
            "qpdf parse_content_stream": best_of(n, lambda: [
                pikepdf.parse_content_stream(pikepdf.Stream(scratch, d)) for d in streams]),
            "qpdf, text operators only": best_of(n, lambda: [pdf_writer._qpdf_operations(d) for d in streams]),
        },
        "unparse": {
            "splice (pdf_content)": best_of(n, lambda: [pdf_content.splice(ops, d) for ops, d in zip(ours, streams)]),
            "pypdf": best_of(n, pypdf_unparse),
            "qpdf unparse_content_stream": best_of(n, lambda: [pikepdf.unparse_content_stream(q) for q in qpdf]),
        },
        "fresh save": {"pypdf PdfWriter": best_of(n, fresh_pypdf), "qpdf save": best_of(n, fresh_qpdf)},
        "verify page text": {
            "pypdf maps over pypdf's parse": best_of(n, verify_text(_pypdf_page_text)),
            "pypdf maps over qpdf's parse": best_of(n, verify_text(pdf_writer._qpdf_page_text)),
        },
    }
    for group, values in results.items():
        if isinstance(values, dict):
            print(f"{group}:")
            for name, secs in values.items():
                print(f"  {name:34s} {secs:7.3f} s CPU")
        else:
            print(f"{group}: {values}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
