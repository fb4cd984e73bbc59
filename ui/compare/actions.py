"""The comparison view's actions, with shortcuts, for the main window's menus.

Shortcuts follow Meld and common editors: Alt+Down/Alt+Up for the next/previous
change (Meld), Alt+Shift+Down/Up for the next/previous altered quote, F3 and
Shift+F3 to find again, Ctrl++ / Ctrl+- / Ctrl+0 to zoom, Ctrl+Shift+E to show
entities. They work while focus is inside the view
(``WidgetWithChildrenShortcut``); the main window may widen the context.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


class CompareActions(QObject):
    """Named ``QAction``s of one view (``view.actions.next_change`` …)."""

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self._view = view
        self.next_change = self._make("Next Change", "Alt+Down", "next_change")
        self.previous_change = self._make("Previous Change", "Alt+Up", "previous_change")
        self.next_quote = self._make("Next Altered Quote", "Alt+Shift+Down", "next_quote")
        self.previous_quote = self._make("Previous Altered Quote", "Alt+Shift+Up",
                                         "previous_quote")
        self.find_next = self._make("Find Next", QKeySequence.StandardKey.FindNext, "find_next")
        self.find_previous = self._make("Find Previous", QKeySequence.StandardKey.FindPrevious,
                                        "find_previous")
        self.zoom_in = self._make("Zoom In", QKeySequence.StandardKey.ZoomIn, "zoom_in")
        self.zoom_out = self._make("Zoom Out", QKeySequence.StandardKey.ZoomOut, "zoom_out")
        self.zoom_reset = self._make("Reset Zoom", "Ctrl+0", "zoom_reset")
        self.show_changes = self._toggle("Show Changes", None, "changes", True)
        self.show_typed = self._toggle("Show Typed Changes", None, "typed", True)
        self.show_entities = self._toggle("Show Entities", "Ctrl+Shift+E", "entities", False)
        self.show_quotes = self._toggle("Show Quotes", None, "quotes", True)

    def _make(self, text: str, key: str | QKeySequence.StandardKey | None,
              method: str | None) -> QAction:
        action = QAction(text, self._view)
        if key is not None:
            action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if method is not None:
            slot: Callable[[], object] = getattr(self._view, method)
            action.triggered.connect(lambda _=False, s=slot: s())
        self._view.addAction(action)
        return action

    def _toggle(self, text: str, key: str | None, layer: str, checked: bool) -> QAction:
        action = self._make(text, key, None)
        action.setCheckable(True)
        action.setChecked(checked)
        action.toggled.connect(
            lambda on, name=layer: self._view.set_layer_visible(name, on))  # type: ignore[attr-defined]
        return action

    def all(self) -> list[QAction]:
        """Every action, in menu order."""
        return [self.next_change, self.previous_change, self.next_quote, self.previous_quote,
                self.find_next, self.find_previous, self.zoom_in, self.zoom_out, self.zoom_reset,
                self.show_changes, self.show_typed, self.show_entities, self.show_quotes]
