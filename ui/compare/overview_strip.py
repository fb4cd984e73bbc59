"""A narrow map of where the changes are, one column per pane, with the visible part framed.

Like Meld's chunkmap: the whole document is scaled to the strip's height, so the
analyst sees at once whether a rewrite touched the lead, the middle or the tail,
and a click scrolls that pane (and, through scroll sync, the others) there.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from ui.compare.palette import RolePalette
from ui.compare.text_pane import TextPane
from ui.slices import Slices

#: Measuring whole documents for the map goes in slices this long, one per event-loop turn
#: (with that turn's paint, well under the 50 ms a reader would notice).
MEASURE_SLICE_S = 0.012
MEASURE_STEP_UNITS = 25
#: (unit index, role) marks of one pane.
Marks = list[tuple[int, str]]


class OverviewStrip(QWidget):
    """The change map beside the panes; ``jumped(pane, y)`` after a click scrolled a pane."""

    jumped = Signal(int, float)

    def __init__(self, role_palette: RolePalette, parent: QWidget | None = None,
                 slices: Slices | None = None) -> None:
        super().__init__(parent)
        #: Runs the measuring a slice per turn (the view's, shared with its hand-over).
        self.slices = slices or Slices(parent=self)
        self.role_palette = role_palette
        self.panes: list[TextPane] = []
        self.marks: list[Marks] = []
        self._marks_version = 0
        self._cache = QPixmap()
        self._cache_key: tuple[object, ...] | None = None
        self._measure_pending = False
        self.setMinimumWidth(14)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Where the changes are; click to jump there")

    def sizeHint(self) -> QSize:
        return QSize(10 * max(1, len(self.panes)) + 6, 100)

    def set_panes(self, panes: Sequence[TextPane], marks: Sequence[Marks]) -> None:
        """The panes to map and the marks of each."""
        for pane in self.panes:
            pane.geometry_changed.disconnect(self.update)
        self.panes = list(panes)
        self.marks = [list(m) for m in marks]
        self._marks_version += 1
        for pane in self.panes:
            pane.geometry_changed.connect(self.update)
        self.updateGeometry()
        self.update()

    def _column(self, index: int) -> QRectF:
        width = (self.width() - 4) / max(1, len(self.panes))
        return QRectF(2 + index * width, 2, width - 1, self.height() - 4)

    def paintEvent(self, event: QPaintEvent) -> None:
        # The map needs every pane measured, which lays whole documents out: that is
        # done pane by pane after this paint, so a long story's first screen comes first.
        unmeasured = [pane for pane in self.panes if not pane.geometry_cache.complete]
        if unmeasured:
            painter = QPainter(self)
            painter.fillRect(self.rect(), self.role_palette.tint("frame", 0.12))
            painter.end()
            if not self._measure_pending:
                self._measure_pending = True
                self.slices.add("overview", self._measure_next)
            return
        # The marks only change with the layout: draw them once into a pixmap and
        # paint just the viewport frames on top while the panes scroll.
        key = (self.width(), self.height(), self.devicePixelRatioF(), self._marks_version,
               tuple(p.geometry_cache.generation for p in self.panes),
               tuple(p.viewport().height() for p in self.panes))
        if key != self._cache_key:
            self._cache = self._render_marks()
            self._cache_key = key
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._cache)
        for index, pane in enumerate(self.panes):
            self._paint_frame(painter, index, pane)
        painter.end()

    def _measure_next(self) -> bool:
        """Measure the panes a slice at a time (a few ms per event-loop turn), then repaint;
        True while there is more to measure."""
        deadline = time.perf_counter() + MEASURE_SLICE_S
        for pane in self.panes:
            while not pane.geometry_cache.measure_more(MEASURE_STEP_UNITS):
                if time.perf_counter() > deadline:
                    return True
        self._measure_pending = False
        self.update()
        return False

    def _scale(self, index: int, pane: TextPane) -> float:
        height = max(1.0, pane.geometry_cache.height, pane.viewport().height())
        return self._column(index).height() / height

    def _render_marks(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(self.role_palette.tint("frame", 0.12))
        painter = QPainter(pixmap)
        colours: dict[str, QColor] = {}
        for index, pane in enumerate(self.panes):
            column, scale = self._column(index), self._scale(index, pane)
            geo = pane.geometry_cache
            bands: list[tuple[float, float, str]] = []
            for unit, role in self.marks[index] if index < len(self.marks) else ():
                top = column.top() + geo.top(unit) * scale
                bottom = top + max(2.0, (geo.bottom(unit) - geo.top(unit)) * scale)
                if bands and bands[-1][2] == role and top <= bands[-1][1] + 0.5:
                    bands[-1] = (bands[-1][0], max(bottom, bands[-1][1]), role)
                else:  # neighbours of one role merge: a long story has thousands of marks
                    bands.append((top, bottom, role))
            for top, bottom, role in bands:
                if role not in colours:
                    colours[role] = self.role_palette.role_colour(role)
                painter.fillRect(QRectF(column.left(), top, column.width(), bottom - top),
                                 colours[role])
        painter.end()
        return pixmap

    def _paint_frame(self, painter: QPainter, index: int, pane: TextPane) -> None:
        column, scale = self._column(index), self._scale(index, pane)
        frame = QRectF(column.left(), column.top() + pane.viewport_top() * scale,
                       column.width(), max(4.0, pane.viewport().height() * scale))
        shade = QColor(self.role_palette.text)
        shade.setAlpha(40)
        painter.setPen(QPen(self.role_palette.tint("frame", 0.6), 1.0))
        painter.setBrush(shade)
        painter.drawRect(frame)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.panes or event.button() != Qt.MouseButton.LeftButton:
            return
        x, y = event.position().x(), event.position().y()
        step = max(1.0, self._column(0).width() + 1)
        index = min(len(self.panes) - 1, max(0, int((x - 2) / step)))
        column = self._column(index)
        pane = self.panes[index]
        height = max(1.0, pane.geometry_cache.height, pane.viewport().height())
        doc_y = (y - column.top()) / max(1.0, column.height()) * height
        pane.scroll_to_y(doc_y - pane.viewport().height() / 2)
        self.jumped.emit(index, doc_y)
