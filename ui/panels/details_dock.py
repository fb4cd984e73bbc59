"""Details of a comparison: summary figures, entities, quote checks and typed changes.

The dock only shows what the engine found; a click on any row emits
``span_requested(version, start, end)`` (code-point offsets) and the main window asks
the compare view to select that text.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.quote_words import change_heading, quote_status_words
from core.records import Comparison, OtherSummary, QuoteCheck, Span, TypedChange, Version
from ui.entity_types import TYPE_NAMES
from ui.models.entities_model import ROW_ROLE, EntitiesModel, make_entities_proxy
from ui.panels.quote_rows import QuoteRow, found_quote_row, quote_row
from ui.panels.wrapped_rows import WrappedRowsDelegate

#: Per item: list of (version, start, end) to select when the row is clicked.
SPANS_ROLE = Qt.ItemDataRole.UserRole + 10
#: Column widths fit this many rows; measuring thousands would stall the hand-over.
RESIZE_PRECISION_ROWS = 200
#: The entity names' column grows to its longest name up to this (then it scrolls).
NAME_COLUMN_MAX = 240
NAME_COLUMN_MIN = 120

#: Translucent tints: legible over light and dark palettes alike.
STATUS_TINTS = {  # Okabe–Ito hues, as in the comparison panes
    "verbatim": QColor(0, 158, 115, 60),
    "altered": QColor(230, 159, 0, 80),
    "added": QColor(86, 180, 233, 70),
    "removed": QColor(213, 94, 0, 70),
    "paraphrased": QColor(0, 114, 178, 60),
    "unquoted_in_base": QColor(0, 114, 178, 60),
}
_FIGURES = (
    ("similarity", "Similarity", "Length-weighted similarity of aligned sentences"),
    ("reuse_share", "Reused", "Share of the base's words in sentences the other version kept"),
    ("verbatim_share", "Word for word", "Share of the base's words reproduced verbatim"),
)
_STATUS_ORDER = ("identical", "changed", "moved", "added", "removed")

SpanTarget = tuple[int, int, int]
#: Characters a line of the quote list's status column holds.
STATUS_LINE_CHARS = 16


def two_lines(name: str) -> str:
    """A short version name on two lines for a narrow column: "Meridian\\n3 Mar"."""
    head, _, tail = name.partition(" ")
    return f"{head}\n{tail}" if tail and len(name) > 9 else name


def wrapped_status(status: str) -> str:
    """Long status words on short lines for the narrow status column ("paraphrased as\n
    reported speech"); the column is as wide as its longest line."""
    return textwrap.fill(status, STATUS_LINE_CHARS, break_long_words=False)


def _snippet(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class SummaryPanel(QWidget):
    """Headline figures for one other version against the base."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        self._values: dict[str, QLabel] = {}
        for column, (key, caption, tip) in enumerate(_FIGURES):
            value = QLabel("–", self)
            value.setObjectName("figure_value")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value.setToolTip(tip)
            font = value.font()
            font.setPointSizeF(font.pointSizeF() * 1.6)
            font.setBold(True)
            value.setFont(font)
            label = QLabel(caption, self)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setToolTip(tip)
            grid.addWidget(value, 0, column)
            grid.addWidget(label, 1, column)
            self._values[key] = value
        self.counts = QLabel(self)
        self.counts.setObjectName("figure_counts")
        self.counts.setWordWrap(True)
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(self.counts, 2, 0, 1, len(_FIGURES))

    def show_summary(self, summary: OtherSummary | None) -> None:
        for key, label in self._values.items():
            value = getattr(summary, key) if summary is not None else None
            label.setText("–" if value is None else f"{value:.0%}")
        self.counts.setText(self._counts_text(summary) if summary is not None else "")

    def figure(self, key: str) -> str:
        return self._values[key].text()

    @staticmethod
    def _counts_text(summary: OtherSummary) -> str:
        statuses = summary.status_counts
        parts = [f"{statuses[s]} {s}" for s in _STATUS_ORDER if statuses.get(s)]
        lines = ["Sentences: " + (", ".join(parts) or "none")]
        if summary.change_counts:
            changes = ", ".join(f"{n} {k}" for k, n in sorted(summary.change_counts.items()))
            lines.append("Typed changes: " + changes)
        if summary.quote_counts:
            quotes = ", ".join(f"{n} {quote_status_words(k)}"
                               for k, n in sorted(summary.quote_counts.items()))
            lines.append("Quotes: " + quotes)
        return "\n".join(lines)


class DetailsDock(QDockWidget):
    """Summary, entity table, quote checks and typed changes of the current comparison."""

    span_requested = Signal(int, int, int)
    #: The analyst chose another version to compare with the base (the panes follow).
    other_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Details", parent)
        self.setObjectName("details_dock")
        self._comparison: Comparison | None = None
        self._names: tuple[str, ...] = ()
        self._short: tuple[str, ...] = ()
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.other_combo = QComboBox(body)
        self.other_combo.setToolTip("Which version to compare with the base; the base "
                                    "pane's marks follow")
        self.other_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.other_combo.setMinimumContentsLength(8)
        row = QHBoxLayout()
        row.addWidget(QLabel("Compared with:", body))
        row.addWidget(self.other_combo, 1)
        layout.addLayout(row)
        self.summary = SummaryPanel(body)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget(body)
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setExpanding(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.entities_model = EntitiesModel(self)
        self.entities_proxy = make_entities_proxy(self.entities_model, self)
        self.entity_table = self._make_entity_table()
        self.quote_list = self._make_list(("Status", "Quote", "What changed"))
        self._wrap_rows(self.quote_list)  # the whole quote, in a wrapped row
        self.change_list = self._make_list(("Kind", "Base", "Other", "Why"))
        self._wrap_rows(self.change_list)  # a date's reason is a sentence
        self.only_differences = QCheckBox("Only entities that differ between versions", body)
        self.only_differences.setChecked(True)
        self.entities_proxy.set_only_differences(True)
        entity_page = QWidget(body)
        entity_layout = QVBoxLayout(entity_page)
        entity_layout.setContentsMargins(0, 4, 0, 0)
        entity_layout.addWidget(self.only_differences)
        entity_layout.addWidget(self.entity_table, 1)
        self.tabs.addTab(entity_page, "Entities")
        self.tabs.addTab(self.quote_list, "Quotes")
        self.tabs.addTab(self.change_list, "Changes")
        layout.addWidget(self.tabs, 1)
        self.setWidget(body)
        self.other_combo.currentIndexChanged.connect(self._show_other)
        self.other_combo.activated.connect(
            lambda _i: self.other_selected.emit(self.current_other()))
        self.entity_table.viewport().installEventFilter(self)
        self.entity_table.clicked.connect(self._entity_clicked)
        self.only_differences.toggled.connect(self._set_only_differences)
        self.quote_list.itemClicked.connect(self._item_clicked)
        self.change_list.itemClicked.connect(self._item_clicked)
        self.clear()

    def _make_entity_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.entities_proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(False)
        table.setWordWrap(False)
        return table

    @staticmethod
    def _wrap_rows(tree: QTreeWidget) -> None:
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        tree.setItemDelegate(WrappedRowsDelegate(tree))

    def _make_list(self, headers: Sequence[str]) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setHeaderLabels(list(headers))
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setWordWrap(False)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        return tree

    # ------------------------------------------------------------------ content

    def clear(self) -> None:
        self._comparison = None
        self._names = self._short = ()
        self._entity_clicks: dict[str, int] = {}
        self.other_combo.clear()
        self.other_combo.setEnabled(False)
        self.summary.show_summary(None)
        self.entities_model.clear()
        self.quote_list.clear()
        self.change_list.clear()
        for index, title in enumerate(("Entities", "Quotes", "Changes")):
            self.tabs.setTabText(index, title)

    def set_comparison(self, comparison: Comparison, version_names: Sequence[str],
                       short_names: Sequence[str] = ()) -> None:
        """Show ``comparison``; ``version_names`` name its versions, base first, and
        ``short_names`` head the entity table's count columns."""
        self._comparison = comparison
        self._names = tuple(version_names)
        self._short = tuple(short_names) or self._names
        self._entity_clicks = {}
        single = len(comparison.versions) == 1  # nothing differs: list every entity found
        self.only_differences.setEnabled(not single)
        self.entities_proxy.set_only_differences(self.only_differences.isChecked() and not single)
        self.entities_model.set_rows(comparison.entity_diff, self._names,
                                     [two_lines(n) for n in self._short])
        self._size_entity_columns()
        self.other_combo.blockSignals(True)
        self.other_combo.clear()
        for index in range(1, len(comparison.versions)):
            self.other_combo.addItem(self._name(index), index)
        self.other_combo.blockSignals(False)
        if not self.other_combo.count():
            self.other_combo.addItem("(no other version yet)", None)
        self.other_combo.setEnabled(self.other_combo.count() > 1)
        self._show_other()

    def show_other_version(self, index: int) -> None:
        """Compare ``index`` with the base (the panes chose it); emits nothing."""
        found = self.other_combo.findData(index)
        if found >= 0 and found != self.other_combo.currentIndex():
            self.other_combo.setCurrentIndex(found)  # fills the tabs for it

    def _size_entity_columns(self) -> None:
        # Widths from the font, not resizeColumnsToContents: that asks the model for
        # every role of every cell, a fifth of a second on a long story's entities.
        metrics = self.entity_table.fontMetrics()
        header = self.entity_table.horizontalHeader()
        header.resizeSection(1, max(metrics.horizontalAdvance(n) for n in TYPE_NAMES.values()) + 12)
        for column in range(2, self.entities_model.columnCount()):
            title = str(self.entities_model.headerData(column, Qt.Orientation.Horizontal))
            widest = max(metrics.horizontalAdvance(line) for line in title.split("\n"))
            # the title plus room for the sort arrow; counts rarely pass three digits
            header.resizeSection(column, max(widest + 22, metrics.horizontalAdvance("000") + 12))
        names = [self.entities_model.row_at(r).text
                 for r in range(min(self.entities_model.rowCount(), RESIZE_PRECISION_ROWS))]
        bold = self.entity_table.font()
        bold.setBold(True)  # names missing somewhere are bold
        widest = max((QFontMetrics(bold).horizontalAdvance(n) for n in names), default=60)
        self._name_width = min(NAME_COLUMN_MAX, widest + 16)
        self._fit_name_column()

    def _fit_name_column(self) -> None:
        """The name column as wide as the names need, or the room left if that is more."""
        header = self.entity_table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(1, header.count()))
        room = self.entity_table.viewport().width() - others
        # In a narrow dock the names keep about 18 characters and the table scrolls,
        # rather than being cut to two or three letters.
        header.resizeSection(0, max(min(getattr(self, "_name_width", 60), NAME_COLUMN_MIN), room))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.entity_table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_name_column()
        return super().eventFilter(watched, event)

    def comparison(self) -> Comparison | None:
        """The comparison shown, if any."""
        return self._comparison

    def current_other(self) -> int:
        value = self.other_combo.currentData()
        return int(value) if value is not None else 1

    def _name(self, version: int) -> str:
        return self._names[version] if version < len(self._names) else f"Version {version + 1}"

    def _show_other(self) -> None:
        comparison = self._comparison
        if comparison is None:
            return
        other = self.current_other()
        summary = next((s for s in comparison.summary if s.other == other), None)
        self.summary.show_summary(summary)
        self._fill_quotes(comparison, other)
        self._fill_changes(comparison, other)
        quotes = self.quote_list.topLevelItemCount()
        changes = self.change_list.topLevelItemCount()
        self._update_entity_tab()
        self.tabs.setTabText(1, f"Quotes {quotes}")
        self.tabs.setTabText(2, f"Changes {changes}")

    def _set_only_differences(self, on: bool) -> None:
        self.entities_proxy.set_only_differences(on)
        self._update_entity_tab()

    def _update_entity_tab(self) -> None:
        shown, total = self.entities_proxy.rowCount(), self.entities_model.rowCount()
        text = f"Entities {shown}/{total}" if shown != total else f"Entities {total}"
        self.tabs.setTabText(0, text)

    def _fill_quotes(self, comparison: Comparison, other: int) -> None:
        self.quote_list.clear()
        items: list[QTreeWidgetItem] = []
        if len(comparison.versions) == 1:  # nothing to compare: what the import found
            version = comparison.versions[0]
            for quote in version.quotes:
                items.append(self._quote_item(found_quote_row(version, quote),
                                              [(0, quote.start, quote.end)]))
            self.quote_list.addTopLevelItems(items)
            return
        checks = next((q for q in comparison.quote_checks if q.other == other), None)
        base, version = comparison.versions[0], comparison.versions[other]
        for check in checks.rows if checks is not None else ():
            items.append(self._quote_item(quote_row(comparison, other, check),
                                          self._quote_spans(check, base, version, other)))
        self.quote_list.addTopLevelItems(items)

    @staticmethod
    def _quote_item(row: QuoteRow, spans: list[SpanTarget]) -> QTreeWidgetItem:
        item = QTreeWidgetItem([wrapped_status(row.status), row.quote, row.changes])
        item.setData(0, SPANS_ROLE, spans)
        tint = STATUS_TINTS.get(row.kind)
        if tint is not None:
            item.setBackground(0, tint)
        for column in range(3):
            item.setToolTip(column, row.tooltip)
        return item

    @staticmethod
    def _quote_spans(
        check: QuoteCheck, base: Version, other: Version, other_index: int
    ) -> list[SpanTarget]:
        spans: list[SpanTarget] = []
        if check.base_quote is not None:
            quote = base.quotes[check.base_quote]
            spans.append((0, quote.start, quote.end))
        if check.other_quote is not None:
            quote = other.quotes[check.other_quote]
            spans.append((other_index, quote.start, quote.end))
        for version, span in ((0, check.base_span), (other_index, check.other_span)):
            if span is not None:  # the unquoted words the quote is linked to
                spans.append((version, span.start, span.end))
        return spans

    def _fill_changes(self, comparison: Comparison, other: int) -> None:
        self.change_list.clear()
        alignment = next((a for a in comparison.alignments if a.other == other), None)
        self.change_list.addTopLevelItems([
            self._change_item(change, other)
            for row in (alignment.rows if alignment is not None else ())
            for change in row.changes])

    @staticmethod
    def _change_item(change: TypedChange, other: int) -> QTreeWidgetItem:
        texts = [change_heading(change), _snippet(change.base_text, 50),
                 _snippet(change.other_text, 50), change.note]
        item = QTreeWidgetItem(texts)
        spans = [(0, s.start, s.end) for s in change.base_spans]
        spans += [(other, s.start, s.end) for s in change.other_spans]
        item.setData(0, SPANS_ROLE, spans)
        tip = f"“{change.base_text}” → “{change.other_text}”"
        tip += f"\n{change.note}" if change.note else ""
        for column in range(len(texts)):
            item.setToolTip(column, tip)
        return item

    # ------------------------------------------------------------------ clicks

    def _item_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        for version, start, end in item.data(0, SPANS_ROLE) or ():
            self.span_requested.emit(int(version), int(start), int(end))

    def _entity_clicked(self, index: QModelIndex) -> None:
        comparison = self._comparison
        row = self.entities_proxy.data(index, ROW_ROLE)
        if comparison is None or row is None:
            return
        # Each click on the same entity moves on to its next mention in every version.
        click = self._entity_clicks.get(row.key, -1) + 1
        self._entity_clicks[row.key] = click
        for version_index, version in enumerate(comparison.versions):
            mentions = [e for e in version.entities if e.key == row.key]
            if mentions:
                mention = mentions[click % len(mentions)]
                self.span_requested.emit(version_index, mention.start, mention.end)

    def spans_of(self, tree: QTreeWidget, row: int) -> list[Span]:
        """The spans a row of ``tree`` selects (for tests and keyboard navigation)."""
        item = tree.topLevelItem(row)
        return [Span(s, e) for _v, s, e in (item.data(0, SPANS_ROLE) or ())] if item else []
