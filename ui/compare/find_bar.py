"""The find bar under the panes, as in Meld or a browser: it searches every pane,
highlights every match, counts them, and walks them with Enter / Shift+Enter / F3.

The bar is the widget; ``PaneFinder`` does the finding over the view's panes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from ui.compare.find import MAX_MATCHES, Match, count_text, find_matches, first_from
from ui.tool_button import tool_button

#: Typing waits this long before searching again (a long story's panes repaint).
SEARCH_DELAY_MS = 120
#: The keys the find bar reads itself, for Help ▸ Keyboard Shortcuts.
FIND_BAR_KEYS = (
    ("Enter / Shift+Enter", "In the find bar: the next / previous match"),
    ("Esc", "In the find bar: close it"),
)


class _QueryEdit(QLineEdit):
    """Enter / Shift+Enter step; Escape closes (the bar listens)."""

    step = Signal(int)
    escape = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.step.emit(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escape.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    """Query, match count, previous / next, match case, close."""

    query_changed = Signal(str, bool)
    step_requested = Signal(int)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find_bar")
        self.edit = _QueryEdit(self)
        self.edit.setPlaceholderText("Find in every version")
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setMinimumWidth(60)
        self.match_case = QCheckBox("Match case", self)
        self.previous_button = tool_button(self, "▲", "Previous match (Shift+Enter, Shift+F3)")
        self.next_button = tool_button(self, "▼", "Next match (Enter, F3)")
        self.close_button = tool_button(self, "✕", "Close the find bar (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.edit, 2)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.match_case)
        layout.addWidget(self.count, 3)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._emit_query)
        self.edit.textChanged.connect(lambda _t: self._timer.start())
        self.match_case.toggled.connect(lambda _on: self._emit_query())
        self.edit.step.connect(self._step)
        self.edit.escape.connect(self.close_bar)
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        self.close_button.clicked.connect(self.close_bar)
        self.setVisible(False)

    def open_bar(self, text: str = "") -> None:
        """Show the bar with focus in the query (``text`` replaces it when given)."""
        self.setVisible(True)
        if text:
            self.edit.setText(text)
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.setVisible(False)
        self.closed.emit()

    def _emit_query(self) -> None:
        self._timer.stop()
        self.query_changed.emit(self.edit.text(), self.match_case.isChecked())

    def _step(self, step: int) -> None:
        if self._timer.isActive():  # typed and pressed Enter at once: search first
            self._emit_query()
        self.step_requested.emit(step)

    def set_count(self, text: str) -> None:
        self.count.setText(text)


class PaneFinder:
    """Matches of one query over the view's panes, and which one is current.

    ``texts`` gives each pane's text; ``show(matches, current)`` draws them (the
    view highlights every match and selects the current one).
    """

    def __init__(self, texts: Callable[[], Sequence[str]],
                 show: Callable[[Sequence[Match], int], None]) -> None:
        self._texts, self._show = texts, show
        self.query = ""
        self.match_case = False
        self.matches: list[Match] = []
        self.current = -1

    def search(self, query: str, match_case: bool, here: tuple[int, int]) -> None:
        """Find ``query`` everywhere; the current match is the first from ``here``."""
        self.query, self.match_case = query, match_case
        self.matches = find_matches(self._texts(), query, match_case=match_case)
        self.current = first_from(self.matches, *here, forward=True) if self.matches else -1
        self._show(self.matches, self.current)

    def refresh(self) -> None:
        """Search again (the texts changed), keeping the place when it still exists."""
        old = self.matches[self.current] if 0 <= self.current < len(self.matches) else None
        self.matches = find_matches(self._texts(), self.query, match_case=self.match_case)
        if old is not None and self.matches:
            self.current = first_from(self.matches, old.pane, old.start, forward=True)
        else:
            self.current = 0 if self.matches else -1
        self._show(self.matches, self.current)

    def step(self, step: int) -> Match | None:
        """The next (or previous) match, wrapping round; None when nothing matches."""
        if not self.matches:
            return None
        self.current = (self.current + step) % len(self.matches) if self.current >= 0 else 0
        self._show(self.matches, self.current)
        return self.matches[self.current]

    def clear(self) -> None:
        self.query, self.matches, self.current = "", [], -1
        self._show([], -1)

    def count_text(self, names: Sequence[str]) -> str:
        return count_text(self.matches, self.current, names, self.query,
                          capped=len(self.matches) >= MAX_MATCHES)
