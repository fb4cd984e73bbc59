"""Connectors between two panes, drawn like Meld's linkmap.

Each link is a filled band from the left units' block to the right units' block,
curved so the eye can follow it when the two sides do not sit level. Added and
removed units narrow to a point where the missing side would stand. Moved rows
cross the others, so they get a dashed outline and no fill: a reader can tell them
apart without relying on their colour. Links the analyst made (pins) get a heavy
outline in the selection colour and a dot at each end, so the analyst's decisions
stand apart from the engine's. Hovering a ribbon says what it joins.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from ui.compare.layers import Link
from ui.compare.palette import RolePalette
from ui.compare.text_pane import TextPane

#: (left top, left bottom, right top, right bottom) of a link.
Extent = tuple[float, float, float, float]
_FILL = {"identical": 0.16, "changed": 0.45, "added": 0.45, "removed": 0.45, "moved": 0.0}
#: What a ribbon of each status means, for its tooltip and the legend.
LINK_WORDS = {
    "identical": "the same sentence in both",
    "changed": "the same sentence, reworded",
    "added": "only on the right: added",
    "removed": "only on the left: removed",
    "moved": "the same sentence, moved (dashed: it crosses the others)",
}
PINNED_WORDS = "linked by you (a heavy outline with dots): kept through every re-analysis"


class LinkGutter(QWidget):
    """The strip between ``left`` and ``right`` that joins their aligned units."""

    def __init__(self, left: TextPane, right: TextPane, role_palette: RolePalette,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.left, self.right = left, right
        self.role_palette = role_palette
        self.links: list[Link] = []
        #: Per link, the lowest and highest unit index of each side (an anchor spans two).
        self._unit_ranges: list[tuple[int, int, int, int]] = []
        self._extents: dict[int, Extent] = {}
        self._extents_key: tuple[int, int] | None = None
        self.setMinimumWidth(36)
        #: Names of the two sides, for tooltips.
        self.names = ("left", "right")
        for pane in (left, right):
            pane.geometry_changed.connect(self.update)

    def set_panes(self, left: TextPane, right: TextPane) -> None:
        """Join another pair of panes (fewer panes fit, or the analyst swapped one in)."""
        if (left, right) == (self.left, self.right):
            return
        for pane in (self.left, self.right):
            pane.geometry_changed.disconnect(self.update)
        self.left, self.right = left, right
        for pane in (left, right):
            pane.geometry_changed.connect(self.update)
        self._extents_key = None
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(56, 100)

    def set_links(self, links: Sequence[Link]) -> None:
        """Replace the connectors."""
        self.links = list(links)
        self._unit_ranges = [(*_unit_range(link.left, link.left_anchor),
                              *_unit_range(link.right, link.right_anchor)) for link in self.links]
        self._extents_key = None
        self.update()

    def _offset(self, pane: TextPane) -> float:
        """Gutter y of the pane's viewport top, minus the pane's scroll."""
        window = self.window()
        pane_top = pane.viewport().mapTo(window, QPoint(0, 0)).y()
        return pane_top - self.mapTo(window, QPoint(0, 0)).y() - pane.viewport_top()

    def _side(self, pane: TextPane, units: tuple[int, ...], anchor: int) -> tuple[float, float]:
        if units:
            return pane.units_y(units)
        y = pane.anchor_y(anchor)
        return y, y

    def _extent(self, index: int) -> Extent:
        """A link's ends in document coordinates, cached until either layout changes."""
        key = (self.left.geometry_cache.generation, self.right.geometry_cache.generation)
        if key != self._extents_key:
            self._extents, self._extents_key = {}, key
        extent = self._extents.get(index)
        if extent is None:
            link = self.links[index]
            extent = (*self._side(self.left, link.left, link.left_anchor),
                      *self._side(self.right, link.right, link.right_anchor))
            self._extents[index] = extent
        return extent

    def _drawn_extent(self, index: int, far_left: bool, far_right: bool) -> Extent:
        """A link's ends for painting: a side whose units are all below its viewport and not
        measured yet (``far_left``, ``far_right``) is put a page below that edge instead, so
        a moved sentence's ribbon to the far end of a long text does not lay the whole
        document out on the first paint."""
        link = self.links[index]
        left = _below(self.left) if far_left \
            else self._side(self.left, link.left, link.left_anchor)
        right = _below(self.right) if far_right \
            else self._side(self.right, link.right, link.right_anchor)
        return (*left, *right)

    def link_ends(self, link: Link) -> Extent:
        """(left top, left bottom, right top, right bottom) of a link in gutter coordinates."""
        lt, lb, rt, rb = self._extent(self.links.index(link))
        lo, ro = self._offset(self.left), self._offset(self.right)
        return lt + lo, lb + lo, rt + ro, rb + ro

    def link_at(self, point: QPointF) -> Link | None:
        """The link drawn under ``point`` (gutter coordinates), if any."""
        width = float(self.width())
        for link in self.links:
            ends = self.link_ends(link)
            if max(ends[1], ends[3]) < 0 or min(ends[0], ends[2]) > self.height():
                continue
            if link_path(ends, width).contains(point) or _near_flat(ends, width, point):
                return link
        return None

    def link_tip(self, link: Link) -> str:
        """What a ribbon means, in words."""
        left, right = self.names
        lines = [f"{left} ↔ {right}: {LINK_WORDS.get(link.status, link.status)}"]
        if link.pinned:
            lines.append(PINNED_WORDS)
        return "\n".join(lines)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            link = self.link_at(QPointF(event.pos()))
            if link is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.link_tip(link), self)
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Links are culled by unit index before anything is measured: units come in
        # document order, so a link whose units all lie past both viewports' last unit
        # (or before their first) is off screen, and a long story's layout is left alone.
        if not self.links:
            return
        (l_first, l_last), (r_first, r_last) = self.left.visible_units(), self.right.visible_units()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        height, width = self.height(), float(self.width())
        lo, ro = self._offset(self.left), self._offset(self.right)
        for index, (ll, lh, rl, rh) in enumerate(self._unit_ranges):
            if (ll > l_last and rl > r_last) or (lh < l_first and rh < r_first):
                continue
            far_left = _far_below(self.left, ll, lh, l_last)
            far_right = _far_below(self.right, rl, rh, r_last)
            if far_left or far_right:
                # One end is far below its viewport: drawn out of the gutter, not measured.
                lt, lb, rt, rb = self._drawn_extent(index, far_left, far_right)
            else:
                lt, lb, rt, rb = self._extent(index)
            lt, lb, rt, rb = lt + lo, lb + lo, rt + ro, rb + ro
            if max(lb, rb) < 0 or min(lt, rt) > height:
                continue
            link = self.links[index]
            paint_link(painter, self.role_palette, link.status, (lt, lb, rt, rb), width,
                       pinned=link.pinned)
        painter.end()


