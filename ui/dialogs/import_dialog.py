"""Where imported files go (this story or a new one), and each version's outlet and date.

The outlet and date name the version everywhere ("CoastNews, 2026-03-03"); left
empty, the file name does. The dialog only collects the analyst's answer; the main
window stores it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.textio import SourceText
from ui.bidi import isolate
from ui.library_bridge import VersionMeta
from ui.version_names import file_stem


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """Files read and what to do with them; ``story_id`` None makes a new story."""

    sources: tuple[SourceText, ...]
    meta: tuple[VersionMeta, ...]
    story_id: int | None
    #: The story files may be added to (the one shown), as (id, title).
    current: tuple[int, str] | None = None

    @classmethod
    def proposed(cls, sources: list[SourceText], story_id: int | None,
                 current: tuple[int, str] | None) -> ImportPlan:
        """Files with no outlet or date yet, going to ``story_id`` (None: a new story)."""
        return cls(tuple(sources), tuple((None, None) for _ in sources), story_id, current)

    def has_meta(self) -> bool:
        return any(outlet or published for outlet, published in self.meta)


def valid_date(text: str) -> bool:
    """Empty, or a date as YYYY-MM-DD."""
    if not text:
        return True
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def date_problem(texts: Iterable[str]) -> str:
    """What is wrong with the first of ``texts`` that is not a date, else ""."""
    bad = [text for text in texts if not valid_date(text.strip())]
    return f"Not a date (YYYY-MM-DD): {bad[0]}" if bad else ""


class ImportDialog(QDialog):
    """One row per file (outlet, date) and the choice: add to this story, or a new one."""

    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import versions")
        self.plan = plan
        self.to_current = QRadioButton(self)
        self.to_new = QRadioButton("As a new story", self)
        group = QButtonGroup(self)
        group.addButton(self.to_current)
        group.addButton(self.to_new)
        if plan.current is not None:
            self.to_current.setText(f"Add to this story: {isolate(plan.current[1])}")
        self.to_current.setVisible(plan.current is not None)
        use_current = plan.current is not None and plan.story_id == plan.current[0]
        (self.to_current if use_current else self.to_new).setChecked(True)
        self.outlets: list[QLineEdit] = []
        self.dates: list[QLineEdit] = []
        grid = QGridLayout()
        for column, title in enumerate(("File", "Outlet", "Published")):
            grid.addWidget(QLabel(f"<b>{title}</b>", self), 0, column)
        for row, (source, (outlet, published)) in enumerate(
                zip(plan.sources, plan.meta, strict=True), start=1):
            name = QLabel(isolate(file_stem(source.source)), self)
            name.setToolTip(source.source)
            outlet_edit = QLineEdit(outlet or "", self)
            outlet_edit.setPlaceholderText("e.g. Reuters")
            date_edit = QLineEdit(published or "", self)
            date_edit.setPlaceholderText("YYYY-MM-DD")
            date_edit.textChanged.connect(self._validate)
            grid.addWidget(name, row, 0)
            grid.addWidget(outlet_edit, row, 1)
            grid.addWidget(date_edit, row, 2)
            self.outlets.append(outlet_edit)
            self.dates.append(date_edit)
        self.problem = QLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.to_current)
        layout.addWidget(self.to_new)
        layout.addLayout(grid)
        layout.addWidget(QLabel("The outlet and date name the version everywhere; left "
                                "empty, the file name does.", self))
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._validate()

    def _validate(self) -> None:
        problem = date_problem(edit.text() for edit in self.dates)
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def result_plan(self) -> ImportPlan:
        """The plan with the analyst's outlets, dates and destination."""
        meta = tuple((outlet.text().strip() or None, date.text().strip() or None)
                     for outlet, date in zip(self.outlets, self.dates, strict=True))
        current = self.plan.current
        story = current[0] if current is not None and self.to_current.isChecked() else None
        return replace(self.plan, meta=meta, story_id=story)


def ask_import(parent: QWidget, plan: ImportPlan) -> ImportPlan | None:
    """Show the import dialog; the analyst's plan, or None when cancelled."""
    dialog = ImportDialog(plan, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.result_plan()
