"""Spans sorted by start, answering "which touch this range?" without a full scan.

A 50,000-word pane carries ten thousand spans or more, but a screen shows a few
dozen: the pane hands Qt only those near the viewport, and looks up hover texts
here. Pure Python, no Qt, so the index can be built on a worker thread.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from ui.compare.layer_registry import Paint, paint_mode


class SpanIndex:
    """``(start, end, payload)`` spans in start order, with the longest span's length."""

    __slots__ = ("_longest", "_starts", "spans")

    def __init__(self, spans: Iterable[tuple[int, int, str]]) -> None:
        self.spans: list[tuple[int, int, str]] = sorted(spans)
        self._starts = [s for s, _, _ in self.spans]
        self._longest = max((e - s for s, e, _ in self.spans), default=0)

    def __len__(self) -> int:
        return len(self.spans)

    def edit(self, removed: Iterable[tuple[int, int, str]],
             added: Iterable[tuple[int, int, str]]) -> None:
        """Take ``removed`` out and put ``added`` in, in place: O(log n) to find each, so
        one claim's edit never re-sorts a thousand (a removed span not here is ignored)."""
        for span in removed:
            index = bisect_left(self.spans, span)
            if index < len(self.spans) and self.spans[index] == span:
                del self.spans[index]
                del self._starts[index]
        for span in added:
            index = bisect_left(self.spans, span)
            self.spans.insert(index, span)
            self._starts.insert(index, span[0])
            self._longest = max(self._longest, span[1] - span[0])

    def overlapping(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Spans with ``start < hi`` and ``end > lo`` (an empty span at ``lo`` counts too)."""
        first = bisect_left(self._starts, lo - self._longest)
        last = bisect_left(self._starts, hi)
        return [span for span in self.spans[first:last] if span[1] > lo or span[0] == lo]

    def at(self, pos: int) -> list[tuple[int, int, str]]:
        """Spans holding position ``pos`` (``start <= pos < end``)."""
        first = bisect_left(self._starts, pos - self._longest)
        last = bisect_right(self._starts, pos)
        return [span for span in self.spans[first:last] if span[1] > pos]


@cache
def is_painted(role: str) -> bool:
    """Whether spans of ``role`` are painted over the text rather than tinted by Qt."""
    return paint_mode(role) is not Paint.TINT


@dataclass(frozen=True, slots=True)
class PaneSpans:
    """One pane's layers, indexed: tints for Qt, spans painted over, hover texts."""

    tinted: dict[str, SpanIndex]
    painted: dict[str, SpanIndex]
    tips: dict[str, SpanIndex]


def index_pane(layers: Mapping[str, Iterable[tuple[int, int, str]]],
               tips: Mapping[str, Iterable[tuple[int, int, str]]]) -> PaneSpans:
    """Index every layer of a pane (``layers.PaneLayers.layers`` and ``.tips``)."""
    tinted: dict[str, SpanIndex] = {}
    painted: dict[str, SpanIndex] = {}
    for name, spans in layers.items():
        spans = list(spans)
        painted[name] = SpanIndex(s for s in spans if is_painted(s[2]))
        tinted[name] = SpanIndex(s for s in spans if not is_painted(s[2]))
    return PaneSpans(tinted, painted, {name: SpanIndex(found) for name, found in tips.items()})
