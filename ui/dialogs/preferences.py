"""Preferences: one page class per topic, each reading and writing through ``Settings``.

Nothing is written until OK; ``apply`` reports which settings changed so the caller
refreshes only those (the text size of the panes, the author of new claims).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.settings import MAX_FONT_SIZE, MIN_FONT_SIZE, Settings

AUTHOR_HINT = "Your name on the claims you tag; teams sharing a library will see it."


class ClaimsPage(QWidget):
    """The name put on new claims."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._initial = settings.author_name
        self.author_edit = QLineEdit(self._initial, self)
        self.author_edit.setObjectName("author_edit")
        self.author_edit.setPlaceholderText("No name")
        hint = QLabel(AUTHOR_HINT, self)
        hint.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("Author name:", self.author_edit)
        form.addRow("", hint)

    def apply(self, settings: Settings) -> set[str]:
        """Store the name if the user changed it (so the login name stays the default)."""
        name = self.author_edit.text()
        if name == self._initial:
            return set()
        settings.author_name = name
        return {"author_name"}


class ViewPage(QWidget):
    """The size of the comparison text."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._initial = settings.font_size
        self.size_spin = QSpinBox(self)
        self.size_spin.setObjectName("font_size_spin")
        self.size_spin.setRange(MIN_FONT_SIZE, MAX_FONT_SIZE)
        self.size_spin.setSuffix(" pt")
        self.size_spin.setValue(self._initial)
        form = QFormLayout(self)
        form.addRow("Text size:", self.size_spin)

    def apply(self, settings: Settings) -> set[str]:
        if self.size_spin.value() == self._initial:
            return set()
        settings.font_size = self.size_spin.value()
        return {"font_size"}


class PreferencesDialog(QDialog):
    """Claims and view preferences; OK writes them, Cancel leaves everything as it was."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._settings = settings
        self.changed: set[str] = set()
        self.claims_page = ClaimsPage(settings, self)
        self.view_page = ViewPage(settings, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.claims_page, "Claims")
        self.tabs.addTab(self.view_page, "View")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def apply(self) -> set[str]:
        """Write what changed; the names of the changed settings (``author_name``...)."""
        self.changed = self.claims_page.apply(self._settings) | self.view_page.apply(
            self._settings)
        return self.changed

    def accept(self) -> None:
        self.apply()
        super().accept()
