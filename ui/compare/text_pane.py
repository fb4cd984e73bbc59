"""One version's text: read-only, wrapped, drawn from layers, with a margin.

The text is set once per comparison. The pane's jobs are split: ``SpanWindow``
holds the layers and hands Qt the tints near the viewport, ``PanePainter`` paints
boxes, underlines and claims over the text, ``PaneMargin`` draws badges and claim
chips, ``UnitGeometry`` answers where units sit. The pane itself turns Qt events
into requests (hover, click, tag a claim, context menu) for the view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
    QTextBlockFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from core.records import Version
from ui.compare.chips import ClaimChip
from ui.compare.geometry import UnitGeometry, position_y
from ui.compare.layers import Highlight
from ui.compare.margin import BADGE_WORDS, PaneMargin
from ui.compare.offsets import OffsetMap
from ui.compare.palette import RolePalette
from ui.compare.pane_painter import PanePainter
from ui.compare.span_window import SpanWindow
from ui.compare.spans import PaneSpans

#: Adds the view's entries to a pane's context menu: (pane, menu, position, selection),
#: positions in code points, the selection None when nothing is selected.
MenuExtender = Callable[[int, QMenu, int, "tuple[int, int] | None"], None]
#: Handles a key press for the view first: (pane, event) → True when it was used.
KeyHandler = Callable[[int, QKeyEvent], bool]
#: Line height, in percent of the font's: room below each line for claim underlines.
LINE_HEIGHT_PERCENT = 128


class TextPane(QTextEdit):
    """A read-only, wrapped pane for one version, with layers and a margin."""

    unit_hovered = Signal(int, int)
    unit_clicked = Signal(int, int)
    quote_hovered = Signal(int, int)
    #: (pane, start, end, key): code points of the selection, the key pressed ("1"…).
    claim_requested = Signal(int, int, int, str)
    geometry_changed = Signal()
    layout_changed = Signal()
    focused = Signal(int)

    def __init__(self, index: int, role_palette: RolePalette | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        #: The library id of the version shown (None until a story sets it).
        self.version_id: int | None = None
        self.role_palette = role_palette or RolePalette(self.palette())
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.document().setDocumentMargin(6)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.viewport().setMouseTracking(True)
        self.geometry_cache = UnitGeometry(self.document())
        self.offsets = OffsetMap("")
        self.badges: dict[int, str] = {}
        self.menu_extender: MenuExtender | None = None
        self.key_handler: KeyHandler | None = None
        self.spans = SpanWindow(self, self.role_palette)
        self.painter = PanePainter(self.role_palette)
        self._quotes: list[tuple[int, int]] = []
        self._marked: tuple[int, ...] = ()
        #: Code-point spans outlined where next / previous landed (not a selection).
        self._landing: tuple[tuple[int, int], ...] = ()
        self._hover_unit = -1
        self._hover_quote = -1
        self._margin = PaneMargin(self)
        self.document().documentLayout().documentSizeChanged.connect(self._document_resized)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    # --  Content

    def set_version(self, version: Version, version_id: int | None = None) -> None:
        """Show ``version``'s text (once per comparison) and forget every layer."""
        same_text = version.text == self.offsets.text and version_id == self.version_id
        self.version_id = version_id
        self.offsets = OffsetMap(version.text)
        self.spans.reset()
        self._marked, self._hover_unit, self._hover_quote = (), -1, -1
        self._landing = ()
        self.setExtraSelections([])
        if not same_text:  # a re-alignment keeps the laid-out text and the scroll position
            self.setPlainText(version.text)
            self._space_lines()
        to16 = self.offsets.to_utf16
        self.geometry_cache.set_units([to16(u.start) for u in version.units],
                                      [to16(u.end) for u in version.units])
        self._quotes = [(to16(q.start), to16(q.end)) for q in version.quotes]
        self._margin.set_chips([])

    def _space_lines(self) -> None:
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        block = QTextBlockFormat()
        block.setLineHeight(LINE_HEIGHT_PERCENT,
                            QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor.mergeBlockFormat(block)

    def set_badges(self, badges: dict[int, str]) -> None:
        """Derivation tags per unit for the margin."""
        self.badges = badges
        self._update_margin()

    def set_claim_chips(self, chips: list[ClaimChip]) -> None:
        """Chips in the margin where claims start (their room is kept: nothing re-wraps)."""
        self._margin.set_chips(chips)

    def set_layers(self, spans: PaneSpans) -> None:
        """The comparison's layers with their hover texts, indexed (``spans.index_pane``)."""
        self.spans.set_all(spans)
        self._refresh(tints=True)

    def set_layer(self, name: str, spans: Iterable[Highlight],
                  tips: Iterable[Highlight] = ()) -> None:
        """Replace one layer (claims, proposals…): repaints, re-tints only if needed."""
        self._refresh(tints=self.spans.set_layer(name, spans, tips))

    def edit_painted_layer(self, name: str, removed: Sequence[Highlight],
                           added: Sequence[Highlight], removed_tips: Sequence[Highlight],
                           added_tips: Sequence[Highlight]) -> None:
        """Edit a layer drawn over the text (claims) in place and repaint."""
        self.spans.edit_painted(name, removed, added, removed_tips, added_tips)
        self.viewport().update()

    def show_layers(self, names: Sequence[str]) -> None:
        """Show these layers (in this paint order) and hide the rest."""
        if self.spans.show(names):
            self._refresh(tints=True)

    def shown_layers(self) -> tuple[str, ...]:
        """The names of the layers shown."""
        return self.spans.shown

    def set_overlay(self, highlights: Sequence[Highlight]) -> None:
        """Transient spans drawn over the layers (an altered quote's diff while hovered)."""
        self.spans.set_overlay(highlights)

    def set_marked_units(self, units: Iterable[int]) -> None:
        """Mark these units (the counterparts of the hovered or clicked sentence)."""
        marked = tuple(units)
        if marked != self._marked:
            self._marked = marked
            self.viewport().update()

    def set_landing(self, spans: Iterable[tuple[int, int]]) -> None:
        """Outline these code-point spans: where next / previous change landed."""
        landing = tuple(spans)
        if landing != self._landing:
            self._landing = landing
            self.viewport().update()

    def landing(self) -> tuple[tuple[int, int], ...]:
        """The spans outlined as the landing place (code points)."""
        return self._landing

    def set_selected_claim(self, claim_id: int | None) -> None:
        """Wash this claim in its colour (None: no claim selected)."""
        if self.painter.selected_claim != claim_id:
            self.painter.selected_claim = claim_id
            self.viewport().update()

    def forget_styles(self) -> None:
        """Drop cached formats and rebuild the shown ones (the palette changed)."""
        self.spans.forget_styles()
        self._refresh(tints=True)

    def _refresh(self, *, tints: bool) -> None:
        if tints:
            first, last = self.visible_range()
            self.spans.apply(first, last)
        self.viewport().update()

    def _follow_viewport(self) -> None:
        """Move the window of tints along when the viewport leaves it."""
        first, last = self.visible_range()
        if self.spans.needs(first, last):
            self.spans.apply(first, last)

    # --  Reading back (tests, the details dock)

    def highlight_ranges(self) -> list[Highlight]:
        """Every span of the shown layers, in code points: tints, overlay, painted spans."""
        return self.spans.highlight_ranges()

    def marked_units(self) -> tuple[int, ...]:
        """The units marked as counterparts of the hovered or clicked sentence."""
        return self._marked

    def tips_at(self, pos: int) -> list[str]:
        """Hover texts of the shown layers at UTF-16 position ``pos``."""
        return self.spans.tips_at(self.offsets.to_code_point(pos))

    def selection_span(self) -> tuple[int, int] | None:
        """The selected text in code points, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        to_cp = self.offsets.to_code_point
        return to_cp(cursor.selectionStart()), to_cp(cursor.selectionEnd())

    # --  Geometry

    def measure(self) -> None:
        """Measure every unit's position now (else they are measured as questions need)."""
        self.geometry_cache.measure()

    def unit_at(self, pos: int) -> int:
        """The unit at UTF-16 position ``pos`` (-1 between units)."""
        return self.geometry_cache.unit_at(pos)

    def units_y(self, units: Sequence[int]) -> tuple[float, float]:
        """Top and bottom, in document coordinates, of a group of units."""
        return (min(self.geometry_cache.top(u) for u in units),
                max(self.geometry_cache.bottom(u) for u in units))

    def anchor_y(self, after_unit: int) -> float:
        """Where a missing unit would stand: below ``after_unit`` (-1: at the top)."""
        if after_unit < 0:
            return float(self.document().documentMargin())
        return self.geometry_cache.bottom(after_unit)

    def viewport_top(self) -> int:
        """The viewport's first visible document y."""
        return self.verticalScrollBar().value()

    def visible_units(self) -> tuple[int, int]:
        """The first and last unit in the viewport (-1 above the first), measuring down to it."""
        top = self.viewport_top()
        geo = self.geometry_cache
        return geo.unit_at_y(top), geo.unit_at_y(top + self.viewport().height())

    def visible_range(self) -> tuple[int, int]:
        """UTF-16 range of the units in the viewport (not ``cursorForPosition``: above the
        first line, on a document Qt is still laying out, it can answer far down the text)."""
        geo = self.geometry_cache
        if not geo.starts or not self.isVisible():
            return 0, 0
        first, last = self.visible_units()
        first = max(0, first)
        return geo.starts[first], geo.ends[max(first, last)]

    def scroll_to_y(self, y: float) -> None:
        """Scroll so document y ``y`` is at the top of the viewport (clamped)."""
        bar = self.verticalScrollBar()
        bar.setValue(max(bar.minimum(), min(bar.maximum(), round(y))))

    def select_span(self, start: int, end: int) -> None:
        """Select ``[start, end)`` (code points) and scroll it to a third of the height."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(start))
        cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.scroll_to_span(start)

    def scroll_to_span(self, start: int) -> None:
        """Scroll so code point ``start`` sits a third of the way down, selecting nothing."""
        top = position_y(self.document(), self.offsets.to_utf16(start), bottom=False)
        self.scroll_to_y(top - self.viewport().height() / 3)

    # --  Events

    def _document_resized(self) -> None:
        # Qt lays long documents out in steps, the size growing at each: that moves
        # nothing already measured. Real re-wraps come as resize and font events.
        if self.geometry_cache.complete:
            self._layout_changed()
        else:
            self.geometry_changed.emit()

    def _layout_changed(self) -> None:
        self.geometry_cache.invalidate()
        self.layout_changed.emit()
        self.geometry_changed.emit()

    def _scrolled(self) -> None:
        self._follow_viewport()
        self._margin.update()
        self.geometry_changed.emit()

    def _update_margin(self) -> None:
        self.setViewportMargins(self._margin.preferred_width(), 0, 0, 0)
        rect = self.contentsRect()
        self._margin.setGeometry(QRect(rect.left(), rect.top(),
                                       self._margin.preferred_width(), rect.height()))
        self._margin.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_margin()
        if event.size().width() != event.oldSize().width():
            self._layout_changed()  # re-wrapped; a new height alone moves nothing
        else:
            self.geometry_changed.emit()
        self._follow_viewport()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._follow_viewport()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._layout_changed()
            self.spans.forget_styles()
            self._follow_viewport()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit(self.index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.key_handler is not None and self.key_handler(self.index, event):
            event.accept()
            return
        text = event.text()
        plain = not event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier
                                          | Qt.KeyboardModifier.ShiftModifier)
        selection = self.selection_span()
        if plain and selection and len(text) == 1 and text.isalnum():
            self.claim_requested.emit(self.index, selection[0], selection[1], text)
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        offset = QPointF(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        first, last = self.visible_range()
        geo = self.geometry_cache
        self.painter.paint_marked(painter, self.document(), offset,
                                  [(geo.starts[u], geo.ends[u]) for u in self._marked])
        to16 = self.offsets.to_utf16
        self.painter.paint_landing(painter, self.document(), offset,
                                   [(to16(s), to16(e)) for s, e in self._landing])
        to_cp = self.offsets.to_code_point
        spans = self.offsets.spans_to_utf16(self.spans.painted_near(to_cp(first),
                                                                    to_cp(last) + 1))
        self.painter.paint_spans(painter, self.document(), offset, spans)
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        pos = self.cursorForPosition(event.position().toPoint()).position()
        unit = self.unit_at(pos)
        if unit != self._hover_unit:
            self._hover_unit = unit
            self.unit_hovered.emit(self.index, unit)
        quote = next((i for i, (s, e) in enumerate(self._quotes) if s <= pos < e), -1)
        if quote != self._hover_quote:
            self._hover_quote = quote
            self.quote_hovered.emit(self.index, quote)

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self._hover_unit = self._hover_quote = -1
        self.unit_hovered.emit(self.index, -1)
        self.quote_hovered.emit(self.index, -1)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            unit = self.unit_at(self.cursorForPosition(event.position().toPoint()).position())
            if unit >= 0:
                self.unit_clicked.emit(self.index, unit)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            point = event.pos()  # type: ignore[attr-defined]
            tips = self.tips_at(self.cursorForPosition(point).position())
            if tips:
                QToolTip.showText(event.globalPos(), "\n\n".join(tips), self.viewport())  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def margin_tip(self, y: float) -> str:
        """The margin's hover text at viewport height ``y``: a badge's meaning."""
        unit = self.geometry_cache.unit_at_y(self.viewport_top() + y)
        letter = self.badges.get(unit) if unit >= 0 else None
        return f"{letter}: {BADGE_WORDS[letter]}" if letter in BADGE_WORDS else ""

    def build_context_menu(self, pos: QPoint) -> QMenu:
        """The standard menu plus the view's entries for the text at ``pos``."""
        menu = self.createStandardContextMenu(pos)
        where = self.offsets.to_code_point(self.cursorForPosition(pos).position())
        if self.menu_extender is not None:
            self.menu_extender(self.index, menu, where, self.selection_span())
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.build_context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()
