"""How many warnings the PDF libraries raised while one document was read and rewritten.

pypdf and pdfminer.six log a warning for what they had to guess at (a broken
cross-reference table, a stream with a wrong length, an object they could not find).
The console never shows them (``redactor.logs``: they may quote the file's strings), but
a document that made a parser guess is one verify reads with every extractor it has
(pdfminer.six included, see ``formats.pdf.pdfminer_reason``). ``counting()`` counts them,
never keeps their text.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager

LIBRARIES = ("pypdf", "pdfminer")

_state = threading.local()
_lock = threading.Lock()
_active = 0  # counting() blocks open in this process, all threads together
_saved: dict[str, tuple[int, bool]] = {}


class _Counter(logging.Handler):
    """Counts the warnings of the thread that opened ``counting()``; emits nothing."""

    def __init__(self):
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        counts = getattr(_state, "counts", None)
        if counts:
            counts[-1][0] += 1


_HANDLER = _Counter()


@contextmanager
def counting():
    """``with counting() as n:`` ... ``n[0]`` is the number of warnings logged inside."""
    global _active
    box = [0]
    stack = getattr(_state, "counts", None)
    if stack is None:
        stack = _state.counts = []
    stack.append(box)
    with _lock:
        if _active == 0:
            for name in LIBRARIES:
                lg = logging.getLogger(name)
                _saved[name] = (lg.level, lg.propagate)
                # WARNING reaches the counter only; nothing goes on to the console's handlers
                lg.setLevel(logging.WARNING)
                lg.propagate = False
                lg.addHandler(_HANDLER)
        _active += 1
    try:
        yield box
    finally:
        stack.pop()
        if len(stack) > 0:
            stack[-1][0] += box[0]  # a nested count is part of the enclosing one
        with _lock:
            _active -= 1
            if _active == 0:
                for name in LIBRARIES:
                    lg = logging.getLogger(name)
                    lg.removeHandler(_HANDLER)
                    level, propagate = _saved.pop(name)
                    lg.setLevel(level)
                    lg.propagate = propagate
