"""The comparison view's actions, with shortcuts, for the main window's menus.

Shortcuts follow Meld and common editors: Alt+Down/Alt+Up for the next/previous
change (Meld), Alt+Shift+Down/Up for the next/previous altered quote, F3 and
Shift+F3 to find again, Ctrl++ / Ctrl+- / Ctrl+0 to zoom, Alt+Right / Alt+Left for
the next / previous claim and Alt+Shift+Right for the same claim in the next version;
F6 swaps in a version there was no room for; the Show toggles (Ctrl+Shift+E
entities, Ctrl+Shift+L claims) come from the layer registry. They work while focus
is inside the view
(``WidgetWithChildrenShortcut``); the main window may widen the context.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from ui.compare.layer_registry import toggled_layers


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
        self.next_claim = self._make("Next Claim", "Alt+Right", "next_claim")
        self.previous_claim = self._make("Previous Claim", "Alt+Left", "previous_claim")
        self.claim_in_next_pane = self._make("Same Claim in Next Version", "Alt+Shift+Right",
                                             "claim_in_next_pane")
        self.swap_version = self._make("Swap In Another Version", "F6", "swap_next_hidden")
        self.swap_version.setStatusTip(
            "When the window is too narrow for every version, show the next hidden one")
        #: One Show toggle per layer of the registry that has one, by layer name.
        self.toggles: dict[str, QAction] = {
            layer.name: self._toggle(layer.title or layer.name, layer.shortcut, layer.name,
                                     layer.visible, layer.description)
            for layer in toggled_layers()
        }
        self.show_changes = self.toggles["changes"]
        self.show_typed = self.toggles["typed"]
        self.show_entities = self.toggles["entities"]
        self.show_quotes = self.toggles["quotes"]
        self.show_claims = self.toggles["claims"]

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

    def _toggle(self, text: str, key: str | None, layer: str, checked: bool,
                tip: str) -> QAction:
        action = self._make(text, key, None)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.setCheckable(True)
        action.setChecked(checked)
        action.toggled.connect(
            lambda on, name=layer: self._view.set_layer_visible(name, on))  # type: ignore[attr-defined]
        return action

    def all(self) -> list[QAction]:
        """Every action, in menu order."""
        return [self.next_change, self.previous_change, self.next_quote, self.previous_quote,
                self.next_claim, self.previous_claim, self.claim_in_next_pane,
                self.find_next, self.find_previous, self.zoom_in, self.zoom_out, self.zoom_reset,
                self.swap_version,
                *self.toggles.values()]
