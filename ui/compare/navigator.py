"""Next / previous stops of each kind (changes, altered quotes, claims) and where we are.

Pure bookkeeping, no Qt: the view asks for the target to show and draws it. Each
kind keeps its own position, so stepping through claims does not lose the place in
the changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from ui.compare.layers import NavTarget

KINDS = ("change", "quote", "claim")


class Navigator:
    """Ordered targets per kind and the index last shown of each."""

    def __init__(self) -> None:
        self._targets: dict[str, list[NavTarget]] = {kind: [] for kind in KINDS}
        self._index: dict[str, int] = dict.fromkeys(KINDS, -1)

    def set_targets(self, kind: str, targets: Sequence[NavTarget]) -> None:
        """Replace the stops of ``kind`` (the position starts again)."""
        self._targets[kind] = list(targets)
        self._index[kind] = -1

    def targets(self, kind: str) -> list[NavTarget]:
        """The stops of ``kind`` in reading order."""
        return self._targets[kind]

    def step(self, kind: str, step: int) -> NavTarget | None:
        """Move ``step`` stops; None (and no move) past either end."""
        targets = self._targets[kind]
        index = self._index[kind] + step
        if not 0 <= index < len(targets):
            return None
        self._index[kind] = index
        return targets[index]

    def position(self, kind: str) -> tuple[int, int]:
        """(1-based index of the stop shown, number of stops); 0 before the first."""
        return self._index[kind] + 1, len(self._targets[kind])
