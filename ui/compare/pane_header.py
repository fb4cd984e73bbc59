"""A pane's header: the version's name (elided to fit, never widening the window) and,
when some versions are hidden for want of room, a button that swaps one in."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QSizePolicy, QToolButton, QWidget

from core.records import Comparison


def header_forms(comparison: Comparison, index: int, name: str,
                 short: str) -> tuple[str, str, str]:
    """(text, tooltip, short text) of pane ``index``'s header."""
    source = comparison.versions[index].source
    if len(comparison.versions) == 1:
        return f"{name} · the only version", source, f"{short} · the only version"
    if index == 0:
        return (f"{name} · base",
                f"{name}: the base; every other version is compared with it\n{source}",
                f"{short} · base")
    similarity = next((s.similarity for s in comparison.summary if s.other == index), None)
    detail = f" · {similarity:.0%} similar" if similarity is not None else ""
    tip = f"{name}: {similarity or 0:.0%} similar to the base (length-weighted, over " \
          f"aligned sentences)\n{source}"
    return f"{name}{detail}", tip, f"{short}{detail}"


class ElidedLabel(QLabel):
    """A one-line label that cuts its text with "…" instead of asking for more width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""
        self._short = ""

    def setText(self, text: str) -> None:
        self.set_forms(text, "")

    def set_forms(self, text: str, short: str) -> None:
        """The text, and a shorter form to show before cutting it when room runs out."""
        self._full, self._short = text, short
        super().setText(text)
        self.update()

    def full_text(self) -> str:
        """The whole text, however much is shown."""
        return self._full

    def shown_text(self) -> str:
        """The text as drawn at the current width: whole, else the short form, else cut."""
        width, metrics = self.contentsRect().width(), self.fontMetrics()
        text = self._full
        if self._short and metrics.horizontalAdvance(text) > width:
            text = self._short
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)

    def minimumSizeHint(self) -> QSize:
        height = super().minimumSizeHint().height()
        return QSize(self.fontMetrics().horizontalAdvance("…") + 8, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.setFont(self.font())
        painter.drawText(self.contentsRect(),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         self.shown_text())
        painter.end()


class PaneHeader(QWidget):
    """Name, detail and a swap button; ``swap_requested(version)`` asks to show another."""

    swap_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = ElidedLabel(self)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self.swap_button = QToolButton(self)
        self.swap_button.setText("⇄")
        self.swap_button.setAutoRaise(True)
        self.swap_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.swap_button.setMenu(QMenu(self.swap_button))
        self.swap_button.setVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.swap_button)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_text(self, text: str, tip: str, short: str = "") -> None:
        """The header's text, its short form for narrow panes, and its tooltip."""
        self.label.set_forms(text, short)
        self.label.setToolTip(tip)

    def text(self) -> str:
        return self.label.full_text()

    def set_swaps(self, choices: Sequence[tuple[int, str]]) -> None:
        """Offer to show one of these hidden versions (version, name) in this pane's place."""
        menu = self.swap_button.menu()
        assert menu is not None
        menu.clear()
        for version, name in choices:
            action = menu.addAction(f"Show {name} here")
            action.triggered.connect(lambda _=False, v=version: self.swap_requested.emit(v))
        self.swap_button.setText(f"⇄ +{len(choices)}")
        self.swap_button.setVisible(bool(choices))
        names = ", ".join(name for _v, name in choices)
        self.swap_button.setToolTip(f"Not enough room for every version: show {names} here"
                                    if choices else "")
