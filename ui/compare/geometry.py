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
    return _line_y(block, doc.documentLayout().blockBoundingRect(block), pos, bottom)


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
    """Tops and bottoms of every unit, measured lazily in reading order and cached.

    Qt lays a long document out lazily, and asking where a unit sits lays out
    everything before it. So only as much is measured as a question needs: the
    first screen paints after laying out the first screen, not 50,000 words.
    Everything is forgotten whenever the layout changes (``invalidate``).
    """

    def __init__(self, doc: QTextDocument) -> None:
        self._doc = doc
        self.starts: list[int] = []
        self.ends: list[int] = []
        self._tops: list[float] = []
        self._bottoms: list[float] = []
        self._block = QTextBlock()
        self._height = 0.0
        self._complete = False
        #: Grows at every invalidation, so callers can cache what they derive from it.
        self.generation = 0

    def set_units(self, starts: list[int], ends: list[int]) -> None:
        """UTF-16 start and end of each unit, in text order."""
        self.starts, self.ends = starts, ends
        self.invalidate()

    def invalidate(self) -> None:
        """Forget the measured positions (after a resize, a zoom, a new text)."""
        self._tops, self._bottoms = [], []
        self._block = self._doc.firstBlock()
        self._complete = False
        self.generation += 1

    @property
    def complete(self) -> bool:
        """Whether every unit and the document height are measured."""
        return self._complete

    @property
    def measured(self) -> int:
        """How many units (from the first) are measured."""
        return len(self._tops)

    @property
    def height(self) -> float:
        """The document's height (measures everything)."""
        self.measure()
        return self._height

    def measure(self, until: int | None = None) -> None:
        """Measure units up to index ``until`` (default: all, and the document height)."""
        last = len(self.starts) - 1 if until is None else min(until, len(self.starts) - 1)
        if len(self._tops) <= last:
            self._extend(last)
        if until is None and not self._complete:
            self._height = self._doc.documentLayout().documentSize().height()
            self._complete = True

    def measure_more(self, count: int) -> bool:
        """Measure up to ``count`` more units; True once everything is measured."""
        if len(self._tops) + count >= len(self.starts):
            self.measure()
            return True
        self._extend(len(self._tops) + count - 1)
        return False

    def measure_to_y(self, y: float) -> None:
        """Measure until a unit starts below document y ``y`` (or all are measured)."""
        step = 16
        while len(self._tops) < len(self.starts) and (not self._tops or self._tops[-1] <= y):
            self._extend(min(len(self.starts) - 1, len(self._tops) + step - 1))
            step *= 2

    def _extend(self, last: int) -> None:
        layout = self._doc.documentLayout()
        block = self._block
        if not block.isValid():
            block = self._doc.firstBlock()
        rect = layout.blockBoundingRect(block)
        tops, bottoms = self._tops, self._bottoms
        for unit in range(len(tops), last + 1):
            for pos, out, bottom in ((self.starts[unit], tops, False),
                                     (max(self.starts[unit], self.ends[unit] - 1), bottoms, True)):
                while block.position() + block.length() <= pos and block.next().isValid():
                    block = block.next()
                    rect = layout.blockBoundingRect(block)
                out.append(_line_y(block, rect, pos, bottom))
        self._block = block

    def top(self, unit: int) -> float:
        """Top of ``unit``, in document coordinates."""
        if unit >= len(self._tops):
            self.measure(unit)
        return self._tops[unit]

    def bottom(self, unit: int) -> float:
        """Bottom of ``unit``, in document coordinates."""
        if unit >= len(self._bottoms):
            self.measure(unit)
        return self._bottoms[unit]

    def unit_at_y(self, y: float) -> int:
        """The last unit starting at or above ``y`` (-1 above the first)."""
        self.measure_to_y(y)
        return bisect_right(self._tops, y) - 1

    def unit_at(self, pos: int) -> int:
        """The unit holding UTF-16 position ``pos``, or -1 between units."""
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and pos <= self.ends[i]:
            return i
        return -1


def _line_y(block: QTextBlock, rect: QRectF, pos: int, bottom: bool) -> float:
    line = block.layout().lineForTextPosition(pos - block.position())
    if not line.isValid():
        return rect.bottom() if bottom else rect.top()
    return rect.top() + line.y() + (line.height() if bottom else 0.0)
