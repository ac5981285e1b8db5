"""Full-width ASCII folded to ASCII, one character for one character (offsets unchanged).

The rules match on folded text (redactor/recognizers/base.py), and so do the clerks' deny
lists (redactor/denylist.py). It lives apart from the recognizers so that the parent
process of a run, which reads deny lists' names but runs no recognizer, imports no Presidio.
"""

_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20


def fold_width(text: str) -> str:
    """Full-width ASCII to ASCII, one character for one character (offsets unchanged)."""
    return text.translate(_FOLD)
