"""apply: turn decisions into non-overlapping text edits."""

from __future__ import annotations

from redactor.document import Decision, Edit


def edits_from_decisions(decisions: list[Decision]) -> list[Edit]:
    """One edit per masking decision, sorted; decide() guarantees they do not overlap."""
    edits = [Edit(d.finding.start, d.finding.end, d.replacement) for d in decisions if d.masks]
    edits.sort(key=lambda e: e.start)
    for a, b in zip(edits, edits[1:]):
        if b.start < a.end:
            raise ValueError("overlapping edits reached apply(); decide() must resolve overlaps")
    return edits


def apply_edits(text: str, edits: list[Edit]) -> str:
    """The text with every edit applied (edits sorted, non-overlapping)."""
    out: list[str] = []
    pos = 0
    for e in edits:
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)
