"""One version's text: read-only, wrapped, highlighted from layer spans.

The text is set once per comparison. Layers arrive as ``(start, end, role)`` spans
in code points and become ``QTextEdit.ExtraSelection``s: they never touch the
document, so there is no undo history to fill and no relayout. Only the spans near
the viewport are handed to Qt (a long story has tens of thousands), refreshed as
the pane scrolls, so a layer toggle costs the same on 500 words as on 50,000.
Entity boxes, typed-change underlines and the hover mark are painted over the text
instead: an outline does not fight the diff tints underneath.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShowEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from core.records import Version
from ui.compare.geometry import UnitGeometry, position_y, span_rects
from ui.compare.layers import Highlight
from ui.compare.offsets import OffsetMap
from ui.compare.palette import RolePalette
from ui.compare.spans import PaneSpans, SpanIndex

#: A context-menu entry offered by the view: (text, "link" | "unlink", other pane, other unit).
MenuEntry = tuple[str, str, int, int]
_PRIORITY = {"row": 0, "word": 1, "quote": 2, "change": 3}
_BADGE_HUES = {"V": "grey", "R": "sky", "N": "green"}
#: Spans are handed to Qt for the visible text plus this many screens above and below.
_WINDOW_SCREENS = 1
_WINDOW_MIN_CHARS = 2_000


def _priority(span: Highlight) -> int:
    return _PRIORITY.get(span[2].split("_", 1)[0].split(":", 1)[0], 4)


class BadgeMargin(QWidget):
    """The strip left of the text: one small derivation tag (V/R/N) per unit."""

    def __init__(self, pane: TextPane) -> None:
        super().__init__(pane)
        self._pane = pane
        font = QFont(pane.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        font.setBold(True)
        self.setFont(font)

    def preferred_width(self) -> int:
        """Wide enough for one letter in a tag, or nothing when there are no tags."""
        return self.fontMetrics().horizontalAdvance("W") + 10 if self._pane.badges else 0

    def paintEvent(self, event: QPaintEvent) -> None:
        pane = self._pane
        if not pane.badges:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scroll = pane.verticalScrollBar().value()
        height = self.fontMetrics().height()
        first = max(0, pane.geometry_cache.unit_at_y(scroll) - 1)
        for unit in range(first, len(pane.geometry_cache.starts)):
            top = pane.geometry_cache.top(unit) - scroll
            if top > self.height():
                break
            letter = pane.badges.get(unit)
            if letter:
                self._paint_badge(painter, QRectF(2, top + 1, self.width() - 4, height), letter)

    def _paint_badge(self, painter: QPainter, rect: QRectF, letter: str) -> None:
        palette = self._pane.role_palette
        colour = palette.hue(_BADGE_HUES.get(letter, "grey"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setPen(palette.base if palette.dark else QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, letter)


class TextPane(QTextEdit):
    """A read-only, wrapped pane for one version, with layer highlighting and a badge margin."""

    unit_hovered = Signal(int, int)
    unit_clicked = Signal(int, int)
    quote_hovered = Signal(int, int)
    link_requested = Signal(int, int, int, int)
    unlink_requested = Signal(int, int, int, int)
    geometry_changed = Signal()
    layout_changed = Signal()
    focused = Signal(int)

    def __init__(self, index: int, role_palette: RolePalette | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
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
        self.link_menu: Callable[[int, int], list[MenuEntry]] | None = None
        self._selection_cache: dict[Highlight, QTextEdit.ExtraSelection] = {}
        #: Per layer, in code points: spans that become ExtraSelections, spans painted over.
        self._selected: dict[str, SpanIndex] = {}
        self._painted: dict[str, SpanIndex] = {}
        self._tips: dict[str, SpanIndex] = {}
        self._shown: tuple[str, ...] = ()
        #: The code point range whose spans Qt holds now (None: none handed over).
        self._window: tuple[int, int] | None = None
        self._layer: list[QTextEdit.ExtraSelection] = []
        self._overlay: list[QTextEdit.ExtraSelection] = []
        self._overlay_spans: list[Highlight] = []
        self._quotes: list[tuple[int, int]] = []
        self._marked: tuple[int, ...] = ()
        self._hover_unit = -1
        self._hover_quote = -1
        self._margin = BadgeMargin(self)
        self.document().documentLayout().documentSizeChanged.connect(self._document_resized)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    # --  Content

    def set_version(self, version: Version) -> None:
        """Show ``version``'s text (once per comparison) and forget every layer."""
        self.offsets = OffsetMap(version.text)
        self._selection_cache.clear()
        self._selected, self._painted, self._tips, self._window = {}, {}, {}, None
        self._layer, self._overlay, self._overlay_spans = [], [], []
        self._marked, self._hover_unit, self._hover_quote = (), -1, -1
        self.setExtraSelections([])
        self.setPlainText(version.text)
        to16 = self.offsets.to_utf16
        self.geometry_cache.set_units([to16(u.start) for u in version.units],
                                      [to16(u.end) for u in version.units])
        self._quotes = [(to16(q.start), to16(q.end)) for q in version.quotes]

    def set_badges(self, badges: dict[int, str]) -> None:
        """Derivation tags per unit for the margin."""
        self.badges = badges
        self._update_margin()

    def set_layers(self, spans: PaneSpans) -> None:
        """Every layer's spans and hover texts, indexed (``spans.index_pane``).

        Entities (boxes) and typed changes (thick underlines) are painted over the
        text, so they stay visible over any tint; the rest become ExtraSelections.
        """
        self._selected, self._painted, self._tips = spans.tinted, spans.painted, spans.tips
        self._window = None
        self._apply()

    def show_layers(self, names: Sequence[str]) -> None:
        """Show these layers (in this paint order) and hide the rest."""
        if tuple(names) != self._shown:
            self._shown = tuple(names)
            self._window = None
            self._apply()

    def shown_layers(self) -> tuple[str, ...]:
        """The names of the layers shown."""
        return self._shown

    def set_overlay(self, highlights: Sequence[Highlight]) -> None:
        """Transient spans drawn over the layers (an altered quote's diff while hovered)."""
        self._overlay_spans = list(highlights)
        spans = self.offsets.spans_to_utf16(self._overlay_spans)
        self._overlay = [self._selection(span) for span in spans]
        self.setExtraSelections(self._layer + self._overlay)

    def set_marked_units(self, units: Iterable[int]) -> None:
        """Mark these units (the counterparts of the hovered or clicked sentence)."""
        marked = tuple(units)
        if marked != self._marked:
            self._marked = marked
            self.viewport().update()

    def forget_styles(self) -> None:
        """Drop cached formats and rebuild the shown ones (the palette changed)."""
        self._selection_cache.clear()
        if self._selected:
            self._apply()

    def _selection(self, span: Highlight) -> QTextEdit.ExtraSelection:
        sel = self._selection_cache.get(span)
        if sel is None:
            cursor = QTextCursor(self.document())
            cursor.setPosition(span[0])
            cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
            sel = QTextEdit.ExtraSelection()
            sel.cursor = cursor
            sel.format = self.role_palette.char_format(span[2])
            self._selection_cache[span] = sel
        return sel

    def _visible_range(self) -> tuple[int, int]:
        """UTF-16 range of the units in the viewport (not ``cursorForPosition``: above the
        first line, on a document Qt is still laying out, it can answer far down the text)."""
        geo = self.geometry_cache
        if not geo.starts or not self.isVisible():
            return 0, 0
        first, last = self.visible_units()
        first = max(0, first)
        return geo.starts[first], geo.ends[max(first, last)]

    def visible_units(self) -> tuple[int, int]:
        """The first and last unit in the viewport (-1 above the first), measuring down to it."""
        top = self.viewport_top()
        geo = self.geometry_cache
        return geo.unit_at_y(top), geo.unit_at_y(top + self.viewport().height())

    def _apply(self) -> None:
        """Hand Qt the selection spans around the viewport (the window)."""
        first, last = self._visible_range()
        margin = max(_WINDOW_MIN_CHARS, (last - first) * _WINDOW_SCREENS)
        to_cp = self.offsets.to_code_point
        lo, hi = to_cp(max(0, first - margin)), to_cp(last + margin)
        spans = sorted((span for name in self._shown if name in self._selected
                        for span in self._selected[name].overlapping(lo, hi)), key=_priority)
        self._window = (lo, hi)
        self._layer = [self._selection(span) for span in self.offsets.spans_to_utf16(spans)]
        self.setExtraSelections(self._layer + self._overlay)
        self.viewport().update()

    def _follow_viewport(self) -> None:
        """Move the window of spans along when the viewport leaves it."""
        if not self._selected:
            return
        first, last = self._visible_range()
        to_cp = self.offsets.to_code_point
        if self._window is None or to_cp(first) < self._window[0] or to_cp(last) > self._window[1]:
            self._apply()

    # --  Reading back (tests, the details dock)

    def highlight_ranges(self) -> list[Highlight]:
        """Every span of the shown layers, in code points: tints, overlay, painted spans.

        All of them, wherever the viewport is; Qt holds only those near it.
        """
        tints = sorted((span for name in self._shown if name in self._selected
                        for span in self._selected[name].spans), key=_priority)
        return tints + self._overlay_spans + [span for name in self._shown if name in self._painted
                        for span in self._painted[name].spans]

    def marked_units(self) -> tuple[int, ...]:
        """The units marked as counterparts of the hovered or clicked sentence."""
        return self._marked

    def tips_at(self, pos: int) -> list[str]:
        """Hover texts of the shown layers at UTF-16 position ``pos``."""
        cp = self.offsets.to_code_point(pos)
        return [text for name in self._shown if name in self._tips
                for _s, _e, text in self._tips[name].at(cp)]

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
        top = position_y(self.document(), cursor.selectionStart(), bottom=False)
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
            self._window = None
            self._follow_viewport()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit(self.index)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        offset = QPoint(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        first, last = self._visible_range()
        self._paint_marked(painter, offset)
        self._paint_boxes(painter, offset, first, last)
        painter.end()

    def _paint_marked(self, painter: QPainter, offset: QPoint) -> None:
        colour = QColor(self.role_palette.highlight)
        colour.setAlpha(60)
        painter.setPen(QPen(self.role_palette.highlight, 1.5))
        painter.setBrush(colour)
        geo = self.geometry_cache
        for unit in self._marked:
            for rect in span_rects(self.document(), geo.starts[unit], geo.ends[unit]):
                painter.drawRect(rect.translated(offset))

    def _paint_boxes(self, painter: QPainter, offset: QPoint, first: int, last: int) -> None:
        to_cp, to16 = self.offsets.to_code_point, self.offsets.to_utf16
        lo, hi = to_cp(first), to_cp(last) + 1
        spans = sorted(span for name in self._shown if name in self._painted
                       for span in self._painted[name].overlapping(lo, hi))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        changes: list[Highlight] = []
        for start, end, role in spans:
            start, end = to16(start), to16(end)
            if role.startswith("change:"):
                changes.append((start, end, role))
                continue
            unique = role == "entity_unique"
            colour = (self.role_palette.text if unique
                      else self.role_palette.entity_colour(role.partition(":")[2]))
            pen = QPen(colour, 1.6 if unique else 1.2)
            if unique:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            grow = 1.0 if unique else 0.5
            for rect in span_rects(self.document(), start, end):
                painter.drawRoundedRect(rect.translated(offset).adjusted(
                    -grow, -grow + 1, grow, grow - 1), 3, 3)
        for start, end, role in changes:  # last, so no box hides them
            self._paint_change(painter, offset, start, end, role)

    def _paint_change(self, painter: QPainter, offset: QPoint, start: int, end: int,
                      role: str) -> None:
        colour = self.role_palette.style(role).underline_color or self.role_palette.text
        painter.setPen(QPen(colour, 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        for rect in span_rects(self.document(), start, end):
            rect = rect.translated(offset)
            y = rect.bottom() - 1.5
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))

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
            pos = self.cursorForPosition(event.pos()).position()  # type: ignore[attr-defined]
            tips = self.tips_at(pos)
            if tips:
                QToolTip.showText(event.globalPos(), "\n".join(tips), self.viewport())  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def build_context_menu(self, pos: QPoint) -> QMenu:
        """The standard menu plus the view's link/unlink entries for the unit at ``pos``."""
        menu = self.createStandardContextMenu(pos)
        unit = self.unit_at(self.cursorForPosition(pos).position())
        entries = self.link_menu(self.index, unit) if self.link_menu and unit >= 0 else []
        if entries:
            menu.addSeparator()
        for text, kind, other_pane, other_unit in entries:
            signal = self.link_requested if kind == "link" else self.unlink_requested
            action = menu.addAction(text)
            action.triggered.connect(
                lambda _=False, s=signal, p=other_pane, u=other_unit, me=unit:
                s.emit(self.index, me, p, u))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.build_context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()
