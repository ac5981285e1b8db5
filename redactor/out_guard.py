"""Inputs are sacred: refuse an OUT folder whose writes could overwrite or delete an input.

A run writes ``OUT/<relative path>`` for every input and deletes that path again when a
document ends withheld or failed, so an OUT that is an input folder, or that holds an input,
loses originals (issue 16). The check runs before anything is written (OUT is not even
created) and compares resolved paths, so symlinks, relative paths and ``.`` cannot hide
an overlap.

Allowed: OUT anywhere outside the inputs, and OUT inside an input folder when it does not
exist yet, is empty of documents, or is an earlier run's OUT (it holds ``.redactor/``):
the walk over that input folder skips OUT, and nothing the run writes lands on an input.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable


class UnsafeOut(ValueError):
    """OUT overlaps the inputs: the run would overwrite or delete an original."""


def _under(path: Path | str, folder: Path | str) -> bool:
    """``path`` is ``folder`` or inside it (both resolved)."""
    p, f = str(path), str(folder)
    return p == f or p.startswith(f if f.endswith(os.sep) else f + os.sep)


def check_out(inputs: Iterable[Path], out: Path, input_files: Iterable[tuple[Path, str]],
              document_suffixes: tuple[str, ...], state_dir: str) -> None:
    """Raise UnsafeOut when writing ``OUT/<rel>`` for ``input_files`` could touch an input.

    ``input_files`` are the (path, rel) pairs the run would read; ``document_suffixes`` the
    file names that count as documents (for an existing folder inside an input folder).
    """
    out = Path(out)
    out_r = out.resolve()
    if out.exists() and not out.is_dir():
        raise UnsafeOut(f"--out {out} exists and is not a folder")
    roots = [(Path(p), Path(p).resolve()) for p in inputs]
    for given, root_r in roots:
        if root_r == out_r:
            raise UnsafeOut(f"--out {out} is the input {given}: the run would overwrite or delete the originals; "
                            "choose a folder outside the inputs")
        if _under(root_r, out_r):
            raise UnsafeOut(f"--out {out} contains the input {given}: choose a folder outside the inputs")
    for given, root_r in roots:
        if root_r.is_dir() and _under(out_r, root_r) and out_r.is_dir() and not (out_r / state_dir).is_dir():
            if any(_documents_under(out_r, document_suffixes)):
                raise UnsafeOut(f"--out {out} is a folder of documents inside the input {given}: its files "
                                "would be skipped as inputs and could be overwritten; choose a new or empty folder")
    # Strings, not Path objects, and each folder resolved once: a corpus of 100,000 files
    # is checked in about a second.
    real = _Resolver()
    out_s = str(out)
    files = [(str(p), rel) for p, rel in input_files]
    originals = {real.file(p) for p, _ in files}
    for p, rel in files:
        if _under(real.file(p), out_r):
            raise UnsafeOut(f"--out {out} contains the input file {p} (through a link): "
                            "choose a folder outside the inputs")
        target = real.file(os.path.join(out_s, rel))  # follows any link already inside OUT
        if target in originals or not _under(target, out_r) and _inside_any(target, roots):
            raise UnsafeOut(f"--out {out}: writing {rel} would land on an input ({p}); "
                            "choose a folder outside the inputs")


class _Resolver:
    """Resolved paths (as strings) with each folder resolved once."""

    def __init__(self):
        self.folders: dict[str, str] = {}

    def file(self, p: str) -> str:
        if os.path.islink(p):
            return os.path.realpath(p)
        parent, name = os.path.split(p)
        folder = self.folders.get(parent)
        if folder is None:
            folder = self.folders[parent] = os.path.realpath(parent or ".")
        return os.path.join(folder, name)


def _inside_any(path: str, roots: list[tuple[Path, Path]]) -> bool:
    return any(_under(path, r) for _, r in roots if r.is_dir())


def _documents_under(folder: Path, suffixes: tuple[str, ...]):
    for _, _, filenames in os.walk(folder):
        for fn in filenames:
            if fn.lower().endswith(suffixes):
                yield fn
