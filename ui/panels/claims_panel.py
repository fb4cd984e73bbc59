"""The claims of the open story: filters, a sortable table with in-place edits, requests out.

The panel never touches the library: it emits ``claim_activated(claim_id)`` (a click or
Enter on a row), ``edit_requested(claim_id, field, value)`` (an edited cell) and
``delete_requested([claim_id, ...])`` (Delete on the selected rows); the main window
stores the change and hands back entries through ``model.upsert`` / ``model.remove``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.claims import STATUS_WORDS
from ui.models.claim_entries import ClaimEntry
from ui.models.claim_filter import (
    AUTHOR,
    DRIFT,
    DRIFT_KINDS,
    LABEL,
    MODIFIED,
    NO_LABEL,
    NOTE,
    STATUS,
    TEXT,
    VERSIONS,
    ClaimFilter,
)
from ui.models.claims_model import ClaimsModel
from ui.panels.claims_delegate import ClaimsDelegate

if TYPE_CHECKING:
    from core.storage.rows import LabelRow

EMPTY_HINT = "No claims yet.\nSelect words in a pane and press 1–9, or right-click ▸ Tag as claim."
DRIFT_WORDS = {
    "verbatim": "verbatim everywhere",
    "reworded": "reworded",
    "attribution": "attribution changed",
    "hedge": "hedge added or dropped",
    "date": "date changed",
    "number": "number changed",
    "negation": "negation flipped",
    "absent": "missing in a version",
}
_PADDING = 12


class ClaimsTable(QTableView):
    """The table: Enter activates the current row, Delete asks to delete the selected ones."""

    row_activated = Signal(int)
    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.row_activated.emit(self.currentIndex().row())
            event.accept()
        elif event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Delete:
            self.delete_pressed.emit()
            event.accept()
        else:
            super().keyPressEvent(event)


class ClaimsPanel(QDockWidget):
    """Claims of the open story, filtered, sorted and edited in place."""

    claim_activated = Signal(int)
    edit_requested = Signal(int, str, object)
    delete_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Claims", parent)
        self.setObjectName("claims_dock")
        self.model = ClaimsModel(self)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._make_filter_bar(body))
        self.stack = QStackedWidget(body)
        self.table = self._make_table()
        self.empty_label = QLabel(EMPTY_HINT, body)
        self.empty_label.setObjectName("claims_empty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        layout.addWidget(self.stack, 1)
        self.setWidget(body)
        self._connect()
        self._size_columns()
        self._update_count()

    # ------------------------------------------------------------------ building

    def _make_filter_bar(self, body: QWidget) -> QGridLayout:
        self.label_combo = self._combo(body, "Show only claims with this label")
        self.status_combo = self._combo(body, "Show only claims with this status")
        self.drift_combo = self._combo(body, "Show only claims that drifted this way")
        self.version_combo = self._combo(body, "Show only claims that appear in this version")
        self.missing_combo = self._combo(body, "Show only claims missing in this version")
        self.search_edit = QLineEdit(body)
        self.search_edit.setPlaceholderText("Search notes and quotes")
        self.search_edit.setClearButtonEnabled(True)
        self.count_label = QLabel(body)
        self.count_label.setObjectName("claims_count")
        self._fill_combo(self.status_combo, "Any status",
                         [(word, status) for status, word in STATUS_WORDS.items()])
        self._fill_combo(self.drift_combo, "Any drift",
                         [(DRIFT_WORDS.get(kind, kind), kind) for kind in DRIFT_KINDS])
        self._fill_versions(())
        self._fill_labels(())
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.label_combo, 0, 0)
        grid.addWidget(self.status_combo, 0, 1)
        grid.addWidget(self.drift_combo, 0, 2)
        grid.addWidget(self.version_combo, 1, 0)
        grid.addWidget(self.missing_combo, 1, 1)
        grid.addWidget(self.search_edit, 1, 2)
        grid.addWidget(self.count_label, 2, 0, 1, 3)
        return grid

    @staticmethod
    def _combo(parent: QWidget, tip: str) -> QComboBox:
        combo = QComboBox(parent)
        combo.setToolTip(tip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        return combo

    def _make_table(self) -> ClaimsTable:
        table = ClaimsTable(self)
        table.setObjectName("claims_table")
        table.setModel(self.model)
        table.setItemDelegate(ClaimsDelegate(table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                              | QAbstractItemView.EditTrigger.EditKeyPressed)
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the order given, until a click
        table.setSortingEnabled(True)
        return table

    def _connect(self) -> None:
        for combo in (self.label_combo, self.status_combo, self.drift_combo,
                      self.version_combo, self.missing_combo):
            combo.currentIndexChanged.connect(self._apply_filter)
        self.search_edit.textChanged.connect(self._apply_filter)
        self.table.clicked.connect(self._clicked)
        self.table.row_activated.connect(self._activate_row)
        self.table.delete_pressed.connect(self._delete_selected)
        self.model.edit_requested.connect(self.edit_requested)
        for signal in (self.model.modelReset, self.model.layoutChanged, self.model.rowsInserted,
                       self.model.rowsRemoved):
            signal.connect(self._update_count)

    def _size_columns(self) -> None:
        # From the font, not resizeColumnsToContents (that asks every cell of every row).
        # At a 360 px dock the label, status, drift and versions fit and the quote starts;
        # long labels and drifts elide (their tooltips say it all).
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        average = metrics.averageCharWidth()
        icon = self.table.iconSize().width() if self.table.iconSize().isValid() else 16
        names = [label.name for label in self.model.labels] or ["Statistic"]
        widths = {
            LABEL: min(max(metrics.horizontalAdvance(n) for n in names), 9 * average) + icon,
            STATUS: max(metrics.horizontalAdvance(w) for w in STATUS_WORDS.values()),
            DRIFT: min(metrics.horizontalAdvance("number changed"), 11 * average),
            VERSIONS: max(metrics.horizontalAdvance("1 2 3"),
                          header.fontMetrics().horizontalAdvance("Versions")),
            TEXT: 36 * average,
            NOTE: 18 * average,
            AUTHOR: 8 * average,
            MODIFIED: metrics.horizontalAdvance("2024-12-31 23:59"),
        }
        for column, width in widths.items():
            header.resizeSection(column, width + _PADDING)

    # ------------------------------------------------------------------ content

    def set_claims(
        self,
        entries: Sequence[ClaimEntry],
        version_names: Sequence[str],
        labels: Sequence[LabelRow],
    ) -> None:
        """Show a story's claims; the filters keep their choices where they still exist."""
        self.model.set_entries(entries, version_names, labels)
        self._fill_labels(self.model.labels)
        self._fill_versions(version_names)
        self._size_columns()
        self._apply_filter()
        self._update_count()

    def clear(self) -> None:
        self.set_claims((), (), ())

    def select_claim(self, claim_id: int) -> bool:
        """Select and scroll to the claim's row (no ``claim_activated``); False if not shown."""
        row = self.model.row_of(claim_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        selection = self.table.selectionModel()
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        selection.setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def selected_claims(self) -> list[int]:
        """Ids of the selected rows, top to bottom."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.entry_at(row).claim_id for row in rows]

    def count_text(self) -> str:
        return self.count_label.text()

    # ------------------------------------------------------------------ filters

    def current_filter(self) -> ClaimFilter:
        return ClaimFilter(
            label_id=self.label_combo.currentData(),
            status=self.status_combo.currentData(),
            version_index=self.version_combo.currentData(),
            drift=self.drift_combo.currentData(),
            missing_in=self.missing_combo.currentData(),
            text=self.search_edit.text().strip(),
        )

    def _apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())

    def _fill_labels(self, labels: Sequence[LabelRow]) -> None:
        choices: list[tuple[str, object]] = [("No label", NO_LABEL)]
        choices += [(label.name, label.id) for label in labels]
        self._fill_combo(self.label_combo, "Any label", choices)

    def _fill_versions(self, names: Sequence[str]) -> None:
        self._fill_combo(self.version_combo, "Any version",
                         [(f"In {name}", i) for i, name in enumerate(names)])
        self._fill_combo(self.missing_combo, "Missing: —",
                         [(f"Missing in {name}", i) for i, name in enumerate(names)])

    @staticmethod
    def _fill_combo(combo: QComboBox, everything: str, choices: list[tuple[str, object]]) -> None:
        kept = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for text, value in choices:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(combo.findData(kept), 0) if kept is not None else 0)
        combo.blockSignals(False)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        noun = "claim" if total == 1 else "claims"
        self.count_label.setText(f"{total} {noun}" if shown == total
                                 else f"{shown} of {total} {noun}")
        self.stack.setCurrentWidget(self.table if total else self.empty_label)

    # ------------------------------------------------------------------ requests

    def _clicked(self, index: QModelIndex) -> None:
        extending = QApplication.keyboardModifiers() & (Qt.KeyboardModifier.ControlModifier
                                                        | Qt.KeyboardModifier.ShiftModifier)
        if index.isValid() and not extending:
            self._activate_row(index.row())

    def _activate_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.claim_activated.emit(self.model.entry_at(row).claim_id)

    def _delete_selected(self) -> None:
        claims = self.selected_claims()
        if claims:
            self.delete_requested.emit(claims)
