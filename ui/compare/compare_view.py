"""Two to four versions side by side, joined by connectors and scrolled together.

The base is pane 0 and the hub: every other pane is aligned to it, and two other
panes meet through it (as Meld's three-way view meets through the middle pane).
The view owns no analysis: it draws a ``Comparison`` and turns the analyst's
gestures into requests (``link_requested``…) for the main window. Panes share the
width; when it is too narrow for every version at a readable line length, fewer
are shown and the headers offer to swap the others in (``pane_layout``).
Navigation and find live in ``view_steps``; this module lays out, draws and syncs.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from core.records import Comparison
from ui.bidi import isolate
from ui.compare import layers as lay
from ui.compare.actions import CompareActions
from ui.compare.arrangement import PaneArrangement
from ui.compare.chips import ClaimChip
from ui.compare.find_bar import FindBar
from ui.compare.interaction import PaneInteraction
from ui.compare.layer_registry import LAYERS, spec
from ui.compare.link_gutter import LinkGutter
from ui.compare.navigator import Navigator
from ui.compare.overview_strip import OverviewStrip
from ui.compare.palette import RolePalette
from ui.compare.pane_header import PaneHeader, header_forms
from ui.compare.pane_sync import PaneSync
from ui.compare.prepared import PreparedComparison, layers_and_spans, prepare
from ui.compare.spans import PaneSpans
from ui.compare.text_pane import KeyHandler, MenuExtender, TextPane
from ui.compare.view_steps import ViewSteps
from ui.entity_types import type_name
from ui.slices import Slices

ONE_VERSION_NOTICE = ("This story has one version: its sentences, entities and quotes are "
                      "shown as the import found them. To compare, add another version: "
                      "File ▸ Add Versions to This Story…, or drop a file on the window.")


class CompareView(QWidget):
    """The comparison view: panes, gutters, overview strip, navigation, find and zoom."""

    link_requested = Signal(int, int, int)
    unlink_requested = Signal(int, int, int)
    unit_activated = Signal(int, int)
    #: (pane, start, end, key): the analyst pressed ``key`` over a selection (code points).
    claim_requested = Signal(int, int, int, str)
    #: (kind, 1-based position, count, target): a navigation stop was shown.
    navigated = Signal(str, int, int, object)
    #: The other version the base pane is diffed against changed (the dock follows).
    partner_changed = Signal(int)
    #: A line for the status bar ("Change 3 of 28 · …", find counts).
    status_message = Signal(str)
    #: Which panes are on screen changed (a resize, a dock collapsed, a swap).
    panes_rearranged = Signal()

    def __init__(self, parent: QWidget | None = None,
                 entity_colours: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.role_palette = RolePalette(self.palette(), entity_colours)
        self.panes: list[TextPane] = []
        self.gutters: list[LinkGutter] = []
        self.headers: list[PaneHeader] = []
        #: Long and short names of the versions, base first (file names until set).
        self.names: tuple[str, ...] = ()
        self.short_names: tuple[str, ...] = ()
        self._body = QWidget(self)
        #: Work left for later event-loop turns, one slice a turn: what a comparison's
        #: hand-over defers (the window's details dock too), then the overview's measuring.
        self.slices = Slices(("hand-over", "overview", "warm"), self)
        self.overview = OverviewStrip(self.role_palette, self._body, self.slices)
        self.legend = QLabel(self)
        # One line, clipped (the whole list in its tip), and its room always kept: how
        # many entity types a story has, when the model's entities arrive or whether they
        # are shown must never widen the view or shorten the panes (nothing drawn moves).
        self.legend.setWordWrap(False)
        self.legend.setFixedHeight(self.legend.fontMetrics().height() + 4)
        policy = self.legend.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        policy.setRetainSizeWhenHidden(True)
        self.legend.setSizePolicy(policy)
        self.legend.setVisible(False)
        self.notice = QLabel(ONE_VERSION_NOTICE, self)
        self.notice.setObjectName("one_version_notice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.find_bar = FindBar(self)
        self.grid = QGridLayout(self._body)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(0)
        self.grid.setVerticalSpacing(2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        outer.addWidget(self._body, 1)
        for widget in (self.legend, self.notice, self.find_bar):
            outer.addWidget(widget)
        self._visible = {layer.name: layer.visible for layer in LAYERS}
        self._comparison: Comparison | None = None
        self.version_ids: tuple[int, ...] = ()
        #: Per partner: each pane's layers, and the same indexed for the pane.
        self._layers: dict[int, tuple[list[lay.PaneLayers], list[PaneSpans]]] = {}
        self._partner = 1
        self._syncing = False
        #: The entity toggle before a one-version story turned it on (to restore it).
        self._entities_before_single: bool | None = None
        self.navigator = Navigator()
        self.interaction = PaneInteraction(
            lambda o, b, u: self.link_requested.emit(o, b, u),
            lambda o, b, u: self.unlink_requested.emit(o, b, u))
        self._menu_extenders: list[MenuExtender] = [self.interaction.extend_menu]
        self._key_handlers: list[KeyHandler] = []
        self._active = 0
        self._zoom = 0
        self.pane_sync = PaneSync(self)
        self.steps = ViewSteps(self)
        self.arrangement = PaneArrangement(self)
        self.actions = CompareActions(self)

    # --  Content

    def warm_up(self) -> None:
        """Make, in idle turns, what the first comparison's paint would make on the spot
        (Qt's enums in Python, the text font's glyphs): the window calls it once shown."""
        from ui.compare.warm import warm_steps

        self.slices.start("warm", warm_steps(self.role_palette, self._zoom))

    def set_comparison(self, comparison: Comparison | PreparedComparison,
                       version_ids: Sequence[int] = (), names: Sequence[str] = (),
                       short_names: Sequence[str] = ()) -> None:
        """Show ``comparison``, replacing everything shown before.

        A ``PreparedComparison`` (built on a worker by ``prepare``) costs the GUI
        thread only the hand-over to the widgets. ``version_ids`` are the library ids of
        the versions (base first); each pane knows its own. ``names`` and
        ``short_names`` name the versions everywhere (file names when not given).
        """
        prepared = comparison if isinstance(comparison, PreparedComparison) else prepare(
            comparison, names=names)
        comparison = prepared.comparison
        count = len(comparison.versions)
        same_versions = tuple(version_ids) == self.version_ids and count == len(self.panes)
        self._comparison = comparison
        self.version_ids = tuple(version_ids)
        self.names = tuple(names) or tuple(lay.version_name(comparison, i) for i in range(count))
        self.short_names = tuple(short_names) or self.names
        self._ensure_panes(count)
        self.arrangement.forget()
        self._partner = prepared.partner
        self._layers = {prepared.partner: (prepared.layers, prepared.spans)}
        self.arrangement.links = {(i, i + 1): links for i, links in enumerate(prepared.links)}
        self.pane_sync.forget()
        self._active = 0
        self.interaction.reset(self.panes, comparison, prepared.counterparts, prepared.partner,
                               self.names)
        self.navigator.set_targets("change", prepared.change_targets)
        self.navigator.set_targets("quote", prepared.quote_targets)
        self.navigator.set_targets("claim", [])
        for index, pane in enumerate(self.panes):
            version_id = self.version_ids[index] if index < len(self.version_ids) else None
            pane.set_version(comparison.versions[index], version_id)
            pane.set_badges(prepared.badges[index])
        self._update_headers()
        for index in range(len(self.panes)):
            self._set_pane_layers(index)
        self._show_single(count == 1)
        if not same_versions:
            self.arrangement.wanted = []
        self._arrange(force=True)
        self._update_legend()
        self.steps.comparison_set()

    def _show_single(self, single: bool) -> None:
        """One version: say how to add another, and box the entities the import found."""
        self.notice.setVisible(single)
        if single and self._entities_before_single is None:
            self._entities_before_single = self._visible["entities"]
            self.set_layer_visible("entities", True)
        elif not single and self._entities_before_single is not None:
            self.set_layer_visible("entities", self._entities_before_single)
            self._entities_before_single = None

    def set_nav_targets(self, kind: str, targets: Sequence[lay.NavTarget]) -> None:
        """Replace the next/previous stops of ``kind`` ("claim" comes from outside)."""
        self.navigator.set_targets(kind, targets)

    def name(self, index: int, *, short: bool = False) -> str:
        """Version ``index``'s name (the same everywhere), or its short form."""
        names = self.short_names if short else self.names
        return names[index] if index < len(names) else f"version {index + 1}"

    # --  The analyst's layers (claims, proposals, corrections), set from outside

    def set_layer(self, pane: int, name: str, spans: Sequence[lay.Highlight],
                  tips: Sequence[lay.Tip] = ()) -> None:
        """Replace one layer of one pane (``spec(name)`` must know it)."""
        spec(name)
        self.panes[pane].set_layer(name, spans, tips)

    def edit_layer(self, pane: int, name: str, removed: Sequence[lay.Highlight],
                   added: Sequence[lay.Highlight], removed_tips: Sequence[lay.Tip] = (),
                   added_tips: Sequence[lay.Tip] = ()) -> None:
        """Edit a painted layer of one pane in place (a claim tagged, edited or deleted)."""
        spec(name)
        self.panes[pane].edit_painted_layer(name, removed, added, removed_tips, added_tips)

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
                self.update_overview()
                self._update_legend()
            self.update()

    def comparison(self) -> Comparison | None:
        """The comparison shown, if any."""
        return self._comparison

    def _update_headers(self) -> None:
        assert self._comparison is not None
        for index, header in enumerate(self.headers):
            header.set_text(*header_forms(self._comparison, index, isolate(self.name(index)),
                                          isolate(self.name(index, short=True))))

    def _ensure_panes(self, count: int) -> None:
        if count == len(self.panes):
            return
        for widget in [*self.panes, *self.gutters, *self.headers]:
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self.panes, self.gutters, self.headers = [], [], []
        for index in range(count):
            self._add_pane(index)

    def _add_pane(self, index: int) -> None:
        pane = TextPane(index, self.role_palette, self._body)
        pane.zoomIn(self._zoom)
        pane.setMinimumWidth(80)  # the view decides how many fit; a pane never widens it
        header = PaneHeader(self._body)
        header.swap_requested.connect(lambda version, i=index: self.swap_pane(i, version))
        if index:
            gutter = LinkGutter(self.panes[-1], pane, self.role_palette, self._body)
            self.gutters.append(gutter)
        self.panes.append(pane)
        self.headers.append(header)
        pane.menu_extender = self._extend_menu
        pane.key_handler = self._handle_key
        pane.verticalScrollBar().valueChanged.connect(lambda _v, i=index: self._on_scrolled(i))
        pane.layout_changed.connect(self.pane_sync.forget)
        pane.unit_hovered.connect(self.interaction.hovered)
        pane.unit_clicked.connect(self._on_unit_clicked)
        pane.quote_hovered.connect(self.interaction.quote_hovered)
        pane.focused.connect(self._set_active)
        pane.claim_requested.connect(self.claim_requested)
        pane.cursorPositionChanged.connect(lambda i=index: self.steps.cursor_moved(i))

    # --  How many panes, which ones (``PaneArrangement``)

    def shown_panes(self) -> list[int]:
        """The panes on screen, base first."""
        return self.arrangement.shown_panes()

    def pane_min_width(self) -> int:
        """The narrowest a pane may be and keep ``MIN_LINE_CHARS`` characters a line."""
        return self.arrangement.pane_min_width()

    def _arrange(self, force: bool = False) -> None:
        self.arrangement.arrange(force)

    def swap_pane(self, slot_pane: int, version: int) -> None:
        """Show ``version`` where pane ``slot_pane`` is (there is no room for both)."""
        self.arrangement.swap_pane(slot_pane, version)

    def show_version(self, index: int) -> None:
        """Make sure pane ``index`` is on screen, swapping it in for the last one if need be."""
        self.arrangement.show_version(index)

    def swap_next_hidden(self) -> bool:
        """Show the next hidden version in the last pane's place; False if all are shown."""
        return self.arrangement.swap_next_hidden()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    # --  Layers

    def _pane_layers(self, partner: int) -> tuple[list[lay.PaneLayers], list[PaneSpans]]:
        if partner not in self._layers:
            assert self._comparison is not None
            self._layers[partner] = layers_and_spans(self._comparison, partner, self.names)
        return self._layers[partner]

    def _set_pane_layers(self, index: int) -> None:
        pane = self.panes[index]
        # Which layers first (a new pane has none to hand Qt yet), then the layers: the
        # tints near the viewport are made once, not twice.
        pane.show_layers(self._shown_layers())
        pane.set_layers(self._pane_layers(self._partner)[1][index])

    def _shown_layers(self) -> list[str]:
        return [layer.name for layer in LAYERS
                if self._visible[layer.follows or layer.name]]

    def update_overview(self) -> None:
        """Map the changes of the panes on screen in the overview strip."""
        if self._comparison is None:
            return
        layers = self._pane_layers(self._partner)[0]
        shown = self.shown_panes()
        self.overview.set_panes([self.panes[i] for i in shown], [layers[i].marks for i in shown])

    def partner(self) -> int:
        """The version the base pane's marks compare with."""
        return self._partner

    def set_partner(self, partner: int) -> None:
        """Diff the base pane against ``partner`` (the dock's "Compared with" chose it)."""
        self.show_version(partner)
        self._set_partner(partner)

    def _set_partner(self, partner: int) -> None:
        """Show the base pane's diff against ``partner`` (with 3–4 versions it varies)."""
        if 0 < partner < len(self.panes) and partner != self._partner:
            self._partner = self.interaction.partner = partner
            self._set_pane_layers(0)
            self.update_overview()
            self.partner_changed.emit(partner)

    def _update_legend(self) -> None:
        assert self._comparison is not None
        labels = sorted({e.label for v in self._comparison.versions for e in v.entities},
                        key=type_name)
        parts = [f'<span style="color:{self.role_palette.entity_colour(label).name()}">'
                 f"&#9634;</span>&nbsp;{html.escape(type_name(label))}" for label in labels]
        if len(self._comparison.versions) > 1:
            parts.append("<b>&#9633;</b>&nbsp;dashed: only in one version")
        self.legend.setText("Entities: " + " &nbsp; ".join(parts)
                            + " &nbsp; (Help ▸ Legend explains every mark)")
        self.legend.setToolTip("<p>Entities: " + html.escape(
            ", ".join(type_name(label) for label in labels)) + "</p>")
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

    # --  Scroll sync (``PaneSync``)

    def _on_scrolled(self, source: int) -> None:
        if not self._syncing and self._comparison is not None:
            self.sync_from(source)

    def sync_from(self, source: int, skip: Sequence[int] = ()) -> None:
        """Scroll every other pane so the aligned place sits level with ``source``'s syncpoint."""
        if self._comparison is not None and source < len(self.panes):
            self._syncing = True
            try:
                self.pane_sync.sync_from(self._comparison, source, skip)
            finally:
                self._syncing = False

    # --  Hover, click

    def _set_active(self, index: int) -> None:
        self._active = index

    def _on_unit_clicked(self, pane: int, unit: int) -> None:
        self._active = pane
        self._set_partner(pane)
        self.steps.cursor_moved(pane)  # a click on the same place moves no cursor
        self.interaction.clicked_unit(pane, unit)
        self.unit_activated.emit(pane, unit)

    # --  Navigation, find (``ViewSteps`` does the work)

    def next_change(self) -> bool:
        """Outline the next changed, added, removed or moved row from here (wraps round)."""
        return self.steps.go("change", 1)

    def previous_change(self) -> bool:
        """Outline the previous change from here (wraps round)."""
        return self.steps.go("change", -1)

    def next_quote(self) -> bool:
        """Outline the next altered quote from here (wraps round)."""
        return self.steps.go("quote", 1)

    def previous_quote(self) -> bool:
        """Outline the previous altered quote from here (wraps round)."""
        return self.steps.go("quote", -1)

    def next_claim(self) -> bool:
        """Wash the next claim (in base reading order); False at the end."""
        return self.steps.go("claim", 1)

    def previous_claim(self) -> bool:
        """Wash the previous claim; False at the start."""
        return self.steps.go("claim", -1)

    def claim_in_next_pane(self) -> bool:
        """Move from the claim shown in the active pane to its appearance in the next pane."""
        return self.steps.claim_in_next_pane()

    def reveal_spans(self, spans: Mapping[int, tuple[int, int]]) -> None:
        """Scroll to a span in several panes at once (a claim's appearances), selecting
        nothing: the panes without one follow through the alignment."""
        self.steps.reveal_spans(spans)

    def reveal_span(self, pane: int, start: int, end: int) -> None:
        """Scroll one pane to ``[start, end)`` only if it is out of sight; the others stay."""
        self.steps.reveal_span(pane, start, end)

    def select_span(self, version_index: int, start: int, end: int) -> None:
        """Select ``[start, end)`` (code points) in one pane; the others follow it."""
        self.steps.select_span(version_index, start, end)

    def open_find(self) -> None:
        """Show the find bar (Ctrl+F), the selected words in it."""
        self.steps.open_find()

    def find(self, text: str, forward: bool = True) -> bool:
        """Find ``text`` in every pane from here, highlight every match, select the next."""
        return self.steps.find(text, forward)

    def find_next(self) -> bool:
        """The next match of the find bar's text (F3, Enter)."""
        return self.steps.find_step(1)

    def find_previous(self) -> bool:
        """The previous match (Shift+F3, Shift+Enter)."""
        return self.steps.find_step(-1)

    # --  Scroll positions, zoom

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
        self.pane_sync.forget()
        self._arrange()

    def zoom_in(self) -> None:
        """Enlarge the text of every pane by one step."""
        self._zoom_by(1)

    def zoom_out(self) -> None:
        """Shrink the text of every pane by one step."""
        self._zoom_by(-1)

    def zoom_reset(self) -> None:
        """Back to the default text size."""
        self._zoom_by(-self._zoom)
