"""Piecewise-linear maps between the heights of two panes, for scroll sync (pure Python).

Meld's ``_sync_vscroll`` finds the chunk under the syncpoint of the scrolled pane
and puts the matching chunk of the other pane at the same height, interpolating
inside the chunk. Here every matched row gives two anchors (its tops and its
bottoms); between anchors the map is linear, so while the reader scrolls through
sentences one side lacks, the other side waits instead of jumping. Anchors that
would run backwards (out-of-order matches) are dropped, keeping the map monotonic
and so invertible.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable


class SyncMap:
    """Maps a y of the base pane to a y of another pane, and back."""

    def __init__(self, anchors: Iterable[tuple[float, float]], base_height: float,
                 other_height: float) -> None:
        points = sorted([(0.0, 0.0), *anchors, (base_height, other_height)])
        xs: list[float] = []
        ys: list[float] = []
        for x, y in points:
            if xs and (x < xs[-1] or y < ys[-1]):
                continue
            xs.append(x)
            ys.append(y)
        self._xs, self._ys = xs, ys

    @staticmethod
    def _interpolate(xs: list[float], ys: list[float], x: float) -> float:
        i = bisect_right(xs, x) - 1
        if i < 0:
            return ys[0] + (x - xs[0])
        if i >= len(xs) - 1:
            return ys[-1] + (x - xs[-1])
        x0, x1, y0, y1 = xs[i], xs[i + 1], ys[i], ys[i + 1]
        if x1 <= x0:
            return y0
        return y0 + (x - x0) * (y1 - y0) / (x1 - x0)

    def to_other(self, base_y: float) -> float:
        """The other pane's y level with ``base_y``."""
        return self._interpolate(self._xs, self._ys, base_y)

    def to_base(self, other_y: float) -> float:
        """The base pane's y level with ``other_y``."""
        return self._interpolate(self._ys, self._xs, other_y)


def syncpoint(value: float, maximum: float, page: float) -> float:
    """Where in the viewport (0 top, 1 bottom) to pin panes level.

    The middle, except near either end: there the point slides to the edge so
    that all panes reach their top and their bottom together (as Meld does).
    """
    if page <= 0:
        return 0.5
    if value < page / 2:
        return max(0.0, value / page)
    remaining = maximum - value
    if remaining < page / 2:
        return min(1.0, 1.0 - remaining / page)
    return 0.5
