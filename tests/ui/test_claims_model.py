"""ClaimsModel: a well-behaved table that filters and sorts itself and asks for edits."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QAbstractItemModelTester

from core.storage.rows import LabelRow
from tests.ui.claim_factory import VERSION_NAMES, claim
from ui.models.claim_filter import (
    AUTHOR,
    COLUMNS,
    DRIFT,
    LABEL,
    MODIFIED,
    NO_LABEL,
    NOTE,
    STATUS,
    TEXT,
    VERSIONS,
    ClaimFilter,
    accepts,
    sort_key,
)
from ui.models.claims_model import ENTRY_ROLE, ClaimsModel

LABELS = (
    LabelRow(id=2, name="Quotation", colour="#e69f00", shortcut="2", position=1),
    LabelRow(id=1, name="Statistic", colour="#0072b2", shortcut="1", position=0),
)
QUOTE = (2, "Quotation", "#e69f00")
ENTRIES = (
    claim(1, "At least 20 people died", note="Check the toll\nAsk the agency",
          others=[(1, "30 people died", "number"), (2, "At least 20 people died", "verbatim")],
          modified="2024-05-03T10:00:00.000Z"),
    claim(2, "The minister said it was safe", label=QUOTE, status="disputed",
          others=[(1, "The minister reportedly said it was safe", "hedge")], author="Bo",
          modified="2024-05-01T10:00:00.000Z"),
    claim(3, "Rain fell overnight", label=None, status="verified", origin_version=1,
          others=[(0, "Rain fell overnight.", "verbatim")], note="weather",
          modified="2024-05-02T10:00:00.000Z"),
    claim(4, "Talks did not collapse", label=QUOTE, status="refuted",
          others=[(1, "Talks collapsed", "negation"), (2, "The talks broke down", "reworded")],
          author="cy", modified="2024-05-04T10:00:00.000Z"),
)


def watched(model: ClaimsModel) -> ClaimsModel:
    """``model`` under a QAbstractItemModelTester that lives as long as it does."""
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal, model)
    return model


@pytest.fixture
def model(qapp):
    model = watched(ClaimsModel())
    model.set_entries(ENTRIES, VERSION_NAMES, LABELS)
    return model


def shown_ids(model: ClaimsModel) -> list[int]:
    return [model.entry_at(row).claim_id for row in range(model.rowCount())]


def cell(model: ClaimsModel, claim_id: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    row = model.row_of(claim_id)
    assert row is not None
    return model.data(model.index(row, column), role)


def test_shape_headers_and_entries(model):
    assert model.rowCount() == 4
    assert model.columnCount() == 8
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)]
    assert headers == ["Label", "Status", "Drift", "Versions", "Text", "Note", "Author",
                       "Modified"]
    assert model.data(model.index(2, 0), ENTRY_ROLE) is ENTRIES[2]
    assert model.total_count() == 4


def test_cells_show_analyst_words(model):
    assert cell(model, 1, LABEL) == "Statistic"
    assert cell(model, 3, LABEL) == "—"
    assert cell(model, 1, STATUS) == "Open"
    assert cell(model, 3, STATUS) == "Supported"
    assert cell(model, 4, STATUS) == "False"
    assert cell(model, 1, DRIFT) == "reworded · number changed"
    assert cell(model, 3, DRIFT) == "verbatim"
    assert cell(model, 1, VERSIONS) == "1 2 3"
    assert cell(model, 2, VERSIONS) == "1 2 –"
    assert cell(model, 3, VERSIONS) == "1 2 –"
    assert cell(model, 1, TEXT) == "At least 20 people died"
    assert cell(model, 1, NOTE) == "Check the toll"
    assert cell(model, 2, AUTHOR) == "Bo"
    assert cell(model, 1, MODIFIED).startswith("2024-05-0")


def test_label_swatch_is_the_label_colour(model):
    assert cell(model, 2, LABEL, Qt.ItemDataRole.DecorationRole) == QColor("#e69f00")
    assert cell(model, 3, LABEL, Qt.ItemDataRole.DecorationRole) == QColor("#9e9e9e")


def test_tooltips_give_every_appearance_and_the_full_text(model):
    tip = cell(model, 2, DRIFT, Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == ["Tagged in Original", "Rewrite: hedge added",
                                "    hedge added: “reportedly”", "Missing in Update"]
    assert cell(model, 1, NOTE, Qt.ItemDataRole.ToolTipRole) == "Check the toll\nAsk the agency"
    assert cell(model, 4, TEXT, Qt.ItemDataRole.ToolTipRole) == "Talks did not collapse"


def test_versions_show_a_dash_where_the_claim_is_missing(qapp):
    model = watched(ClaimsModel())
    model.set_entries([claim(5, "x", origin_version=2, others=[(0, "x", "verbatim")])],
                      VERSION_NAMES, LABELS)
    assert cell(model, 5, VERSIONS) == "1 – 3"
    assert cell(model, 5, VERSIONS, Qt.ItemDataRole.ToolTipRole).splitlines() == [
        "Tagged in Update", "Original: verbatim", "Missing in Rewrite"]


def test_long_quotes_are_flattened_and_shortened_for_display(qapp):
    model = watched(ClaimsModel())
    text = "word\n" * 200
    model.set_entries([claim(9, text)], VERSION_NAMES, LABELS)
    shown = cell(model, 9, TEXT)
    assert "\n" not in shown and len(shown) < 300
    assert cell(model, 9, TEXT, Qt.ItemDataRole.ToolTipRole).count("word") == 200


@pytest.mark.parametrize(("claim_filter", "expected"), [
    (ClaimFilter(label_id=2), [2, 4]),
    (ClaimFilter(label_id=NO_LABEL), [3]),
    (ClaimFilter(status="disputed"), [2]),
    (ClaimFilter(version_index=2), [1, 4]),
    (ClaimFilter(missing_in=2), [2, 3]),
    (ClaimFilter(missing_in=0), []),
    (ClaimFilter(drift="number"), [1]),
    (ClaimFilter(drift="verbatim"), [3]),
    (ClaimFilter(drift="reworded"), [1, 4]),
    (ClaimFilter(drift="absent"), [2, 3]),
    (ClaimFilter(text="AGENCY"), [1]),             # second line of a note
    (ClaimFilter(text="reportedly"), [2]),         # a non-origin quote
    (ClaimFilter(text="talks"), [4]),
    (ClaimFilter(label_id=2, status="refuted", text="collapse"), [4]),
    (ClaimFilter(), [1, 2, 3, 4]),
])
def test_filters(model, claim_filter, expected):
    model.set_filter(claim_filter)
    assert shown_ids(model) == expected
    assert model.total_count() == 4


@pytest.mark.parametrize(("column", "ascending"), [
    (LABEL, [3, 2, 4, 1]),       # "" < quotation < statistic; ties keep their order
    (STATUS, [1, 3, 2, 4]),      # open, verified, disputed, refuted
    (DRIFT, [3, 2, 1, 4]),       # verbatim < hedge < number < negation
    (VERSIONS, [2, 3, 1, 4]),
    (TEXT, [1, 3, 4, 2]),
    (NOTE, [2, 4, 1, 3]),
    (AUTHOR, [1, 3, 2, 4]),      # "ana" twice (ties in order), "Bo", "cy"
    (MODIFIED, [2, 3, 1, 4]),
])
def test_sort_each_column(model, column, ascending):
    model.sort(column, Qt.SortOrder.AscendingOrder)
    assert shown_ids(model) == ascending
    model.sort(column, Qt.SortOrder.DescendingOrder)
    descending = shown_ids(model)
    keys = [sort_key(model.entry(i), column) for i in descending]
    assert keys == sorted(keys, reverse=True)
    assert sorted(descending) == [1, 2, 3, 4]


def test_sort_keeps_selection_on_the_same_claims(model):
    kept = QPersistentModelIndex(model.index(model.row_of(2), NOTE))
    model.sort(MODIFIED, Qt.SortOrder.DescendingOrder)
    assert kept.row() == model.row_of(2) == 3
    model.set_filter(ClaimFilter(label_id=1))
    assert not kept.isValid()


def test_upsert_of_a_shown_claim_changes_its_row_only(model):
    changes = []
    model.dataChanged.connect(lambda top, bottom: changes.append((top.row(), bottom.row(),
                                                                   bottom.column())))
    edited = claim(2, ENTRIES[1].origin.text, label=QUOTE, status="verified", note="ok")
    model.upsert(edited)
    assert changes == [(1, 1, len(COLUMNS) - 1)]
    assert cell(model, 2, STATUS) == "Supported"
    assert shown_ids(model) == [1, 2, 3, 4]


def test_upsert_moves_a_row_to_its_sorted_place(model):
    model.sort(NOTE, Qt.SortOrder.AscendingOrder)
    assert shown_ids(model) == [2, 4, 1, 3]
    moves = []
    model.rowsMoved.connect(lambda *args: moves.append(args[1]))
    model.upsert(claim(2, ENTRIES[1].origin.text, note="zzz last"))
    assert shown_ids(model) == [4, 1, 3, 2]
    model.upsert(claim(3, "Rain fell overnight", note="aaa", origin_version=1))
    assert shown_ids(model) == [4, 3, 1, 2]  # after claim 4's empty note
    assert moves == [0, 2]


def test_upsert_inserts_new_claims_where_the_sort_puts_them(model):
    model.sort(AUTHOR, Qt.SortOrder.DescendingOrder)
    assert shown_ids(model) == [4, 2, 1, 3]  # "cy", "Bo", then "ana" twice in their order
    model.upsert(claim(5, "New", author="bz"))
    assert shown_ids(model) == [4, 5, 2, 1, 3]
    model.upsert(claim(6, "Newer", author="ana"))
    assert shown_ids(model) == [4, 5, 2, 1, 3, 6]
    assert model.total_count() == 6


def test_upsert_obeys_the_filter(model):
    model.set_filter(ClaimFilter(status="open"))
    assert shown_ids(model) == [1]
    model.upsert(claim(1, ENTRIES[0].origin.text, status="verified"))
    assert shown_ids(model) == []
    model.upsert(claim(3, "Rain fell overnight", status="open", origin_version=1))
    assert shown_ids(model) == [3]
    model.upsert(claim(7, "hidden", status="refuted"))
    assert shown_ids(model) == [3]
    model.set_filter(ClaimFilter())
    assert shown_ids(model) == [1, 2, 3, 4, 7]


def test_remove(model):
    model.remove(2)
    assert shown_ids(model) == [1, 3, 4]
    assert model.row_of(2) is None and model.entry(2) is None
    model.set_filter(ClaimFilter(status="verified"))
    model.remove(1)  # filtered out: nothing shown changes
    assert shown_ids(model) == [3]
    assert model.total_count() == 2


def test_set_data_asks_for_the_edit_and_changes_nothing(model):
    requests = []
    model.edit_requested.connect(lambda *args: requests.append(args))
    row = model.row_of(1)
    assert model.setData(model.index(row, STATUS), "Supported")
    assert model.setData(model.index(row, STATUS), "disputed")
    assert model.setData(model.index(row, LABEL), 2)
    assert model.setData(model.index(model.row_of(2), LABEL), NO_LABEL)
    assert model.setData(model.index(row, NOTE), "Checked the toll")
    assert requests == [(1, "status", "verified"), (1, "status", "disputed"),
                        (1, "label", 2), (2, "label", None),
                        (1, "note", "Checked the toll\nAsk the agency")]
    assert cell(model, 1, STATUS) == "Open"
    assert cell(model, 1, NOTE) == "Check the toll"


def test_set_data_refuses_unknown_or_unchanged_values(model):
    requests = []
    model.edit_requested.connect(lambda *args: requests.append(args))
    row = model.row_of(1)
    assert not model.setData(model.index(row, STATUS), "maybe")
    assert not model.setData(model.index(row, STATUS), "open")
    assert not model.setData(model.index(row, NOTE), "Check the toll")
    assert not model.setData(model.index(row, TEXT), "new words")
    assert not model.setData(model.index(row, LABEL), "not a number")
    assert requests == []


def test_only_label_status_and_note_are_editable(model):
    editable = [c for c in range(8)
                if model.flags(model.index(0, c)) & Qt.ItemFlag.ItemIsEditable]
    assert editable == [LABEL, STATUS, NOTE]
    assert model.data(model.index(model.row_of(3), LABEL), Qt.ItemDataRole.EditRole) == NO_LABEL
    assert model.data(model.index(0, NOTE), Qt.ItemDataRole.EditRole) == "Check the toll"


def test_choices_list_labels_in_schema_order_and_status_words(model):
    assert model.choices(LABEL) == [("(no label)", NO_LABEL), ("Statistic", 1),
                                    ("Quotation", 2)]
    assert [word for word, _ in model.choices(STATUS)] == [
        "Open", "Supported", "Disputed", "False", "Unverifiable"]
    assert model.choices(TEXT) == []


def test_clear(model):
    model.clear()
    assert model.rowCount() == 0 and model.total_count() == 0
    assert model.index(0, 0, QModelIndex()).isValid() is False


# ---------------------------------------------------------------------- property

STATUSES = ("open", "verified", "disputed")
LABEL_CHOICES = (None, (1, "Statistic", "#0072b2"), QUOTE)
entries = st.builds(
    lambda claim_id, label, status, note, author: claim(
        claim_id, f"text {claim_id}", label=label, status=status, note=note, author=author),
    st.integers(1, 12), st.sampled_from(LABEL_CHOICES), st.sampled_from(STATUSES),
    st.sampled_from(("", "a", "b", "ab")), st.sampled_from(("x", "y")))
operations = st.one_of(
    st.tuples(st.just("upsert"), entries),
    st.tuples(st.just("remove"), st.integers(1, 12)),
    st.tuples(st.just("filter"), st.builds(
        ClaimFilter, label_id=st.sampled_from((None, 1, 2, NO_LABEL)),
        status=st.sampled_from((None, *STATUSES)), text=st.sampled_from(("", "a", "B")))),
    st.tuples(st.just("sort"), st.tuples(st.sampled_from((LABEL, STATUS, NOTE, AUTHOR)),
                                         st.sampled_from(tuple(Qt.SortOrder)))),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operations, max_size=25))
def test_incremental_changes_match_a_fresh_model(qapp, steps):
    model = watched(ClaimsModel())
    model.set_entries([], VERSION_NAMES, LABELS)
    held: dict[int, object] = {}
    for kind, value in steps:
        if kind == "upsert":
            held[value.claim_id] = value
            model.upsert(value)
        elif kind == "remove":
            held.pop(value, None)
            model.remove(value)
        elif kind == "filter":
            model.set_filter(value)
        else:
            model.sort(*value)
    expected = [e for e in held.values() if accepts(model.claim_filter, e)]
    if any(kind == "sort" for kind, _ in steps):
        column, order = next(v for k, v in reversed(steps) if k == "sort")
        expected.sort(key=lambda e: sort_key(e, column),
                      reverse=order == Qt.SortOrder.DescendingOrder)
    assert [model.entry_at(r) for r in range(model.rowCount())] == expected
    assert all(model.row_of(e.claim_id) == r for r, e in enumerate(expected))


def test_times_are_shown_to_the_minute_and_odd_stamps_as_they_are():
    from ui.models.claim_cells import local_time
    assert local_time("2024-05-01T14:03:12.345") == "2024-05-01 14:03"
    assert local_time("yesterday") == "yesterday"
