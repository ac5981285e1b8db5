"""Spans of text as (start, end) pairs, and the questions decide asks about them.

Name resolution asks, for every mention of every name, whether it lies inside, touches or
runs over the edge of a kept span (an organisation, a place, a header name); a long judgment
has thousands of both, so the spans are indexed once (``SpanIndex``).
"""

from __future__ import annotations

import bisect


class SpanIndex:
    """Spans sorted by start, for "which spans overlap this one" in O(log n + k): decide asks
    it for every mention of every name, and a long judgment has thousands of both."""

    def __init__(self, spans):
        self.spans = sorted(set(spans))
        self.starts = [a for a, _ in self.spans]
        self.maxlen = max((b - a for a, b in self.spans), default=0)

    def strictly_contains(self, span: tuple[int, int]) -> bool:
        """One of the spans holds ``span`` and is longer (``inside``): asked for every
        mention of every name, so it looks only where such a span can start (from
        ``span``'s end minus the longest span, up to ``span``'s start) and builds no generator."""
        s0, s1 = span
        starts, spans = self.starts, self.spans
        width = s1 - s0
        for i in range(bisect.bisect_left(starts, s1 - self.maxlen), bisect.bisect_right(starts, s0)):
            a, b = spans[i]
            if a < s1 and s0 < b and s1 <= b and b - a > width:
                return True
        return False

    def overlapping(self, span: tuple[int, int]):
        lo = bisect.bisect_left(self.starts, span[0] - self.maxlen)
        hi = bisect.bisect_left(self.starts, span[1])
        for a, b in self.spans[lo:hi]:
            if a < span[1] and span[0] < b:
                yield a, b


def as_index(spans) -> SpanIndex:
    return spans if isinstance(spans, SpanIndex) else SpanIndex(spans)


def is_one_of(span: tuple[int, int], spans) -> bool:
    """``span`` is exactly one of ``spans`` (林州市 read as a name is the city of that name)."""
    return any((a, b) == span for a, b in as_index(spans).overlapping(span))


def touches(span: tuple[int, int], spans) -> bool:
    """One of ``spans`` starts where ``span`` ends or ends where it starts."""
    return any(b == span[0] or a == span[1] for a, b in as_index(spans).overlapping((span[0] - 1, span[1] + 1)))


def straddles(span: tuple[int, int], spans) -> bool:
    """``span`` overlaps one of ``spans`` and is not inside it (it runs over its edge or
    wraps it with extra characters)."""
    return any(not (a <= span[0] and span[1] <= b) for a, b in as_index(spans).overlapping(span))


def inside(span: tuple[int, int], spans) -> bool:
    if isinstance(spans, SpanIndex):
        return spans.strictly_contains(span)
    return any(a <= span[0] and span[1] <= b and (b - a) > (span[1] - span[0])
               for a, b in as_index(spans).overlapping(span))


def find_all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out
