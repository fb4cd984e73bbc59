"""What the analyst's pointer does in the panes: hover and click marks, what a hovered
quote is linked to (an altered quote's diff; the reported speech a quote became; the
unquoted base words a quote reproduces), and the link / unlink entries of the context menu.

Kept apart from ``CompareView`` (which lays panes out and scrolls them): this part
only reads the comparison and answers gestures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QMenu

from core.records import Comparison, QuoteCheck
from ui.compare import layers as lay
from ui.compare.quote_layer import LINKED_STATUSES, quote_hover_highlights
from ui.compare.text_pane import TextPane

#: (other pane, base unit, other unit) → the link or unlink request.
LinkRequest = Callable[[int, int, int], None]


class PaneInteraction:
    """Hover, click, quote overlay and link menus for one set of panes."""

    def __init__(self, on_link: LinkRequest, on_unlink: LinkRequest) -> None:
        self._on_link, self._on_unlink = on_link, on_unlink
        self.panes: Sequence[TextPane] = ()
        self.comparison: Comparison | None = None
        self.counterparts: lay.Counterparts = {}
        #: The unit last clicked in each pane: what "Link to selected sentence" means.
        self.selected: dict[int, int] = {}
        self.clicked: tuple[int, int] | None = None
        self.partner = 1
        self.names: tuple[str, ...] = ()
        self._overlay_key: tuple[int, int] | None = None

    def reset(self, panes: Sequence[TextPane], comparison: Comparison,
              counterparts: lay.Counterparts, partner: int, names: Sequence[str] = ()) -> None:
        self.panes, self.comparison, self.counterparts = panes, comparison, counterparts
        self.partner = partner
        self.names = tuple(names)
        self.selected.clear()
        self.clicked, self._overlay_key = None, None

    def mark(self, key: tuple[int, int] | None) -> None:
        """Mark a unit and its counterparts in every pane (None: clear the marks)."""
        found = self.counterparts.get(key, {}) if key else {}
        for index, pane in enumerate(self.panes):
            own = (key[1],) if key and key[0] == index else found.get(index, ())
            pane.set_marked_units(own)

    def hovered(self, pane: int, unit: int) -> None:
        self.mark((pane, unit) if unit >= 0 else self.clicked)

    def clicked_unit(self, pane: int, unit: int) -> None:
        self.clicked = (pane, unit)
        self.selected[pane] = unit
        self.mark(self.clicked)

    def quote_hovered(self, pane: int, quote: int) -> None:
        found = self._linked_check(pane, quote) if quote >= 0 else None
        key = (found[0], id(found[1])) if found else None
        if key == self._overlay_key:
            return
        self._overlay_key = key
        spans = quote_hover_highlights(self.comparison, *found) if found else {}
        for index, text_pane in enumerate(self.panes):
            text_pane.set_overlay(spans.get(index, []))

    def _linked_check(self, pane: int, quote: int) -> tuple[int, QuoteCheck] | None:
        """The check of quote ``quote`` of ``pane`` that links it to other words, if any
        (the partner version's first)."""
        assert self.comparison is not None
        checks = sorted(self.comparison.quote_checks, key=lambda c: c.other != self.partner)
        for group in checks:
            for check in group.rows:
                mine = check.base_quote if pane == 0 else check.other_quote
                if (check.status in LINKED_STATUSES and mine == quote
                        and pane in (0, group.other)):
                    return group.other, check
        return None

    def extend_menu(self, pane: int, menu: QMenu, position: int,
                    _selection: tuple[int, int] | None) -> None:
        """Link / unlink entries for the sentence at code point ``position``."""
        if self.comparison is None or not self.panes:
            return
        text_pane = self.panes[pane]
        unit = text_pane.unit_at(text_pane.offsets.to_utf16(position))
        if unit < 0:
            return
        entries = lay.link_menu_entries(self.comparison, self.counterparts, self.selected,
                                        pane, unit, self.names)
        if entries:
            menu.addSeparator()
        for text, kind, other_pane, other_unit in entries:
            action = menu.addAction(text)
            action.triggered.connect(
                lambda _=False, k=kind, p=other_pane, u=other_unit, me=unit:
                self._request(k, pane, me, p, u))

    def _request(self, kind: str, pane: int, unit: int, other_pane: int, other_unit: int) -> None:
        send = self._on_link if kind == "link" else self._on_unlink
        if pane == 0:
            send(other_pane, unit, other_unit)
        else:
            send(pane, other_unit, unit)
