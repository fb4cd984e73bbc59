"""Two to four versions side by side, joined by connectors and scrolled together.

The base is pane 0 and the hub: every other pane is aligned to it, and two other
panes meet through it (as Meld's three-way view meets through the middle pane).
The view owns no analysis: it draws a ``Comparison`` and turns the analyst's
gestures into requests (``link_requested``…) for the main window.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from core.records import Comparison
from ui.bidi import isolate
from ui.compare import layers as lay
from ui.compare.actions import CompareActions
from ui.compare.chips import ClaimChip
from ui.compare.interaction import PaneInteraction
from ui.compare.layer_registry import LAYERS, spec
from ui.compare.link_gutter import LinkGutter
from ui.compare.navigator import Navigator
from ui.compare.overview_strip import OverviewStrip
from ui.compare.palette import RolePalette
from ui.compare.prepared import PreparedComparison, layers_and_spans, prepare
from ui.compare.scroll_sync import SyncMap, syncpoint
from ui.compare.spans import PaneSpans
from ui.compare.text_pane import KeyHandler, MenuExtender, TextPane


class CompareView(QWidget):
    """The comparison view: panes, gutters, overview strip, navigation, find and zoom."""

    link_requested = Signal(int, int, int)
    unlink_requested = Signal(int, int, int)
    unit_activated = Signal(int, int)
    #: (pane, start, end, key): the analyst pressed ``key`` over a selection (code points).
    claim_requested = Signal(int, int, int, str)
    #: (kind, 1-based position, count, target): a navigation stop was shown.
    navigated = Signal(str, int, int, object)

    def __init__(self, parent: QWidget | None = None,
                 entity_colours: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.role_palette = RolePalette(self.palette(), entity_colours)
        self.panes: list[TextPane] = []
        self.gutters: list[LinkGutter] = []
        self.headers: list[QLabel] = []
        self.overview = OverviewStrip(self.role_palette, self)
        self.legend = QLabel(self)
        # Wrapped, so its width never depends on how many entity types a story has:
        # the model's entities must not widen the view (and move the text) on arrival.
        self.legend.setWordWrap(True)
        policy = self.legend.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # toggling entities must not re-wrap the panes
        self.legend.setSizePolicy(policy)
        self.legend.setVisible(False)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(0)
        self._grid.setVerticalSpacing(2)
        self._visible = {layer.name: layer.visible for layer in LAYERS}
        self._comparison: Comparison | None = None
        self.version_ids: tuple[int, ...] = ()
        #: Per partner: each pane's layers, and the same indexed for the pane.
        self._layers: dict[int, tuple[list[lay.PaneLayers], list[PaneSpans]]] = {}
        self._partner = 1
        self._maps: dict[int, SyncMap] = {}
        self._syncing = False
        self.navigator = Navigator()
        self.interaction = PaneInteraction(
            lambda o, b, u: self.link_requested.emit(o, b, u),
            lambda o, b, u: self.unlink_requested.emit(o, b, u))
        self._menu_extenders: list[MenuExtender] = [self.interaction.extend_menu]
        self._key_handlers: list[KeyHandler] = []
        self._active = 0
        self._zoom = 0
        self._last_find = ""
        self.actions = CompareActions(self)

    # --  Content

    def set_comparison(self, comparison: Comparison | PreparedComparison,
                       version_ids: Sequence[int] = ()) -> None:
        """Show ``comparison``, replacing everything shown before.

        A ``PreparedComparison`` (built on a worker by ``prepare``) costs the GUI
        thread only the hand-over to the widgets. ``version_ids`` are the library ids of
        the versions (base first); each pane knows its own.
        """
        prepared = comparison if isinstance(comparison, PreparedComparison) else prepare(comparison)
        comparison = prepared.comparison
        self._comparison = comparison
        self.version_ids = tuple(version_ids)
        self._ensure_panes(len(comparison.versions))
        self._partner = prepared.partner
        self._layers = {prepared.partner: (prepared.layers, prepared.spans)}
        self._maps.clear()
        self._active = 0
        self.interaction.reset(self.panes, comparison, prepared.counterparts, prepared.partner)
        self.navigator.set_targets("change", prepared.change_targets)
        self.navigator.set_targets("quote", prepared.quote_targets)
        self.navigator.set_targets("claim", [])
        for index, pane in enumerate(self.panes):
            version_id = self.version_ids[index] if index < len(self.version_ids) else None
            pane.set_version(comparison.versions[index], version_id)
            pane.set_badges(prepared.badges[index])
            self.headers[index].setText(self._header_text(index))
            self.headers[index].setToolTip(comparison.versions[index].source)
        for gutter, links in zip(self.gutters, prepared.links, strict=True):
            gutter.set_links(links)
        for index in range(len(self.panes)):
            self._set_pane_layers(index)
        self._update_overview()
        self._update_legend()

    def set_nav_targets(self, kind: str, targets: Sequence[lay.NavTarget]) -> None:
        """Replace the next/previous stops of ``kind`` ("claim" comes from outside)."""
        self.navigator.set_targets(kind, targets)

    def pane_of_version(self, version_id: int) -> int | None:
        """The pane index showing library version ``version_id``, or None."""
        try:
            return self.version_ids.index(version_id)
        except ValueError:
            return None

    # --  The analyst's layers (claims, proposals, corrections), set from outside

    def set_layer(self, pane: int, name: str, spans: Sequence[lay.Highlight],
                  tips: Sequence[lay.Tip] = ()) -> None:
        """Replace one layer of one pane (``spec(name)`` must know it)."""
        spec(name)
        self.panes[pane].set_layer(name, spans, tips)

    def set_claim_chips(self, pane: int, chips: list[ClaimChip]) -> None:
        """The claim chips in one pane's margin."""
        self.panes[pane].set_claim_chips(chips)

    def set_claim_colours(self, colours: dict[int, str | None]) -> None:
        """Update claims' label colours (None: the claim is gone); repaints."""
        self.role_palette.set_claim_colours(colours)
        for pane in self.panes:
            pane.viewport().update()

    def set_selected_claim(self, claim_id: int | None) -> None:
        """Wash one claim in its colour in every pane."""
        for pane in self.panes:
            pane.set_selected_claim(claim_id)

    def add_menu_extender(self, extender: MenuExtender) -> None:
        """Let ``extender`` add entries to every pane's context menu."""
        self._menu_extenders.append(extender)

    def add_key_handler(self, handler: KeyHandler) -> None:
        """Let ``handler`` see key presses in the panes first (True: it used the key)."""
        self._key_handlers.append(handler)

    def _extend_menu(self, pane: int, menu: object, position: int,
                     selection: tuple[int, int] | None) -> None:
        for extender in self._menu_extenders:
            extender(pane, menu, position, selection)  # type: ignore[arg-type]

    def _handle_key(self, pane: int, event: QKeyEvent) -> bool:
        return any(handler(pane, event) for handler in self._key_handlers)

    def active_pane(self) -> int:
        """The pane the analyst last focused or clicked."""
        return self._active

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
        name = isolate(lay.version_name(self._comparison, index))
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
        pane.menu_extender = self._extend_menu
        pane.key_handler = self._handle_key
        pane.verticalScrollBar().valueChanged.connect(lambda _v, i=index: self._on_scrolled(i))
        pane.layout_changed.connect(self._maps.clear)
        pane.unit_hovered.connect(self.interaction.hovered)
        pane.unit_clicked.connect(self._on_unit_clicked)
        pane.quote_hovered.connect(self.interaction.quote_hovered)
        pane.focused.connect(self._set_active)
        pane.claim_requested.connect(self.claim_requested)

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
        return [layer.name for layer in LAYERS
                if self._visible[layer.follows or layer.name]]

    def _update_overview(self) -> None:
        layers = self._pane_layers(self._partner)[0]
        self.overview.set_panes(self.panes, [layers[i].marks for i in range(len(self.panes))])

    def _set_partner(self, partner: int) -> None:
        """Show the base pane's diff against ``partner`` (with 3–4 versions it varies)."""
        if partner > 0 and partner != self._partner:
            self._partner = self.interaction.partner = partner
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
        """Show or hide a layer of the registry (no re-analysis)."""
        spec(name)
        if self._visible[name] == visible:
            return
        self._visible[name] = visible
        action = self.actions.toggles.get(name)
        if action is not None and action.isChecked() != visible:
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

    def _on_unit_clicked(self, pane: int, unit: int) -> None:
        self._active = pane
        self._set_partner(pane)
        self.interaction.clicked_unit(pane, unit)
        self.unit_activated.emit(pane, unit)

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

    def next_claim(self) -> bool:
        """Select the next claim (in base reading order); False at the end."""
        return self._go("claim", 1)

    def previous_claim(self) -> bool:
        """Select the previous claim; False at the start."""
        return self._go("claim", -1)

    def claim_in_next_pane(self) -> bool:
        """Move from the claim shown in the active pane to its appearance in the next pane."""
        index, _count = self.navigator.position("claim")
        if not index:
            return False
        target = self.navigator.targets("claim")[index - 1]
        panes = sorted(target.spans)
        later = [p for p in panes if p > self._active] or panes
        pane = later[0]
        self._active = pane
        self.panes[pane].setFocus()
        self.reveal_span(pane, *target.spans[pane])
        return True

    def _go(self, kind: str, step: int) -> bool:
        target = self.navigator.step(kind, step)
        if target is None:
            return False
        if kind == "claim":  # a claim is washed in its colour, not hidden under a selection
            self.reveal_spans(target.spans)
            self.set_selected_claim(target.ref)
        else:
            self._show_target(target)
        index, count = self.navigator.position(kind)
        self.navigated.emit(kind, index, count, target)
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

    def reveal_spans(self, spans: Mapping[int, tuple[int, int]]) -> None:
        """Scroll to a span in several panes at once (a claim's appearances), selecting
        nothing: the panes without one follow through the alignment."""
        if not spans:
            return
        other = next((pane for pane in sorted(spans) if pane), 0)
        self._set_partner(other)
        self._syncing = True
        try:
            for index, pane in enumerate(self.panes):
                cursor = pane.textCursor()
                cursor.clearSelection()
                pane.setTextCursor(cursor)
                if index in spans:
                    pane.scroll_to_span(spans[index][0])
        finally:
            self._syncing = False
        self._sync_from(min(spans), skip=list(spans))

    def reveal_span(self, pane: int, start: int, end: int) -> None:
        """Scroll one pane to ``[start, end)`` only if it is out of sight; the others stay."""
        text_pane = self.panes[pane]
        first, last = text_pane.visible_range()
        to16 = text_pane.offsets.to_utf16
        if first <= to16(start) and to16(end) <= last:
            return
        self._syncing = True
        try:
            text_pane.scroll_to_span(start)
        finally:
            self._syncing = False

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

    def scroll_positions(self) -> list[int]:
        """Each pane's scroll bar value (to come back to after a re-alignment)."""
        return [pane.verticalScrollBar().value() for pane in self.panes]

    def restore_scroll_positions(self, values: Sequence[int]) -> None:
        """Scroll the panes back to ``scroll_positions()`` (once they are laid out)."""
        from PySide6.QtCore import QTimer

        def restore() -> None:
            self._syncing = True
            try:
                for pane, value in zip(self.panes, values, strict=False):
                    pane.geometry_cache.measure_to_y(value + pane.viewport().height())
                    pane.verticalScrollBar().setValue(value)
            finally:
                self._syncing = False

        restore()
        QTimer.singleShot(0, restore)  # after Qt has laid the new text out

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
