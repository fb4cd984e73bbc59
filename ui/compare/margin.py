"""The strip left of a pane's text: derivation tags (V/R/N) per unit, and claim chips.

A claim chip is a small tag in its label's colour, holding the label's shortcut,
level with the line where the claim starts: the margin says "a claim starts here"
even when the text's own marks are busy.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

from ui.compare.chips import ClaimChip
from ui.compare.geometry import position_y

if TYPE_CHECKING:
    from ui.compare.text_pane import TextPane

_BADGE_HUES = {"V": "grey", "R": "sky", "N": "green"}
BADGE_WORDS = {"V": "verbatim: reproduced word for word from the base",
               "R": "rewritten: a reworded sentence of the base",
               "N": "new: not in the base"}
BADGE_HUES = _BADGE_HUES
#: Chips drawn side by side on one line before the rest fold into a "+".
_CHIPS_PER_LINE = 2


class PaneMargin(QWidget):
    """Badges and claim chips for one pane."""

    def __init__(self, pane: TextPane) -> None:
        super().__init__(pane)
        self._pane = pane
        font = QFont(pane.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        font.setBold(True)
        self.setFont(font)
        self.chips: list[ClaimChip] = []
        self._chip_starts: list[int] = []

    def set_chips(self, chips: list[ClaimChip]) -> None:
        """The claim chips, any order."""
        self.chips = sorted(chips, key=lambda c: c.position)
        self._chip_starts = [c.position for c in self.chips]
        self.update()

    def _slot(self) -> int:
        return self.fontMetrics().horizontalAdvance("W") + 10

    def preferred_width(self) -> int:
        """A slot for badges (where the pane has them) and slots for claim chips, always:
        tagging the first claim must not narrow the text and re-wrap it under the reader."""
        width = self._slot() if self._pane.badges else 0
        return width + _CHIPS_PER_LINE * (self._slot() - 2) + 2

    def paintEvent(self, event: QPaintEvent) -> None:
        pane = self._pane
        if not pane.badges and not self.chips:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scroll = pane.verticalScrollBar().value()
        if pane.badges:
            self._paint_badges(painter, scroll)
        if self.chips:
            self._paint_chips(painter, scroll)
        painter.end()

    def _paint_badges(self, painter: QPainter, scroll: int) -> None:
        geo = self._pane.geometry_cache
        height = self.fontMetrics().height()
        first = max(0, geo.unit_at_y(scroll) - 1)
        for unit in range(first, len(geo.starts)):
            top = geo.top(unit) - scroll
            if top > self.height():
                break
            letter = self._pane.badges.get(unit)
            if letter:
                self._paint_tag(painter, QRectF(2, top + 1, self._slot() - 4, height),
                                self._pane.role_palette.hue(_BADGE_HUES.get(letter, "grey")),
                                letter)

    def _visible_chips(self, scroll: int) -> list[tuple[float, ClaimChip]]:
        """(viewport top of its line, chip) for the chips of the visible text, in order."""
        pane = self._pane
        first, last = pane.visible_range()
        doc = pane.document()
        found = []
        for chip in self.chips[bisect_left(self._chip_starts, first):]:
            if chip.position > last:
                break
            found.append((position_y(doc, chip.position, bottom=False) - scroll, chip))
        return found

    def _paint_chips(self, painter: QPainter, scroll: int) -> None:
        height = self.fontMetrics().height()
        left = self._slot() if self._pane.badges else 2
        dark = self._pane.role_palette.dark
        visible = self._visible_chips(scroll)
        slot_of_line: dict[float, int] = {}
        for index, (top, chip) in enumerate(visible):
            slot = slot_of_line.get(top, 0)
            slot_of_line[top] = slot + 1
            if slot >= _CHIPS_PER_LINE:
                continue
            more = index + 1 < len(visible) and visible[index + 1][0] == top
            text = "+" if slot == _CHIPS_PER_LINE - 1 and more else chip.text
            rect = QRectF(left + slot * (self._slot() - 2), top + 1, self._slot() - 4, height)
            colour = QColor(chip.colour)
            self._paint_tag(painter, rect, colour.lighter(130) if dark else colour, text)

    def chip_at(self, y: float) -> ClaimChip | None:
        """The first chip on the line at viewport height ``y`` (for tooltips and clicks)."""
        height = self.fontMetrics().height() + 2
        scroll = self._pane.verticalScrollBar().value()
        return next((chip for top, chip in self._visible_chips(scroll)
                     if top <= y < top + height), None)

    def tip_at(self, y: float) -> str:
        """The hover text at viewport height ``y``: a claim chip's, else a badge's meaning."""
        chip = self.chip_at(y)
        if chip is not None:
            return f"A claim starts on this line (label key {chip.text}); hover its words " \
                   "for its drift across versions"
        return self._pane.margin_tip(y)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tip_at(event.pos().y())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def _paint_tag(self, painter: QPainter, rect: QRectF, colour: QColor, text: str) -> None:
        paint_tag(painter, rect, colour, text, dark=self._pane.role_palette.dark,
                  base=self._pane.role_palette.base)


def paint_tag(painter: QPainter, rect: QRectF, colour: QColor, text: str, *, dark: bool,
              base: QColor) -> None:
    """A badge or chip: a rounded tag with a letter (the legend draws the same)."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(rect, 3, 3)
    painter.setPen(base if dark else QColor("white"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
