"""The entity comparison as a table: one row per canonical entity, one count column per version.

The model sorts itself (counts as numbers, names case-insensitively): Python's sort
on precomputed keys takes milliseconds for thousands of entities, where a
``QSortFilterProxyModel`` would call back into Python for every comparison. The
proxy from ``make_entities_proxy`` filters, and hands sorting down to the model.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from core.records import EntityDiffRow
from ui.entity_types import type_name

#: Numbers and case-folded text, for sorting.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The ``EntityDiffRow`` behind a row.
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

#: Translucent, so it reads on light and dark bases alike.
MISSING_BACKGROUND = QColor(230, 140, 0, 56)

_FIXED_COLUMNS = ("Entity", "Type")

AnyIndex = QModelIndex | QPersistentModelIndex


class EntitiesModel(QAbstractTableModel):
    """Rows of ``EntityDiffRow``; columns: entity, type, then mentions per version."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[EntityDiffRow, ...] = ()
        self._version_names: tuple[str, ...] = ()
        self._short_names: tuple[str, ...] = ()
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[EntityDiffRow], version_names: Sequence[str],
                 short_names: Sequence[str] = ()) -> None:
        """Replace the table: ``short_names`` (else ``version_names``) head the count
        columns, base first; the long names are in their tooltips."""
        self.beginResetModel()
        self._version_names = tuple(version_names)
        self._short_names = tuple(short_names) or self._version_names
        self._rows = tuple(rows)
        self._rows = tuple(self._rows[i] for i in self._order())
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by ``column`` (kept for the rows set later)."""
        self._sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        order_of_rows = self._order()
        new_row = [0] * len(order_of_rows)
        for new, old in enumerate(order_of_rows):
            new_row[old] = new
        self._rows = tuple(self._rows[i] for i in order_of_rows)
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent, [self.index(new_row[i.row()], i.column()) for i in persistent])
        self.layoutChanged.emit()

    def _order(self) -> list[int]:
        """Row numbers in the chosen sort order (stable; the stored order if none)."""
        rows = range(len(self._rows))
        if self._sorted_by is None or not 0 <= self._sorted_by[0] < self.columnCount():
            return list(rows)
        column, order = self._sorted_by
        return sorted(rows, key=lambda i: self._sort_key(self._rows[i], column),
                      reverse=order == Qt.SortOrder.DescendingOrder)

    def clear(self) -> None:
        self.set_rows((), ())

    def row_at(self, row: int) -> EntityDiffRow:
        return self._rows[row]

    @property
    def version_count(self) -> int:
        return len(self._version_names)

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_FIXED_COLUMNS) + len(self._version_names)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        fixed = len(_FIXED_COLUMNS)
        if role == Qt.ItemDataRole.DisplayRole:
            if section < fixed:
                return _FIXED_COLUMNS[section]
            return self._short_names[section - fixed]
        if role == Qt.ItemDataRole.ToolTipRole and section >= fixed:
            base = " (the base)" if section == fixed else ""
            return f"Mentions in {self._version_names[section - fixed]}{base}"
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= len(_FIXED_COLUMNS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self._is_missing_cell(row, column):
            return MISSING_BACKGROUND
        if role == Qt.ItemDataRole.FontRole and column == 0 and row.missing_in:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # ------------------------------------------------------------------ helpers

    def _count(self, row: EntityDiffRow, column: int) -> int:
        version = column - len(_FIXED_COLUMNS)
        return row.counts[version] if 0 <= version < len(row.counts) else 0

    def _display(self, row: EntityDiffRow, column: int) -> str:
        if column == 0:
            return row.text
        if column == 1:
            return type_name(row.label)
        count = self._count(row, column)
        return str(count) if count else "—"

    def _sort_key(self, row: EntityDiffRow, column: int) -> object:
        if column == 0:
            return row.text.casefold()
        if column == 1:
            return self._display(row, 1)
        return self._count(row, column)

    def _is_missing_cell(self, row: EntityDiffRow, column: int) -> bool:
        return column >= len(_FIXED_COLUMNS) and (column - len(_FIXED_COLUMNS)) in row.missing_in

    def _tooltip(self, row: EntityDiffRow) -> str:
        parts = [f"{row.text} ({type_name(row.label)})"]
        for name, count in zip(self._version_names, row.counts, strict=False):
            parts.append(f"{name}: {count} mention{'s' if count != 1 else ''}")
        if row.missing_in:
            missing = ", ".join(self._version_names[i] for i in row.missing_in
                                if i < len(self._version_names))
            parts.append(f"Missing in {missing}")
        return "\n".join(parts)


class EntitiesProxy(QSortFilterProxyModel):
    """Filters by name, and optionally to entities that differ; the model does the sorting."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._only_differences = False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, EntitiesModel):
            model.sort(column, order)  # the proxy keeps the source's order
        else:
            super().sort(column, order)

    def set_only_differences(self, on: bool) -> None:
        """Hide entities every version mentions equally often."""
        if on == self._only_differences:
            return  # filtering the rows again costs tens of ms on a long story's entities
        self._only_differences = on
        self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if self._only_differences:
            model = self.sourceModel()
            assert isinstance(model, EntitiesModel)
            row = model.row_at(source_row)
            if not row.missing_in and len(set(row.counts)) <= 1:
                return False
        return super().filterAcceptsRow(source_row, source_parent)


def make_entities_proxy(model: EntitiesModel, parent: QObject | None = None) -> EntitiesProxy:
    """A sortable, filterable view of ``model``: numeric counts, case-insensitive names."""
    proxy = EntitiesProxy(parent)
    proxy.setSourceModel(model)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(0)
    return proxy
