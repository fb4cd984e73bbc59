"""Paste a version's text: a name for it, the text, and which story it belongs to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

NEW_STORY = -1


@dataclass(frozen=True, slots=True)
class PastedVersion:
    """What the user pasted; ``story_id`` is None for a new story."""

    text: str
    label: str
    story_id: int | None


class PasteDialog(QDialog):
    """Collects pasted text; the caller normalises and stores it (``core.textio.load_text``)."""

    def __init__(
        self,
        stories: Sequence[tuple[int, str]],
        current_story: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Paste as new version")
        self.resize(640, 480)
        self.label_edit = QLineEdit(self)
        self.label_edit.setPlaceholderText("e.g. outlet name or URL (optional)")
        self.story_combo = QComboBox(self)
        self.story_combo.addItem("A new story", NEW_STORY)
        for story_id, title in stories:
            self.story_combo.addItem(title, story_id)
        if current_story is not None:
            found = self.story_combo.findData(current_story)
            self.story_combo.setCurrentIndex(max(0, found))
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setPlaceholderText("Paste the article text here")
        self.text_edit.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add version")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text_edit.textChanged.connect(self._update_ok)
        self._lay_out()
        self._fill_from_clipboard()
        self._update_ok()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("Name:", self.label_edit)
        form.addRow("Add to:", self.story_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        hint = QLabel("Text:", self)
        layout.addWidget(hint)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.buttons)

    def _fill_from_clipboard(self) -> None:
        clipboard = QGuiApplication.clipboard()
        text = clipboard.text() if clipboard is not None else ""
        if text.strip() and len(text) < 2_000_000:
            self.text_edit.setPlainText(text)

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.text_edit.toPlainText().strip()))

    def result_value(self) -> PastedVersion:
        """The pasted text, its name (``pasted text`` when empty) and the chosen story."""
        story = self.story_combo.currentData()
        return PastedVersion(
            text=self.text_edit.toPlainText(),
            label=self.label_edit.text().strip() or "pasted text",
            story_id=None if story in (None, NEW_STORY) else int(story),
        )
