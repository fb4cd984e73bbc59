"""Edit the claim label schema: names, colours, shortcuts, descriptions; JSON import and export.

The dialog never touches storage. It starts from ``LabelSpec`` values (and the ids of the
stored labels they came from) and hands back ``result_labels()``: ``(id, spec)`` pairs in
the new order, ``None`` for a new label; stored labels missing from it were removed.
OK validates with ``core.label_schema.validate_labels`` and shows the problem in the
dialog instead of closing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.errors import InputError
from core.label_schema import LabelSpec, dump_label_schema, read_label_schema, validate_labels

NAME, COLOUR, SHORTCUT, DESCRIPTION = range(4)
HEADERS = ("Name", "Colour", "Shortcut", "Description")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: Colours offered to new labels, first unused first (distinct from the diff tints).
NEW_COLOURS = ("#332288", "#882255", "#117777", "#777700", "#aa4499", "#44aa99", "#999933",
               "#cc6677", "#6699cc", "#661100")
JSON_FILTER = "Label schema (*.json);;All files (*)"
#: Picks a colour: (current colour, parent) -> chosen colour, or None if cancelled.
ColourPicker = Callable[[QColor, QWidget], QColor | None]


def pick_colour(current: QColor, parent: QWidget) -> QColor | None:
    colour = QColorDialog.getColor(current, parent, "Label colour")
    return colour if colour.isValid() else None


class LabelSchemaDialog(QDialog):
    """A table of labels with add / remove / move / import / export, validated on OK."""

    def __init__(
        self,
        labels: Sequence[LabelSpec],
        label_ids: Sequence[int | None] | None = None,
        parent: QWidget | None = None,
        *,
        colour_picker: ColourPicker = pick_colour,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Claim labels")
        self.resize(680, 420)
        ids = list(label_ids) if label_ids is not None else [None] * len(labels)
        if len(ids) != len(labels):
            raise ValueError("label_ids must give one id (or None) per label")
        self._original_ids = [i for i in ids if i is not None]
        self._colour_picker = colour_picker
        self.table = self._make_table()
        self.message = QLabel(self)
        self.message.setObjectName("schema_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        for label_id, spec in sorted(zip(ids, labels, strict=True), key=lambda p: p[1].position):
            self._append(label_id, spec)
        self.table.itemChanged.connect(lambda _item: self.message.clear())
        self.table.cellDoubleClicked.connect(self._double_clicked)

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(0, len(HEADERS), self)
        table.setHorizontalHeaderLabels(list(HEADERS))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        metrics = table.fontMetrics()
        header.resizeSection(NAME, metrics.horizontalAdvance("Quotation / attribution") + 16)
        header.resizeSection(COLOUR, metrics.horizontalAdvance("#888888") + 40)
        header.resizeSection(SHORTCUT, metrics.horizontalAdvance("Shortcut") + 16)
        return table

    def _lay_out(self) -> None:
        side = QVBoxLayout()
        for name, text, slot in (
            ("add", "Add", self.add_label),
            ("remove", "Remove", self.remove_current),
            ("up", "Move up", lambda: self.move_current(-1)),
            ("down", "Move down", lambda: self.move_current(1)),
            ("colour", "Colour…", self.choose_colour),
            ("import", "Import…", self._import_clicked),
            ("export", "Export…", self._export_clicked),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"{name}_button")
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Double-click a colour to change it. Shortcuts: 1–9 or a "
                                "letter, pressed over a selection to tag it.", self))
        layout.addLayout(row, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    # ------------------------------------------------------------------ rows

    def _append(self, label_id: int | None, spec: LabelSpec) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._set_row(row, label_id, spec)
        return row

    def _set_row(self, row: int, label_id: int | None, spec: LabelSpec) -> None:
        name = QTableWidgetItem(spec.name)
        name.setData(ID_ROLE, label_id)
        colour = QTableWidgetItem(spec.colour)
        colour.setData(Qt.ItemDataRole.DecorationRole, QColor(spec.colour))
        colour.setFlags(colour.flags() & ~Qt.ItemFlag.ItemIsEditable)
        colour.setToolTip("Double-click to choose a colour")
        items = (name, colour, QTableWidgetItem(spec.shortcut or ""),
                 QTableWidgetItem(spec.description))
        for column, item in enumerate(items):
            self.table.setItem(row, column, item)

    def _row_value(self, row: int) -> tuple[int | None, LabelSpec]:
        def text(column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        name_item = self.table.item(row, NAME)
        label_id = name_item.data(ID_ROLE) if name_item is not None else None
        shortcut = text(SHORTCUT).strip() or None
        spec = LabelSpec(text(NAME), text(COLOUR), shortcut, text(DESCRIPTION), row)
        return (int(label_id) if label_id is not None else None), spec

    def add_label(self) -> None:
        """Append a new label (a free colour and shortcut) and start editing its name."""
        specs = [spec for _id, spec in self.result_labels()]
        used_colours = {spec.colour.lower() for spec in specs}
        used_keys = {(spec.shortcut or "").casefold() for spec in specs}
        colour = next((c for c in NEW_COLOURS if c not in used_colours), "#777777")
        shortcut = next((k for k in "123456789" if k not in used_keys), None)
        names = {spec.name.casefold() for spec in specs}
        name = next(n for n in (f"New label {i}" if i else "New label" for i in range(1000))
                    if n.casefold() not in names)
        row = self._append(None, LabelSpec(name, colour, shortcut, "", len(specs)))
        self.table.setCurrentCell(row, NAME)
        self.table.editItem(self.table.item(row, NAME))

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.message.clear()

    def move_current(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        here, there = self._row_value(row), self._row_value(target)
        self._set_row(row, *there)
        self._set_row(target, *here)
        self.table.setCurrentCell(target, self.table.currentColumn())

    def choose_colour(self, row: int | None = None) -> None:
        """Ask the colour picker for the colour of ``row`` (the current row by default)."""
        row = self.table.currentRow() if row is None else row
        item = self.table.item(row, COLOUR) if row >= 0 else None
        if item is None:
            return
        chosen = self._colour_picker(QColor(item.text()), self)
        if chosen is not None:
            item.setText(chosen.name())
            item.setData(Qt.ItemDataRole.DecorationRole, QColor(chosen))

    def _double_clicked(self, row: int, column: int) -> None:
        if column == COLOUR:
            self.choose_colour(row)

    # ------------------------------------------------------------------ results

    def result_labels(self) -> list[tuple[int | None, LabelSpec]]:
        """``(stored id or None, spec)`` per row, positions in table order."""
        return [self._row_value(row) for row in range(self.table.rowCount())]

    def removed_ids(self) -> list[int]:
        """Ids of the stored labels the user removed."""
        kept = {label_id for label_id, _spec in self.result_labels()}
        return [label_id for label_id in self._original_ids if label_id not in kept]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter that finishes a cell edit reaches the dialog too: it must not press OK.
        editing = self.table.state() == QAbstractItemView.State.EditingState
        if editing and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        if self._check():
            super().accept()

    def _check(self) -> bool:
        try:
            validate_labels([spec for _id, spec in self.result_labels()])
        except InputError as error:
            self.message.setText(_sentence(error.problem))
            return False
        self.message.clear()
        return True

    # ------------------------------------------------------------------ files

    def import_from(self, path: Path) -> bool:
        """Replace the table with the schema in ``path``; stored labels keep ids by name."""
        try:
            specs = read_label_schema(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            self.message.setText(f"Could not read {path.name}: {error}")
            return False
        except InputError as error:
            self.message.setText(f"{path.name}: {_sentence(error.problem)}")
            return False
        ids_by_name = {spec.name.casefold(): label_id
                       for label_id, spec in self.result_labels() if label_id is not None}
        self.table.setRowCount(0)
        for spec in specs:
            self._append(ids_by_name.get(spec.name.casefold()), spec)
        self.message.clear()
        return True

    def export_to(self, path: Path) -> bool:
        """Write the table as a schema file (validated first)."""
        if not self._check():
            return False
        data = dump_label_schema([spec for _id, spec in self.result_labels()])
        try:
            path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                            encoding="utf-8")
        except OSError as error:
            self.message.setText(f"Could not write {path.name}: {error}")
            return False
        return True

    def _import_clicked(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, "Import labels", "", JSON_FILTER)
        if name:
            self.import_from(Path(name))

    def _export_clicked(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, "Export labels", "labels.json",
                                                    JSON_FILTER)
        if name:
            self.export_to(Path(name))


def _sentence(problem: str) -> str:
    return problem[:1].upper() + problem[1:] + ("" if problem.endswith(".") else ".")
