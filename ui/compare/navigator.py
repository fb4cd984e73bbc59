"""Next / previous stops of each kind (changes, altered quotes, claims) and where we are.

Pure bookkeeping, no Qt: the view asks for the target to show and draws it. Each
kind keeps its own position, so stepping through claims does not lose the place in
the changes. The position may sit *between* two stops: after the analyst clicked a
sentence, the next stop is the first one after it and the previous the last one
before it (a stop that holds the click counts as "here").
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ui.compare.layers import NavTarget

KINDS = ("change", "quote", "claim")


class Navigator:
    """Ordered targets per kind and the place last shown of each."""

    def __init__(self) -> None:
        self._targets: dict[str, list[NavTarget]] = {kind: [] for kind in KINDS}
        #: Index of the stop shown, or a half-way value between two stops.
        self._place: dict[str, float] = dict.fromkeys(KINDS, -1.0)
        #: Whether the last step went round an end.
        self.wrapped = False

    def set_targets(self, kind: str, targets: Sequence[NavTarget]) -> None:
        """Replace the stops of ``kind`` (the position starts again)."""
        self._targets[kind] = list(targets)
        self._place[kind] = -1.0

    def targets(self, kind: str) -> list[NavTarget]:
        """The stops of ``kind`` in reading order."""
        return self._targets[kind]

    def place(self, kind: str, pane: int, position: int) -> None:
        """Stand at code point ``position`` of ``pane``: the next step goes on from there.

        Stops without a span in ``pane`` are passed over when finding the place, but
        still walked afterwards in reading order.
        """
        before, inside = -1, False
        for index, target in enumerate(self._targets[kind]):
            span = target.spans.get(pane)
            if span is None:
                continue
            if span[0] > position:
                break
            before, inside = index, position < span[1]
        self._place[kind] = float(before) if inside else before + 0.5

    def step(self, kind: str, step: int, *, wrap: bool = False) -> NavTarget | None:
        """Move ``step`` stops (±1); past either end None, or round to the other end."""
        targets = self._targets[kind]
        place = self._place[kind]
        index = math.floor(place) + 1 if step > 0 else math.ceil(place) - 1
        self.wrapped = False
        if not 0 <= index < len(targets):
            if not wrap or not targets:
                return None
            index = 0 if step > 0 else len(targets) - 1
            self.wrapped = True
        self._place[kind] = float(index)
        return targets[index]

    def position(self, kind: str) -> tuple[int, int]:
        """(1-based index of the stop shown, number of stops); 0 when none is shown."""
        place = self._place[kind]
        shown = int(place) + 1 if place >= 0 and place == int(place) else 0
        return shown, len(self._targets[kind])
