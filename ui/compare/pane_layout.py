"""How many panes fit side by side, and which versions they show. Pure: no Qt.

A pane stays readable down to about ``MIN_LINE_CHARS`` characters a line; when the
view is narrower than that many panes need, it shows fewer at once (the base and the
versions the analyst chose) and offers a swap for the others, rather than squeezing
every pane to three words a line or forcing the window wider than the screen.
"""

from __future__ import annotations

from collections.abc import Sequence

#: The narrowest readable line, in characters of the pane's font.
MIN_LINE_CHARS = 35


def panes_that_fit(width: int, count: int, pane_min: int, gutter: int) -> int:
    """How many of ``count`` panes fit in ``width``; never fewer than two (base and one)."""
    shown = count
    while shown > 2 and shown * pane_min + (shown - 1) * gutter > width:
        shown -= 1
    return min(shown, count)


def shown_panes(count: int, fit: int, preferred: Sequence[int]) -> list[int]:
    """The panes to show, in order: the base, then ``fit - 1`` others, ``preferred`` first."""
    others = [p for p in dict.fromkeys(preferred) if 0 < p < count]
    others += [p for p in range(1, count) if p not in others]
    return [0, *sorted(others[: max(0, fit - 1)])] if count else []


def swapped(shown: Sequence[int], count: int, slot: int, version: int) -> list[int]:
    """``shown`` with the pane at ``slot`` replaced by ``version`` (a hidden one), in order."""
    if version in shown or not 0 < version < count or not 0 < slot < len(shown):
        return list(shown)
    result = list(shown)
    result[slot] = version
    return [0, *sorted(result[1:])]


def next_hidden(shown: Sequence[int], count: int, after: int) -> int | None:
    """The first hidden version after ``after`` (cycling), or None when all are shown."""
    hidden = [p for p in range(1, count) if p not in shown]
    if not hidden:
        return None
    return next((p for p in hidden if p > after), hidden[0])
