"""What a pane paints over its text: counterpart marks, entity boxes, typed-change
underlines, claims and proposed counterparts.

Claims are drawn so they cannot be taken for the diff: the diff tints backgrounds
and typed changes draw one thick wavy-free line at the baseline, while a claim gets
square brackets at its ends and a heavy underline *below* the line in its label's
colour. Nested and overlapping claims stack their underlines one step lower each,
so every claim stays visible when all the layers are on. A selected claim is also
washed with its colour. Proposals are dashed outlines.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QTextDocument

from ui.compare.geometry import span_rects
from ui.compare.layer_registry import Paint, claim_id_of, entity_label, paint_mode
from ui.compare.layers import Highlight
from ui.compare.palette import RolePalette

#: Vertical step between stacked claim underlines, and their thickness (pixels).
CLAIM_STEP = 3.5
CLAIM_LINE = 2.6
#: How many nested claims get their own underline depth (deeper ones share the last).
CLAIM_DEPTHS = 3


def claim_depths(spans: Sequence[Highlight]) -> list[int]:
    """A stacking depth per claim span (input sorted by start): overlapping claims differ.

    Greedy interval colouring: each span takes the smallest depth whose previous span
    has ended, so nested and overlapping claims never share an underline.
    """
    ends: list[int] = []
    depths: list[int] = []
    for start, end, _role in spans:
        for depth, last_end in enumerate(ends):
            if last_end <= start:
                ends[depth] = end
                depths.append(depth)
                break
        else:
            ends.append(end)
            depths.append(len(ends) - 1)
    return depths


class PanePainter:
    """Paints one pane's over-text layers; knows the palette, asks the pane for geometry."""

    def __init__(self, role_palette: RolePalette) -> None:
        self.palette = role_palette
        #: The claim shown as selected (washed in its colour), if any.
        self.selected_claim: int | None = None

    def paint_marked(self, painter: QPainter, doc: QTextDocument, offset: QPointF,
                     ranges: Sequence[tuple[int, int]]) -> None:
        """Counterparts of the hovered or clicked sentence: a translucent highlight."""
        colour = QColor(self.palette.highlight)
        colour.setAlpha(60)
        painter.setPen(QPen(self.palette.highlight, 1.5))
        painter.setBrush(colour)
        for start, end in ranges:
            for rect in span_rects(doc, start, end):
                painter.drawRect(rect.translated(offset))

    def paint_landing(self, painter: QPainter, doc: QTextDocument, offset: QPointF,
                      ranges: Sequence[tuple[int, int]]) -> None:
        """Where next / previous landed: an outline around each line, no fill, so the
        word marks the analyst came to see stay in view (a selection would hide them)."""
        if not ranges:
            return
        painter.setPen(QPen(self.palette.highlight, 2.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for start, end in ranges:
            outline = QPainterPath()
            outline.setFillRule(Qt.FillRule.WindingFill)
            for rect in span_rects(doc, start, end):  # lines overlap: one outline for all
                outline.addRect(rect.translated(offset).adjusted(-3, -2, 3, 3))
            painter.drawPath(outline.simplified())

    def paint_spans(self, painter: QPainter, doc: QTextDocument, offset: QPointF,
                    spans: Sequence[Highlight]) -> None:
        """Painted spans in UTF-16 positions: boxes first, then underlines, claims, proposals."""
        by_mode: dict[Paint, list[Highlight]] = {}
        for span in spans:
            by_mode.setdefault(paint_mode(span[2]), []).append(span)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for start, end, role in by_mode.get(Paint.BOX, ()):
            self._paint_box(painter, doc, offset, start, end, role)
        for start, end, role in by_mode.get(Paint.UNDERLINE, ()):
            self._paint_change(painter, doc, offset, start, end, role)
        claims = by_mode.get(Paint.CLAIM, [])
        for (start, end, role), depth in zip(claims, claim_depths(claims), strict=True):
            self._paint_claim(painter, doc, offset, start, end, role, min(depth, CLAIM_DEPTHS - 1))
        for start, end, role in by_mode.get(Paint.PROPOSAL, ()):
            self._paint_proposal(painter, doc, offset, start, end, role)
        for start, _end, role in by_mode.get(Paint.CONTROL, ()):
            self._paint_control(painter, doc, offset, start, role)

    def _paint_box(self, painter: QPainter, doc: QTextDocument, offset: QPointF,
                   start: int, end: int, role: str) -> None:
        unique = role == "entity_unique"
        corrected = role.startswith("corrected")
        label = entity_label(role)
        colour = (self.palette.text if unique or label is None
                  else self.palette.entity_colour(label))
        pen = QPen(colour, 1.6 if unique else 2.0 if corrected else 1.2)
        if unique:
            pen.setStyle(Qt.PenStyle.DashLine)
        elif corrected and label is None:  # "not an entity": a dotted square
            pen.setStyle(Qt.PenStyle.DotLine)
        painter.setPen(pen)
        grow = 1.0 if unique else 1.5 if corrected else 0.5
        for rect in span_rects(doc, start, end):
            box = rect.translated(offset).adjusted(-grow, -grow + 1, grow, grow - 1)
            if corrected:  # a square corner box says "an analyst decided this"
                painter.drawRect(box)
            else:
                painter.drawRoundedRect(box, 3, 3)

    def _paint_change(self, painter: QPainter, doc: QTextDocument, offset: QPointF,
                      start: int, end: int, role: str) -> None:
        colour = self.palette.style(role).underline_color or self.palette.text
        painter.setPen(QPen(colour, 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        for rect in span_rects(doc, start, end):
            rect = rect.translated(offset)
            y = rect.bottom() - 1.5
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))

    def _paint_claim(self, painter: QPainter, doc: QTextDocument, offset: QPointF,
                     start: int, end: int, role: str, depth: int) -> None:
        colour = self.palette.claim_colour(role)
        rects = [r.translated(offset) for r in span_rects(doc, start, end)]
        if not rects:
            return
        if claim_id_of(role) == self.selected_claim:
            wash = QColor(colour)
            wash.setAlpha(55)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(wash)
            for rect in rects:
                painter.drawRect(rect)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        pen = QPen(colour, CLAIM_LINE, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        drop = 1.0 + depth * CLAIM_STEP
        for rect in rects:
            y = rect.bottom() + drop
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        bracket = QPen(colour, 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
        painter.setPen(bracket)
        self._bracket(painter, rects[0], left=True, drop=drop)
        self._bracket(painter, rects[-1], left=False, drop=drop)

    @staticmethod
    def _bracket(painter: QPainter, rect: QRectF, *, left: bool, drop: float) -> None:
        x = rect.left() - 1.0 if left else rect.right() + 1.0
        tick = 3.0 if left else -3.0
        top, bottom = rect.top() + 1.0, rect.bottom() + drop
        painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        painter.drawLine(QPointF(x, top), QPointF(x + tick, top))

    def _paint_proposal(self, painter: QPainter, doc: QTextDocument, offset: QPointF,
                        start: int, end: int, role: str) -> None:
        """A dashed box in the colour of the claim it would join (``proposal:N``)."""
        claim = role.partition(":")[2]
        colour = self.palette.claim_colour(f"claim:{claim}") if claim else self.palette.highlight
        pen = QPen(colour, 2.0, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        for rect in span_rects(doc, start, end):
            painter.drawRoundedRect(rect.translated(offset).adjusted(-2, -1, 2, 1), 3, 3)

    def _paint_control(self, painter: QPainter, doc: QTextDocument, offset: QPointF,
                       start: int, role: str) -> None:
        """A caret-like mark with the control's short name where an invisible character is."""
        block = doc.findBlock(start)
        if not block.isValid():
            return
        layout = block.layout()
        line = layout.lineForTextPosition(start - block.position())
        if not line.isValid():
            return
        brect = doc.documentLayout().blockBoundingRect(block)
        x = brect.left() + line.cursorToX(start - block.position())[0] + offset.x()
        top = brect.top() + line.y() + offset.y()
        colour = self.palette.hue("vermillion" if role.startswith("control_open") else "grey")
        painter.setPen(QPen(colour, 1.5))
        painter.drawLine(QPointF(x, top + 1), QPointF(x, top + line.height() - 1))
        font = painter.font()
        font.setPointSizeF(max(5.0, font.pointSizeF() * 0.55))
        painter.save()
        painter.setFont(font)
        painter.drawText(QPointF(x + 1.5, top + painter.fontMetrics().ascent()),
                         role.partition(":")[2])
        painter.restore()
