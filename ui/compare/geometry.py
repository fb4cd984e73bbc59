"""Where text positions sit in a laid-out QTextDocument (document coordinates).

Kept apart from the pane so the gutter, the overview strip and scroll sync share
one answer to "how high is unit 12?" without re-asking Qt for every paint.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QRectF
from PySide6.QtGui import QTextBlock, QTextDocument


def position_y(doc: QTextDocument, pos: int, *, bottom: bool) -> float:
    """Top (or bottom) of the visual line holding UTF-16 position ``pos``."""
    block = doc.findBlock(pos)
    if not block.isValid():
        block = doc.lastBlock()
    rect = doc.documentLayout().blockBoundingRect(block)
    line = block.layout().lineForTextPosition(pos - block.position())
    if not line.isValid():
        return rect.bottom() if bottom else rect.top()
    return rect.top() + line.y() + (line.height() if bottom else 0.0)


def positions_y(doc: QTextDocument, positions: list[int], *, bottom: bool) -> list[float]:
    """``position_y`` of many positions, walking the blocks once when they are in order."""
    layout = doc.documentLayout()
    result: list[float] = []
    block = doc.firstBlock()
    rect = layout.blockBoundingRect(block)
    for pos in positions:
        if pos < block.position():
            result.append(position_y(doc, pos, bottom=bottom))
            continue
        while block.next().isValid() and block.position() + block.length() <= pos:
            block = block.next()
            rect = layout.blockBoundingRect(block)
        line = block.layout().lineForTextPosition(pos - block.position())
        if not line.isValid():
            result.append(rect.bottom() if bottom else rect.top())
        else:
            result.append(rect.top() + line.y() + (line.height() if bottom else 0.0))
    return result


def span_rects(doc: QTextDocument, start: int, end: int) -> list[QRectF]:
    """One rectangle per visual line of ``[start, end)``, in document coordinates."""
    rects: list[QRectF] = []
    block = doc.findBlock(start)
    layout = doc.documentLayout()
    while block.isValid() and block.position() < end:
        rects.extend(_block_rects(block, layout.blockBoundingRect(block), start, end))
        block = block.next()
    return rects


def _block_rects(block: QTextBlock, brect: QRectF, start: int, end: int) -> list[QRectF]:
    text_layout = block.layout()
    bpos = block.position()
    rects: list[QRectF] = []
    for i in range(text_layout.lineCount()):
        line = text_layout.lineAt(i)
        ls = bpos + line.textStart()
        le = ls + line.textLength()
        if le <= start or ls >= end:
            continue
        x1 = line.cursorToX(max(start, ls) - bpos)[0]
        x2 = line.cursorToX(min(end, le) - bpos)[0]
        rects.append(QRectF(brect.left() + x1, brect.top() + line.y(), x2 - x1, line.height()))
    return rects


class UnitGeometry:
    """Cached tops and bottoms of every unit; thrown away whenever the layout changes."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self._tops: list[float] | None = None
        self._bottoms: list[float] = []
        self.height = 0.0
        #: Grows at every measurement, so callers can cache what they derive from it.
        self.generation = 0

    def set_units(self, starts: list[int], ends: list[int]) -> None:
        """UTF-16 start and end of each unit, in text order."""
        self.starts, self.ends = starts, ends
        self.invalidate()

    def invalidate(self) -> None:
        """Forget the measured positions (after a resize, a zoom, a new text)."""
        self._tops = None

    def measure(self, doc: QTextDocument) -> None:
        """Measure every unit (lays the whole document out once)."""
        if self._tops is not None:
            return
        self._tops = positions_y(doc, self.starts, bottom=False)
        self._bottoms = positions_y(
            doc, [max(s, e - 1) for s, e in zip(self.starts, self.ends, strict=True)], bottom=True)
        self.height = doc.documentLayout().documentSize().height()
        self.generation += 1

    def top(self, unit: int) -> float:
        """Top of ``unit`` (measure first)."""
        assert self._tops is not None
        return self._tops[unit]

    def bottom(self, unit: int) -> float:
        """Bottom of ``unit`` (measure first)."""
        return self._bottoms[unit]

    def unit_at_y(self, y: float) -> int:
        """The last unit starting at or above ``y`` (-1 above the first)."""
        assert self._tops is not None
        return bisect_right(self._tops, y) - 1

    def unit_at(self, pos: int) -> int:
        """The unit holding UTF-16 position ``pos``, or -1 between units."""
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and pos <= self.ends[i]:
            return i
        return -1
