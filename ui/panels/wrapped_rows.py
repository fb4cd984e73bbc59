"""Rows of a tree widget as tall as their wrapped text, at the columns' current widths.

``QStyledItemDelegate.sizeHint`` measures text on one line (or at its explicit line
breaks), so a word-wrapped cell in a narrow dock is cut with an ellipsis after the first
line. This delegate measures each cell wrapped to its column's width, and the view lays
its rows out again whenever a column is resized.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeWidget

#: Room the style keeps around a cell's text (pixels, both sides together).
_PADDING = 8


class WrappedRowsDelegate(QStyledItemDelegate):
    """Measures each cell's text wrapped at its column's width."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree
        self._relayout = QTimer(tree, singleShot=True, interval=0)
        self._relayout.timeout.connect(tree.doItemsLayout)
        tree.header().sectionResized.connect(lambda *_args: self._relayout.start())

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        width = self._tree.header().sectionSize(index.column()) - _PADDING
        if not text or width <= 0:
            return hint
        metrics = option.fontMetrics  # type: ignore[attr-defined]
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        bounds = metrics.boundingRect(QRect(0, 0, width, 10**6), flags, str(text))
        margin = self._tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameVMargin) * 2
        return QSize(hint.width(), max(hint.height(), bounds.height() + margin))
