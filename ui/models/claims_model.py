"""The claims of a story as a table that filters and sorts itself.

Like ``EntitiesModel`` it orders rows with Python's sort on precomputed keys instead of a
``QSortFilterProxyModel``, which would call back into Python for every row and every
comparison. A filter or sort change is one layout change (selection and current index
survive it); ``upsert`` and ``remove`` touch one row only.

The model never changes a claim itself: an edit in a cell emits
``edit_requested(claim_id, field, value)`` and the main window pushes an undo command,
then calls ``upsert`` with what storage returned. A note is edited one line at a time in
the table: the cell shows and edits its first line, and the lines after it are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from core.claims import STATUS_WORDS, parse_status
from core.collector import collector_paused
from core.errors import VariorumError
from ui.models.claim_cells import (
    display_text,
    first_line,
    label_tooltip,
    tooltip_text,
    with_first_line,
)
from ui.models.claim_entries import ClaimEntry
from ui.models.claim_filter import (
    COLUMNS,
    LABEL,
    NO_LABEL,
    NOTE,
    SORT_KEYS,
    STATUS,
    ClaimFilter,
    Predicate,
    compile_filter,
    search_text,
)

if TYPE_CHECKING:
    from core.storage.rows import LabelRow

AnyIndex = QModelIndex | QPersistentModelIndex
#: The ``ClaimEntry`` behind a row.
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
EDITABLE = {LABEL: "label", STATUS: "status", NOTE: "note"}
Choices = list[tuple[str, object]]


class ClaimsModel(QAbstractTableModel):
    """Rows of ``ClaimEntry``, filtered by a ``ClaimFilter`` and sorted by one column."""

    edit_requested = Signal(int, str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: dict[int, ClaimEntry] = {}
        self._seq: dict[int, int] = {}
        self._next_seq = 0
        # Per claim, computed when first needed and dropped when the claim changes.
        self._haystacks: dict[int, str] = {}
        self._kinds: dict[int, frozenset[str]] = {}
        self._keys: dict[int, dict[int, object]] = {}
        self._test: Predicate | None = None
        self._rows: list[ClaimEntry] = []
        self._row_index: dict[int, int] | None = None
        self._filter = ClaimFilter()
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None
        self._version_names: tuple[str, ...] = ()
        self._labels: tuple[LabelRow, ...] = ()
        self._labels_by_id: dict[int, LabelRow] = {}
        self._colours: dict[str, QColor] = {}

    # ------------------------------------------------------------------ content

    def set_entries(
        self,
        entries: Sequence[ClaimEntry],
        version_names: Sequence[str],
        labels: Sequence[LabelRow],
    ) -> None:
        """Replace every claim; ``version_names`` base first, ``labels`` for the label editor."""
        self.beginResetModel()
        self._version_names = tuple(version_names)
        self._labels = tuple(sorted(labels, key=lambda label: label.position))
        self._labels_by_id = {label.id: label for label in self._labels}
        self._all = {entry.claim_id: entry for entry in entries}
        self._seq = {claim_id: seq for seq, claim_id in enumerate(self._all)}
        self._next_seq = len(self._seq)
        self._haystacks, self._kinds, self._keys = {}, {}, {}
        self._rows = self._visible()
        self._row_index = None
        self.endResetModel()

    def clear(self) -> None:
        self.set_entries((), (), ())

    def upsert(self, entry: ClaimEntry) -> None:
        """Add or replace one claim; only its row changes (moved, if the sort says so)."""
        claim_id = entry.claim_id
        if claim_id not in self._seq:
            self._seq[claim_id] = self._next_seq
            self._next_seq += 1
        self._all[claim_id] = entry
        self._forget(claim_id)
        row = self.row_of(claim_id)
        shown = self._accepts(entry)
        if row is None and shown:
            position = self._position(entry, skip=None)
            self.beginInsertRows(QModelIndex(), position, position)
            self._rows.insert(position, entry)
            self._row_index = None
            self.endInsertRows()
        elif row is not None and not shown:
            self._remove_row(row)
        elif row is not None:
            self._replace_row(row, entry)

    def remove(self, claim_id: int) -> None:
        """Forget one claim (deleted in storage)."""
        row = self.row_of(claim_id)
        self._all.pop(claim_id, None)
        self._seq.pop(claim_id, None)
        self._forget(claim_id)
        if row is not None:
            self._remove_row(row)

    def set_filter(self, claim_filter: ClaimFilter) -> None:
        """Show only the claims ``claim_filter`` accepts (one layout change)."""
        if claim_filter != self._filter:
            self._filter = claim_filter
            self._test = compile_filter(claim_filter, self._haystack, self._drift_kinds)
            self._relayout(self._visible())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by ``column``; kept for rows added later."""
        self._sorted_by = (column, order) if 0 <= column < len(COLUMNS) else None
        self._relayout(self._visible())

    # ------------------------------------------------------------------ queries

    @property
    def claim_filter(self) -> ClaimFilter:
        return self._filter

    @property
    def version_names(self) -> tuple[str, ...]:
        return self._version_names

    @property
    def labels(self) -> tuple[LabelRow, ...]:
        """The labels offered by the label editor, in schema order."""
        return self._labels

    def total_count(self) -> int:
        """How many claims the model holds, shown or not."""
        return len(self._all)

    def entry_at(self, row: int) -> ClaimEntry:
        return self._rows[row]

    def entry(self, claim_id: int) -> ClaimEntry | None:
        """The claim's entry, shown or filtered out."""
        return self._all.get(claim_id)

    def row_of(self, claim_id: int) -> int | None:
        """The row showing ``claim_id``, or None when it is filtered out or unknown."""
        if self._row_index is None:
            self._row_index = {entry.claim_id: row for row, entry in enumerate(self._rows)}
        return self._row_index.get(claim_id)

    def choices(self, column: int) -> Choices:
        """(words, value) pairs an editor of ``column`` offers: labels or status words."""
        if column == LABEL:
            return [("(no label)", NO_LABEL)] + [(label.name, label.id) for label in self._labels]
        if column == STATUS:
            return [(word, status) for status, word in STATUS_WORDS.items()]
        return []

    # ------------------------------------------------------------------ ordering

    def _forget(self, claim_id: int) -> None:
        self._haystacks.pop(claim_id, None)
        self._kinds.pop(claim_id, None)
        for keys in self._keys.values():
            keys.pop(claim_id, None)

    def _haystack(self, entry: ClaimEntry) -> str:
        text = self._haystacks.get(entry.claim_id)
        if text is None:
            text = self._haystacks[entry.claim_id] = search_text(entry)
        return text

    def _drift_kinds(self, entry: ClaimEntry) -> frozenset[str]:
        kinds = self._kinds.get(entry.claim_id)
        if kinds is None:
            kinds = self._kinds[entry.claim_id] = entry.drift_kinds
        return kinds

    def _sort_keys(self, column: int, entries: Sequence[ClaimEntry]) -> list[Any]:
        """``column``'s sort key of each entry, computed once per claim and kept."""
        cache = self._keys.setdefault(column, {})
        key_of, get = SORT_KEYS[column], cache.get
        keys = []
        for entry in entries:
            key = get(entry.claim_id)
            if key is None:
                key = cache[entry.claim_id] = key_of(entry)
            keys.append(key)
        return keys

    def _accepts(self, entry: ClaimEntry) -> bool:
        return self._test is None or self._test(entry)

    def _visible(self) -> list[ClaimEntry]:
        """The shown rows, in order: ``_all`` keeps insertion order, and the sort is stable."""
        test, entries = self._test, self._all.values()
        with collector_paused():  # a few lists of 10,000 items: nothing for it to free
            rows = list(entries) if test is None else [entry for entry in entries if test(entry)]
            if self._sorted_by is None:
                return rows
            column, order = self._sorted_by
            keys = self._sort_keys(column, rows)
            # Sorting row numbers by a C-level key getter: no Python call per comparison.
            ranked = sorted(range(len(rows)), key=keys.__getitem__,
                            reverse=order == Qt.SortOrder.DescendingOrder)
            return [rows[i] for i in ranked]

    def _before(self) -> Callable[[ClaimEntry, ClaimEntry], bool]:
        """``a`` sorts before ``b``: the sort key in the chosen direction, then age."""
        seq = self._seq
        if self._sorted_by is None:
            return lambda a, b: seq[a.claim_id] < seq[b.claim_id]
        column, order = self._sorted_by
        descending = order == Qt.SortOrder.DescendingOrder

        def before(a: ClaimEntry, b: ClaimEntry) -> bool:
            key_a, key_b = self._sort_keys(column, (a, b))
            if key_a != key_b:
                return (key_a > key_b) if descending else (key_a < key_b)
            return seq[a.claim_id] < seq[b.claim_id]

        return before

    def _position(self, entry: ClaimEntry, skip: int | None) -> int:
        """Where ``entry`` belongs among the rows (leaving out row ``skip``)."""
        before = self._before()
        rows = self._rows
        low, high = 0, len(rows) - (skip is not None)
        while low < high:
            middle = (low + high) // 2
            other = rows[middle + (skip is not None and middle >= skip)]
            if before(other, entry):
                low = middle + 1
            else:
                high = middle
        return low

    def _replace_row(self, row: int, entry: ClaimEntry) -> None:
        self._rows[row] = entry
        position = self._position(entry, skip=row)
        if position != row:
            destination = position if position < row else position + 1
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
            self._rows.insert(position, self._rows.pop(row))
            self._row_index = None
            self.endMoveRows()
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(COLUMNS) - 1))

    def _remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._row_index = None
        self.endRemoveRows()

    def _relayout(self, rows: list[ClaimEntry]) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        if old:  # the selection and current row follow their claims
            wanted = {self._rows[index.row()].claim_id for index in old}
            moved = {entry.claim_id: row for row, entry in enumerate(rows)
                     if entry.claim_id in wanted}
            new = []
            for index in old:
                row = moved.get(self._rows[index.row()].claim_id)
                new.append(self.createIndex(row, index.column()) if row is not None
                           else QModelIndex())
            self.changePersistentIndexList(old, new)
        self._rows = rows
        self._row_index = None
        self.layoutChanged.emit()

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(entry, column)
        if role == Qt.ItemDataRole.DecorationRole and column == LABEL:
            return self._colour(entry.label_colour)
        if role == ENTRY_ROLE:
            return entry
        return None

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Ask for the edit (``edit_requested``); the entry changes when ``upsert`` says so."""
        field = EDITABLE.get(index.column())
        if role != Qt.ItemDataRole.EditRole or field is None or not index.isValid():
            return False
        entry = self._rows[index.row()]
        try:
            request = self._requested_value(entry, index.column(), value)
        except (VariorumError, ValueError):
            return False
        if request == self._stored_value(entry, index.column()):
            return False
        self.edit_requested.emit(entry.claim_id, field, request)
        return True

    # ------------------------------------------------------------------ cells

    def _display(self, entry: ClaimEntry, column: int) -> str:
        return display_text(entry, column, len(self._version_names))

    def _tooltip(self, entry: ClaimEntry, column: int) -> str | None:
        if column == LABEL:
            label = self._labels_by_id.get(entry.label_id) if entry.label_id else None
            return label_tooltip(entry, label.description if label is not None else "")
        return tooltip_text(entry, column, self._version_names)

    @staticmethod
    def _edit_value(entry: ClaimEntry, column: int) -> object:
        if column == LABEL:
            return entry.label_id if entry.label_id is not None else NO_LABEL
        if column == STATUS:
            return entry.status
        if column == NOTE:
            return first_line(entry.note)
        return None

    @staticmethod
    def _stored_value(entry: ClaimEntry, column: int) -> object:
        return {LABEL: entry.label_id, STATUS: entry.status, NOTE: entry.note}.get(column)

    @staticmethod
    def _requested_value(entry: ClaimEntry, column: int, value: object) -> object:
        """What storage should store for ``value`` typed into ``column``."""
        if column == LABEL:
            label_id = None if value is None else int(str(value))
            return None if label_id == NO_LABEL else label_id
        if column == STATUS:
            return parse_status(str(value))
        return with_first_line(entry.note, str(value if value is not None else ""))

    def _colour(self, colour: str) -> QColor:
        cached = self._colours.get(colour)
        if cached is None:
            cached = self._colours[colour] = QColor(colour)
        return cached
