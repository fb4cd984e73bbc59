"""A version's outlet and publication date, edited after import.

The date matters beyond the name: relative dates in the text ("last June") are read
against it, so correcting it re-reads them (from the cached parses, nothing parsed).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.bidi import isolate
from ui.dialogs.import_dialog import date_problem

#: An outlet and a date (either None: not known).
Properties = tuple[str | None, str | None]


class VersionPropertiesDialog(QDialog):
    """Two fields; OK only while the date is empty or a YYYY-MM-DD date."""

    def __init__(self, name: str, outlet: str | None, published: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Outlet and date")
        self.outlet = QLineEdit(outlet or "", self)
        self.outlet.setPlaceholderText("e.g. Reuters")
        self.date = QLineEdit(published or "", self)
        self.date.setPlaceholderText("YYYY-MM-DD")
        self.date.textChanged.connect(self._validate)
        self.problem = QLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Outlet:", self.outlet)
        form.addRow("&Published:", self.date)
        layout = QVBoxLayout(self)
        heading = QLabel(isolate(name), self)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(QLabel("Relative dates in the text (“last June”) are read against "
                                "the publication date.", self))
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._validate()

    def _validate(self) -> None:
        problem = date_problem([self.date.text()])
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def properties(self) -> Properties:
        return self.outlet.text().strip() or None, self.date.text().strip() or None


def ask_version_properties(parent: QWidget, name: str, outlet: str | None,
                           published: str | None) -> Properties | None:
    """Show the dialog; the outlet and date given, or None when cancelled."""
    dialog = VersionPropertiesDialog(name, outlet, published, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.properties()
