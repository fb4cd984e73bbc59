"""The strip left of a pane's text: derivation tags (V/R/N) per unit, and claim chips.

A claim chip is a small tag in its label's colour, holding the label's shortcut,
level with the line where the claim starts: the margin says "a claim starts here"
even when the text's own marks are busy.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from ui.compare.geometry import position_y

if TYPE_CHECKING:
    from ui.compare.text_pane import TextPane

_BADGE_HUES = {"V": "grey", "R": "sky", "N": "green"}
BADGE_WORDS = {"V": "verbatim: reproduced word for word from the base",
               "R": "rewritten: a reworded sentence of the base",
               "N": "new: not in the base"}
#: Chips drawn side by side on one line before the rest fold into a "+".
_CHIPS_PER_LINE = 2


@dataclass(frozen=True, slots=True)
class ClaimChip:
    """A chip at UTF-16 position ``position`` (the claim's start)."""

    position: int
    colour: str
    text: str
    claim_id: int


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
        """A slot for badges and, when there are claims, slots for their chips."""
        width = self._slot() if self._pane.badges else 0
        if self.chips:
            width += _CHIPS_PER_LINE * (self._slot() - 2) + 2
        return width

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

    def _paint_chips(self, painter: QPainter, scroll: int) -> None:
        pane = self._pane
        first, last = pane.visible_range()
        doc = pane.document()
        height = self.fontMetrics().height()
        left = self._slot() if pane.badges else 2
        per_line: dict[float, int] = {}
        for chip in self.chips[bisect_left(self._chip_starts, first):]:
            if chip.position > last:
                break
            top = position_y(doc, chip.position, bottom=False) - scroll
            slot = per_line.get(top, 0)
            per_line[top] = slot + 1
            if slot > _CHIPS_PER_LINE - 1:
                continue
            text = "+" if slot == _CHIPS_PER_LINE - 1 and self._more_on_line(chip, top, scroll) \
                else chip.text
            rect = QRectF(left + slot * (self._slot() - 2), top + 1, self._slot() - 4, height)
            colour = QColor(chip.colour)
            self._paint_tag(painter, rect, colour.lighter(130) if pane.role_palette.dark
                            else colour, text)

    def _more_on_line(self, chip: ClaimChip, top: float, scroll: int) -> bool:
        index = self.chips.index(chip)
        following = self.chips[index + 1:index + 2]
        return bool(following) and position_y(
            self._pane.document(), following[0].position, bottom=False) - scroll == top

    def chip_at(self, y: float) -> ClaimChip | None:
        """The first chip on the line at viewport height ``y`` (for tooltips and clicks)."""
        pane = self._pane
        scroll = pane.verticalScrollBar().value()
        first, last = pane.visible_range()
        for chip in self.chips[bisect_left(self._chip_starts, first):]:
            if chip.position > last:
                break
            top = position_y(pane.document(), chip.position, bottom=False) - scroll
            if top <= y < top + self.fontMetrics().height() + 2:
                return chip
        return None

    def _paint_tag(self, painter: QPainter, rect: QRectF, colour: QColor, text: str) -> None:
        palette = self._pane.role_palette
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setPen(palette.base if palette.dark else QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