def _far_below(pane: TextPane, low: int, high: int, last: int) -> bool:
    """Whether units ``low``..``high`` are all below the viewport's last unit and not all
    measured yet (measured ones cost nothing to place exactly)."""
    return low > last and high >= pane.geometry_cache.measured


def _below(pane: TextPane) -> tuple[float, float]:
    """A document y a page below the viewport's bottom edge."""
    y = float(pane.viewport_top() + 2 * pane.viewport().height())
    return y, y


def link_path(ends: Extent, width: float) -> QPainterPath:
    """The ribbon's outline: curved from the left block to the right one."""
    lt, lb, rt, rb = ends
    mid = width / 2
    path = QPainterPath(QPointF(0, lt))
    path.cubicTo(QPointF(mid, lt), QPointF(mid, rt), QPointF(width, rt))
    path.lineTo(QPointF(width, rb))
    path.cubicTo(QPointF(mid, rb), QPointF(mid, lb), QPointF(0, lb))
    path.closeSubpath()
    return path


def _near_flat(ends: Extent, width: float, point: QPointF) -> bool:
    """A ribbon that narrows to a point (added, removed) is hard to hover: allow 3 px."""
    lt, lb, rt, rb = ends
    fraction = min(1.0, max(0.0, point.x() / width)) if width else 0.0
    top = lt + (rt - lt) * fraction
    bottom = lb + (rb - lb) * fraction
    return top - 3 <= point.y() <= bottom + 3 and (lb - lt < 4 or rb - rt < 4)


def paint_link(painter: QPainter, palette: RolePalette, status: str, ends: Extent,
               width: float, *, pinned: bool = False) -> None:
    """One ribbon (also drawn by the legend, so it shows the real thing)."""
    path = link_path(ends, width)
    colour = QColor(palette.role_colour(status))
    fill = _FILL.get(status, 0.3)
    painter.setBrush(palette.tint(status, fill) if fill else Qt.BrushStyle.NoBrush)
    pen = QPen(colour, 1.0)
    if status == "moved":
        pen.setWidthF(1.6)
        pen.setStyle(Qt.PenStyle.DashLine)
    elif status == "identical":
        pen.setColor(palette.tint(status, 0.7))
    if pinned:
        pen = QPen(palette.highlight, 2.4)
    painter.setPen(pen)
    painter.drawPath(path)
    if pinned:
        lt, lb, rt, rb = ends
        painter.setBrush(palette.highlight)
        for x, y in ((2.5, (lt + lb) / 2), (width - 2.5, (rt + rb) / 2)):
            painter.drawEllipse(QPointF(x, y), 2.5, 2.5)



def _unit_range(units: tuple[int, ...], anchor: int) -> tuple[int, int]:
    # An empty side stands below its anchor unit: between it and the next.
    return (min(units), max(units)) if units else (anchor, anchor + 1)

