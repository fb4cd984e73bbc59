"""How many panes the view shows and which: all that fit at a readable line length,
the base first; the others are offered in the headers (and F6) to swap in.

The gutters join whichever panes stand side by side, so their links are worked out
for any pair (the base's with each version come ready-made from ``prepare``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.compare import layers as lay
from ui.compare.pane_layout import MIN_LINE_CHARS, next_hidden, panes_that_fit, shown_panes

if TYPE_CHECKING:
    from ui.compare.compare_view import CompareView

#: Width a gutter takes between two panes, for deciding how many panes fit.
GUTTER_WIDTH = 56


class PaneArrangement:
    """The panes on screen and the grid they stand in."""

    def __init__(self, view: CompareView) -> None:
        self.view = view
        #: Panes on screen (indices, base first) and the others the analyst asked for.
        self.shown: list[int] = []
        self.wanted: list[int] = []
        #: Links between two panes, by (left, right).
        self.links: dict[tuple[int, int], list[lay.Link]] = {}

    def forget(self) -> None:
        """A new comparison: the grid is laid out again."""
        self.shown = []

    def shown_panes(self) -> list[int]:
        """The panes on screen, base first."""
        return list(self.shown)

    def pane_min_width(self) -> int:
        """The narrowest a pane may be and keep ``MIN_LINE_CHARS`` characters a line."""
        if not self.view.panes:
            return 0
        pane = self.view.panes[0]
        text = pane.fontMetrics().averageCharWidth() * MIN_LINE_CHARS
        chrome = (2 * int(pane.document().documentMargin()) + pane.viewportMargins().left()
                  + pane.verticalScrollBar().sizeHint().width() + 2 * pane.frameWidth())
        return text + chrome + 22  # the badge slot, which only other panes have

    def arrange(self, force: bool = False) -> None:
        """Show as many panes as fit at a readable width; re-lay the grid if that changed."""
        count = len(self.view.panes)
        if not count:
            return
        width = self.view.width() - self.view.overview.sizeHint().width()
        fit = panes_that_fit(width, count, self.pane_min_width(), GUTTER_WIDTH)
        shown = shown_panes(count, fit, self.wanted or [self.view.partner()])
        if shown == self.shown and not force:
            return
        self.shown = shown
        self._lay_out_panes()
        self.view.sync_from(0)
        self.view.panes_rearranged.emit()

    def _lay_out_panes(self) -> None:
        view = self.view
        grid = view.grid
        for widget in [*view.panes, *view.gutters, *view.headers, view.overview]:
            grid.removeWidget(widget)
        for column in range(2 * len(view.panes) + 1):
            grid.setColumnStretch(column, 0)  # a column left from more panes takes no room
        for slot, index in enumerate(self.shown):
            grid.addWidget(view.headers[index], 0, 2 * slot)
            grid.addWidget(view.panes[index], 1, 2 * slot)
            grid.setColumnStretch(2 * slot, 1)
            if slot:
                gutter = view.gutters[slot - 1]
                left = self.shown[slot - 1]
                gutter.set_panes(view.panes[left], view.panes[index])
                gutter.set_links(self.links_between(left, index))
                gutter.names = (view.name(left, short=True), view.name(index, short=True))
                grid.addWidget(gutter, 1, 2 * slot - 1)
        grid.addWidget(view.overview, 1, 2 * len(self.shown) - 1)
        used = set(self.shown)
        for index, pane in enumerate(view.panes):
            pane.setVisible(index in used)
            view.headers[index].setVisible(index in used)
        for slot, gutter in enumerate(view.gutters):
            gutter.setVisible(slot < len(self.shown) - 1)
        self._update_swaps()
        view.update_overview()

    def links_between(self, left: int, right: int) -> list[lay.Link]:
        """The connectors between panes ``left`` and ``right`` (worked out once)."""
        links = self.links.get((left, right))
        if links is None:
            comparison = self.view.comparison()
            assert comparison is not None
            links = self.links[(left, right)] = lay.links(comparison, left, right)
        return links

    def _update_swaps(self) -> None:
        hidden = [(p, self.view.name(p)) for p in range(1, len(self.view.panes))
                  if p not in self.shown]
        for index, header in enumerate(self.view.headers):
            header.set_swaps(hidden if index and index in self.shown else [])

    def swap_pane(self, slot_pane: int, version: int) -> None:
        """Show ``version`` where pane ``slot_pane`` is (there is no room for both)."""
        wanted = [p for p in self.shown[1:] if p != slot_pane]
        self.wanted = [version, *wanted]
        self.arrange(force=True)
        self.view.set_partner(version)

    def show_version(self, index: int) -> None:
        """Make sure pane ``index`` is on screen, swapping it in for the last one if need be."""
        if index in self.shown or not 0 < index < len(self.view.panes):
            return
        self.wanted = [index, *self.shown[1:]]  # the last one shown gives way
        self.arrange(force=True)

    def swap_next_hidden(self) -> bool:
        """Show the next hidden version in the last pane's place; False if all are shown."""
        if len(self.shown) < 2:
            return False
        version = next_hidden(self.shown, len(self.view.panes), self.shown[-1])
        if version is None:
            return False
        self.swap_pane(self.shown[-1], version)
        return True
