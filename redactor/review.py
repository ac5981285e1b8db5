"""Reviewer pages: original and redacted text side by side, changed spans highlighted.

These pages show original values: they are for reviewers only and are never written into
the published tree.
"""

from __future__ import annotations

import difflib
import html


def _highlight(a: str, b: str) -> tuple[str, str]:
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    left, right = [], []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        sa, sb = html.escape(a[i1:i2]), html.escape(b[j1:j2])
        if op == "equal":
            left.append(sa)
            right.append(sb)
        else:
            if sa:
                left.append(f'<mark class="orig">{sa}</mark>')
            if sb:
                right.append(f'<mark class="red">{sb}</mark>')
    return "".join(left), "".join(right)


def diff_page(original: str, redacted: str, title: str) -> str:
    a_paras = original.split("\n")
    b_paras = redacted.split("\n")
    rows = []
    sm = difflib.SequenceMatcher(None, a_paras, b_paras, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        n = max(i2 - i1, j2 - j1)
        for k in range(n):
            a = a_paras[i1 + k] if i1 + k < i2 else ""
            b = b_paras[j1 + k] if j1 + k < j2 else ""
            if op == "equal":
                la, lb = html.escape(a), html.escape(b)
                cls = ""
            else:
                la, lb = _highlight(a, b)
                cls = ' class="changed"'
            rows.append(f"<tr{cls}><td>{la}</td><td>{lb}</td></tr>")
    return f"""<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>{html.escape(title)} — review</title>
<style>
body{{font-family:"Noto Sans CJK SC","Source Han Sans SC",sans-serif;margin:1em}}
table{{border-collapse:collapse;width:100%;table-layout:fixed}}
td{{vertical-align:top;border-bottom:1px solid #ddd;padding:.3em .6em;white-space:pre-wrap;word-break:break-all}}
tr.changed{{background:#fffbe6}} mark.orig{{background:#ffd6d6}} mark.red{{background:#d6f5d6}}
th{{text-align:left;position:sticky;top:0;background:#fff}}
</style></head><body>
<p><strong>For reviewers only — this page shows original values.</strong></p>
<table><tr><th>original</th><th>redacted</th></tr>
{''.join(rows)}
</table></body></html>
"""
