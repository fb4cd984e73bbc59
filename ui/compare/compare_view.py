"""Two to four versions side by side, joined by connectors and scrolled together.

The base is pane 0 and the hub: every other pane is aligned to it, and two other
panes meet through it (as Meld's three-way view meets through the middle pane).
The view owns no analysis: it draws a ``Comparison`` and turns the analyst's
gestures into requests (``link_requested``…) for the main window.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from core.records import Comparison, QuoteCheck
from ui.compare import layers as lay
from ui.compare.actions import CompareActions
from ui.compare.link_gutter import LinkGutter
from ui.compare.overview_strip import OverviewStrip
from ui.compare.palette import RolePalette
from ui.compare.prepared import PreparedComparison, layers_and_spans, prepare
from ui.compare.scroll_sync import SyncMap, syncpoint
from ui.compare.spans import PaneSpans
from ui.compare.text_pane import MenuEntry, TextPane


class CompareView(QWidget):
    """The comparison view: panes, gutters, overview strip, navigation, find and zoom."""

    link_requested = Signal(int, int, int)
    unlink_requested = Signal(int, int, int)
    unit_activated = Signal(int, int)

    def __init__(self, parent: QWidget | None = None,
                 entity_colours: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.role_palette = RolePalette(self.palette(), entity_colours)
        self.panes: list[TextPane] = []
        self.gutters: list[LinkGutter] = []
        self.headers: list[QLabel] = []
        self.overview = OverviewStrip(self.role_palette, self)
        self.legend = QLabel(self)
        policy = self.legend.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # toggling entities must not re-wrap the panes
        self.legend.setSizePolicy(policy)
        self.legend.setVisible(False)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(0)
        self._grid.setVerticalSpacing(2)
        self._visible = {"changes": True, "typed": True, "entities": False, "quotes": True}
        self._comparison: Comparison | None = None
        #: Per partner: each pane's layers, and the same indexed for the pane.
        self._layers: dict[int, tuple[list[lay.PaneLayers], list[PaneSpans]]] = {}
        self._partner = 1
        self._maps: dict[int, SyncMap] = {}
        self._syncing = False
        self._counterparts: dict[tuple[int, int], dict[int, tuple[int, ...]]] = {}
        self._targets: dict[str, list[lay.NavTarget]] = {"change": [], "quote": []}
        self._nav = {"change": -1, "quote": -1}
        self._selected: dict[int, int] = {}
        self._clicked: tuple[int, int] | None = None
        self._overlay_key: tuple[int, int] | None = None
        self._active = 0
        self._zoom = 0
        self._last_find = ""
        self.actions = CompareActions(self)

    # --  Content

    def set_comparison(self, comparison: Comparison | PreparedComparison) -> None:
        """Show ``comparison``, replacing everything shown before.

        A ``PreparedComparison`` (built on a worker by ``prepare``) costs the GUI
        thread only the hand-over to the widgets.
        """
        prepared = comparison if isinstance(comparison, PreparedComparison) else prepare(comparison)
        comparison = prepared.comparison
        self._comparison = comparison
        self._ensure_panes(len(comparison.versions))
        self._partner = prepared.partner
        self._layers = {prepared.partner: (prepared.layers, prepared.spans)}
        self._maps.clear()
        self._selected.clear()
        self._clicked, self._overlay_key, self._active = None, None, 0
        self._nav = {"change": -1, "quote": -1}
        self._targets = {"change": prepared.change_targets, "quote": prepared.quote_targets}
        self._counterparts = prepared.counterparts
        for index, pane in enumerate(self.panes):
            pane.set_version(comparison.versions[index])
            pane.set_badges(prepared.badges[index])
            self.headers[index].setText(self._header_text(index))
            self.headers[index].setToolTip(comparison.versions[index].source)
        for gutter, links in zip(self.gutters, prepared.links, strict=True):
            gutter.set_links(links)
        for index in range(len(self.panes)):
            self._set_pane_layers(index)
        self._update_overview()
        self._update_legend()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.role_palette.refresh(self.palette())
            for pane in self.panes:
                pane.forget_styles()
            if self._comparison is not None:
                self._update_overview()
                self._update_legend()
            self.update()

    def comparison(self) -> Comparison | None:
        """The comparison shown, if any."""
        return self._comparison

    def _header_text(self, index: int) -> str:
        assert self._comparison is not None
        name = lay.version_name(self._comparison, index)
        if index == 0:
            return f"{name}  (base)"
        for summary in self._comparison.summary:
            if summary.other == index:
                return f"{name}  ({summary.similarity:.0%} similar to the base)"
        return name

    def _ensure_panes(self, count: int) -> None:
        if count == len(self.panes):
            return
        for widget in [*self.panes, *self.gutters, *self.headers]:
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self.panes, self.gutters, self.headers = [], [], []
        for index in range(count):
            self._add_pane(index)
        self._grid.addWidget(self.overview, 1, 2 * count - 1)
        self._grid.addWidget(self.legend, 2, 0, 1, 2 * count)

    def _add_pane(self, index: int) -> None:
        pane = TextPane(index, self.role_palette, self)
        pane.zoomIn(self._zoom)
        header = QLabel(self)
        header.setTextFormat(Qt.TextFormat.PlainText)
        header.setStyleSheet("font-weight: bold; padding: 2px 4px;")
        if index:
            gutter = LinkGutter(self.panes[-1], pane, self.role_palette, self)
            self.gutters.append(gutter)
            self._grid.addWidget(gutter, 1, 2 * index - 1)
        self._grid.addWidget(header, 0, 2 * index)
        self._grid.addWidget(pane, 1, 2 * index)
        self._grid.setColumnStretch(2 * index, 1)
        self.panes.append(pane)
        self.headers.append(header)
        pane.link_menu = self._link_menu
        pane.verticalScrollBar().valueChanged.connect(lambda _v, i=index: self._on_scrolled(i))
        pane.layout_changed.connect(self._maps.clear)
        pane.unit_hovered.connect(self._on_unit_hovered)
        pane.unit_clicked.connect(self._on_unit_clicked)
        pane.quote_hovered.connect(self._on_quote_hovered)
        pane.focused.connect(self._set_active)
        pane.link_requested.connect(lambda p, u, op, ou: self._request(self.link_requested,
                                                                       p, u, op, ou))
        pane.unlink_requested.connect(lambda p, u, op, ou: self._request(self.unlink_requested,
                                                                         p, u, op, ou))

    def _pane_layers(self, partner: int) -> tuple[list[lay.PaneLayers], list[PaneSpans]]:
        if partner not in self._layers:
            assert self._comparison is not None
            self._layers[partner] = layers_and_spans(self._comparison, partner)
        return self._layers[partner]

    def _set_pane_layers(self, index: int) -> None:
        pane = self.panes[index]
        pane.set_layers(self._pane_layers(self._partner)[1][index])
        pane.show_layers(self._shown_layers())

    def _shown_layers(self) -> list[str]:
        return [name for name in lay.PAINT_ORDER if self._visible[name]]

    def _update_overview(self) -> None:
        layers = self._pane_layers(self._partner)[0]
        self.overview.set_panes(self.panes, [layers[i].marks for i in range(len(self.panes))])

    def _set_partner(self, partner: int) -> None:
        """Show the base pane's diff against ``partner`` (with 3–4 versions it varies)."""
        if partner > 0 and partner != self._partner:
            self._partner = partner
            self._set_pane_layers(0)
            self._update_overview()

    def _update_legend(self) -> None:
        assert self._comparison is not None
        labels = sorted({e.label for v in self._comparison.versions for e in v.entities})
        parts = [f'<span style="color:{self.role_palette.entity_colour(label).name()}">'
                 f"&#9634;</span>&nbsp;{html.escape(label)}" for label in labels]
        parts.append("<b>&#9633;</b>&nbsp;dashed: only in one version")
        self.legend.setText("Entities: " + " &nbsp; ".join(parts))
        self.legend.setVisible(self._visible["entities"] and bool(labels))

    def set_layer_visible(self, name: str, visible: bool) -> None:
        """Show or hide a layer: "changes", "typed", "entities" or "quotes" (no re-analysis)."""
        if name not in self._visible:
            raise ValueError(f"unknown layer {name!r}; expected one of {sorted(self._visible)}")
        if self._visible[name] == visible:
            return
        self._visible[name] = visible
        action = getattr(self.actions, f"show_{name}")
        if action.isChecked() != visible:
            action.setChecked(visible)
        if self._comparison is not None:
            for pane in self.panes:
                pane.show_layers(self._shown_layers())
            self._update_legend()

    def layer_visible(self, name: str) -> bool:
        """Whether a layer is shown."""
        return self._visible[name]

    def changes_list(self) -> list[lay.ChangeEntry]:
        """The typed changes, for a list widget (``select_span`` jumps to one)."""
        return lay.typed_changes(self._comparison) if self._comparison else []

    # --  Scroll sync

    def _sync_map(self, other: int) -> SyncMap:
        sync = self._maps.get(other)
        if sync is None:
            assert self._comparison is not None
            base, pane = self.panes[0], self.panes[other]
            anchors: list[tuple[float, float]] = []
            for base_units, other_units in lay.sync_anchors(self._comparison, other):
                bt, bb = base.units_y(base_units)
                ot, ob = pane.units_y(other_units)
                anchors += [(bt, ot), (bb, ob)]
            sync = SyncMap(anchors, base.geometry_cache.height, pane.geometry_cache.height)
            self._maps[other] = sync
        return sync

    def _on_scrolled(self, source: int) -> None:
        if not self._syncing and self._comparison is not None:
            self._sync_from(source)

    def _sync_from(self, source: int, skip: Sequence[int] = ()) -> None:
        """Scroll every other pane so the aligned place sits level with ``source``'s syncpoint."""
        bar = self.panes[source].verticalScrollBar()
        page = self.panes[source].viewport().height()
        fraction = syncpoint(bar.value(), bar.maximum(), page)
        y = bar.value() + fraction * page
        base_y = y if source == 0 else self._sync_map(source).to_base(y)
        self._syncing = True
        try:
            for index, pane in enumerate(self.panes):
                if index == source or index in skip:
                    continue
                target = base_y if index == 0 else self._sync_map(index).to_other(base_y)
                pane.scroll_to_y(target - fraction * pane.viewport().height())
        finally:
            self._syncing = False

    # --  Hover, click, link

    def _set_active(self, index: int) -> None:
        self._active = index

    def _mark(self, key: tuple[int, int] | None) -> None:
        found = self._counterparts.get(key, {}) if key else {}
        for index, pane in enumerate(self.panes):
            own = (key[1],) if key and key[0] == index else found.get(index, ())
            pane.set_marked_units(own)

    def _on_unit_hovered(self, pane: int, unit: int) -> None:
        self._mark((pane, unit) if unit >= 0 else self._clicked)

    def _on_unit_clicked(self, pane: int, unit: int) -> None:
        self._clicked = (pane, unit)
        self._selected[pane] = unit
        self._active = pane
        self._set_partner(pane)
        self._mark(self._clicked)
        self.unit_activated.emit(pane, unit)

    def _altered_check(self, pane: int, quote: int) -> tuple[int, QuoteCheck] | None:
        assert self._comparison is not None
        checks = sorted(self._comparison.quote_checks, key=lambda c: c.other != self._partner)
        for group in checks:
            for check in group.rows:
                mine = check.base_quote if pane == 0 else check.other_quote
                if check.status == "altered" and mine == quote and pane in (0, group.other):
                    return group.other, check
        return None

    def _on_quote_hovered(self, pane: int, quote: int) -> None:
        found = self._altered_check(pane, quote) if quote >= 0 else None
        key = (found[0], id(found[1])) if found else None
        if key == self._overlay_key:
            return
        self._overlay_key = key
        spans = lay.quote_diff_highlights(self._comparison, *found) if found else {}
        for index, text_pane in enumerate(self.panes):
            text_pane.set_overlay(spans.get(index, []))

    def _link_menu(self, pane: int, unit: int) -> list[MenuEntry]:
        assert self._comparison is not None
        return lay.link_menu_entries(self._comparison, self._counterparts, self._selected,
                                     pane, unit)

    def _request(self, signal: Signal, pane: int, unit: int, other_pane: int,
                 other_unit: int) -> None:
        if pane == 0:
            signal.emit(other_pane, unit, other_unit)  # type: ignore[attr-defined]
        else:
            signal.emit(pane, other_unit, unit)  # type: ignore[attr-defined]

    # --  Navigation, find, zoom

    def next_change(self) -> bool:
        """Select the next changed, added, removed or moved row; False at the end."""
        return self._go("change", 1)

    def previous_change(self) -> bool:
        """Select the previous change; False at the start."""
        return self._go("change", -1)

    def next_quote(self) -> bool:
        """Select the next altered quote; False at the end."""
        return self._go("quote", 1)

    def previous_quote(self) -> bool:
        """Select the previous altered quote; False at the start."""
        return self._go("quote", -1)

    def _go(self, kind: str, step: int) -> bool:
        targets = self._targets[kind]
        index = self._nav[kind] + step
        if not 0 <= index < len(targets):
            return False
        self._nav[kind] = index
        self._show_target(targets[index])
        return True

    def _show_target(self, target: lay.NavTarget) -> None:
        self._set_partner(target.other)
        self._syncing = True
        try:
            for index, pane in enumerate(self.panes):
                if index in target.spans:
                    pane.select_span(*target.spans[index])
                else:
                    cursor = pane.textCursor()
                    cursor.clearSelection()
                    pane.setTextCursor(cursor)
        finally:
            self._syncing = False
        self._sync_from(0 if 0 in target.spans else target.other, skip=list(target.spans))

    def select_span(self, version_index: int, start: int, end: int) -> None:
        """Select ``[start, end)`` (code points) in one pane; the others follow it."""
        self._syncing = True
        try:
            self.panes[version_index].select_span(start, end)
        finally:
            self._syncing = False
        self._active = version_index
        self._sync_from(version_index)

    def find(self, text: str, forward: bool = True) -> bool:
        """Find ``text`` in the active pane from its cursor, wrapping once; select it."""
        if not text or not self.panes:
            return False
        self._last_find = text
        pane = self.panes[self._active]
        flags = QTextDocument.FindFlag(0) if forward else QTextDocument.FindFlag.FindBackward
        found = pane.find(text, flags)
        if not found:
            cursor = pane.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.Start if forward
                                else QTextCursor.MoveOperation.End)
            pane.setTextCursor(cursor)
            found = pane.find(text, flags)
        if found:
            self._sync_from(self._active)
        return found

    def find_next(self) -> bool:
        """Find the last searched text again, forwards."""
        return self.find(self._last_find, True)

    def find_previous(self) -> bool:
        """Find the last searched text again, backwards."""
        return self.find(self._last_find, False)

    def _zoom_by(self, steps: int) -> None:
        self._zoom += steps
        for pane in self.panes:
            pane.zoomIn(steps)
        self._maps.clear()

    def zoom_in(self) -> None:
        """Enlarge the text of every pane by one step."""
        self._zoom_by(1)

    def zoom_out(self) -> None:
        """Shrink the text of every pane by one step."""
        self._zoom_by(-1)

    def zoom_reset(self) -> None:
        """Back to the default text size."""
        self._zoom_by(-self._zoom)
