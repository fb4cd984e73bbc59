"""Scroll sync: every pane on screen follows the one scrolled, level through the
alignment (as Meld's ``_sync_vscroll`` interpolates within matched chunks).

Each other pane gets a ``SyncMap`` from the base's document heights to its own,
built from the matched rows and forgotten whenever a layout changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from core.records import Comparison
from ui.compare import layers as lay
from ui.compare.scroll_sync import SyncMap, syncpoint

if TYPE_CHECKING:
    from ui.compare.compare_view import CompareView


class PaneSync:
    """The sync maps of one view's panes."""

    def __init__(self, view: CompareView) -> None:
        self.view = view
        self._maps: dict[int, SyncMap] = {}

    def forget(self) -> None:
        """A layout changed (a re-wrap, a zoom, a new text): measure again when asked."""
        self._maps.clear()

    def sync_map(self, comparison: Comparison, other: int) -> SyncMap:
        sync = self._maps.get(other)
        if sync is None:
            base, pane = self.view.panes[0], self.view.panes[other]
            anchors: list[tuple[float, float]] = []
            for base_units, other_units in lay.sync_anchors(comparison, other):
                bt, bb = base.units_y(base_units)
                ot, ob = pane.units_y(other_units)
                anchors += [(bt, ot), (bb, ob)]
            sync = SyncMap(anchors, base.geometry_cache.height, pane.geometry_cache.height)
            self._maps[other] = sync
        return sync

    def sync_from(self, comparison: Comparison, source: int, skip: Sequence[int] = ()) -> None:
        """Scroll the other panes on screen level with ``source``'s syncpoint."""
        panes = self.view.panes
        bar = panes[source].verticalScrollBar()
        page = panes[source].viewport().height()
        fraction = syncpoint(bar.value(), bar.maximum(), page)
        y = bar.value() + fraction * page
        others = [(index, pane) for index, pane in enumerate(panes)
                  if index != source and index not in skip and pane.isVisibleTo(self.view)]
        if y <= 0:
            # At the very top every pane is at its top (each map starts at (0, 0)): known
            # without the maps, which lay whole documents out (tens of ms at 10,000 words,
            # on the hand-over of every comparison).
            for _index, pane in others:
                pane.scroll_to_y(0)
            return
        base_y = y if source == 0 else self.sync_map(comparison, source).to_base(y)
        for index, pane in others:
            target = base_y if index == 0 else self.sync_map(comparison, index).to_other(base_y)
            pane.scroll_to_y(target - fraction * pane.viewport().height())
