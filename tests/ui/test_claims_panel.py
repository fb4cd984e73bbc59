"""ClaimsPanel driven by real key and mouse events (offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QComboBox

from tests.ui.claim_factory import VERSION_NAMES
from tests.ui.test_claims_model import ENTRIES, LABELS
from ui.models.claim_filter import DRIFT, LABEL, NOTE, STATUS, TEXT, VERSIONS
from ui.panels.claims_panel import EMPTY_HINT, ClaimsPanel


@pytest.fixture
def panel(qtbot):
    panel = ClaimsPanel()
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal,
                             panel.model)
    qtbot.addWidget(panel)
    panel.resize(360, 600)
    panel.set_claims(ENTRIES, VERSION_NAMES, LABELS)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def shown_ids(panel: ClaimsPanel) -> list[int]:
    return [panel.model.entry_at(row).claim_id for row in range(panel.model.rowCount())]


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Pick ``text`` in a closed combo box with the keyboard, as a user would."""
    combo.setFocus()
    target = combo.findText(text)
    assert target >= 0, text
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, key)


def click_row(
    qtbot, panel: ClaimsPanel, row: int, column: int = VERSIONS,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    panel.table.scrollTo(panel.model.index(row, column))
    rect = panel.table.visualRect(panel.model.index(row, column))
    assert panel.table.viewport().rect().contains(rect.center())
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_dock_name_count_and_empty_state(qtbot):
    panel = ClaimsPanel()
    qtbot.addWidget(panel)
    assert panel.objectName() == "claims_dock"
    assert panel.stack.currentWidget() is panel.empty_label
    assert "press 1–9" in panel.empty_label.text() and panel.empty_label.text() == EMPTY_HINT
    assert panel.count_text() == "0 claims"
    panel.set_claims(ENTRIES, VERSION_NAMES, LABELS)
    assert panel.stack.currentWidget() is panel.table
    assert panel.count_text() == "4 claims"


@pytest.mark.parametrize(("combo", "choice", "expected"), [
    ("label_combo", "Quotation", [2, 4]),
    ("label_combo", "No label", [3]),
    ("status_combo", "Supported", [3]),
    ("drift_combo", "number changed", [1]),
    ("drift_combo", "verbatim everywhere", [3]),
    ("version_combo", "In Update", [1, 4]),
    ("missing_combo", "Missing in Update", [2, 3]),
])
def test_each_filter_combo(qtbot, panel, combo, choice, expected):
    choose(qtbot, getattr(panel, combo), choice)
    assert shown_ids(panel) == expected
    assert panel.count_text() == f"{len(expected)} of 4 claims"


def test_search_box_filters_notes_and_quotes(qtbot, panel):
    qtbot.keyClicks(panel.search_edit, "Reportedly")
    assert shown_ids(panel) == [2]
    panel.search_edit.clear()
    qtbot.keyClicks(panel.search_edit, "weather")
    assert shown_ids(panel) == [3]
    assert panel.count_text() == "1 of 4 claims"


def test_filters_combine_and_survive_new_claims(qtbot, panel):
    choose(qtbot, panel.label_combo, "Quotation")
    choose(qtbot, panel.status_combo, "False")
    assert shown_ids(panel) == [4]
    panel.set_claims(ENTRIES[:3], VERSION_NAMES, LABELS)
    assert panel.label_combo.currentText() == "Quotation"
    assert shown_ids(panel) == []
    assert panel.count_text() == "0 of 3 claims"


def test_header_click_sorts(qtbot, panel):
    header = panel.table.horizontalHeader()
    x = header.sectionViewportPosition(STATUS) + header.sectionSize(STATUS) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    first = shown_ids(panel)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert sorted(first) == [1, 2, 3, 4]
    assert {tuple(first), tuple(shown_ids(panel))} == {(1, 3, 2, 4), (4, 2, 3, 1)}


def test_click_and_enter_activate_the_claim(qtbot, panel):
    with qtbot.waitSignal(panel.claim_activated) as clicked:
        click_row(qtbot, panel, 2)
    assert clicked.args == [3]
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    with qtbot.waitSignal(panel.claim_activated) as entered:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert entered.args == [4]


def test_delete_asks_to_delete_the_selected_claims(qtbot, panel):
    click_row(qtbot, panel, 0)
    click_row(qtbot, panel, 2, modifier=Qt.KeyboardModifier.ControlModifier)
    assert panel.selected_claims() == [1, 3]
    with qtbot.waitSignal(panel.delete_requested) as deleted:
        qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert deleted.args == [[1, 3]]
    assert shown_ids(panel) == [1, 2, 3, 4]  # the panel only asks


def test_ctrl_click_extends_the_selection_without_activating(qtbot, panel):
    activated = []
    panel.claim_activated.connect(activated.append)
    click_row(qtbot, panel, 0)
    click_row(qtbot, panel, 1, modifier=Qt.KeyboardModifier.ControlModifier)
    assert activated == [1]
    assert panel.selected_claims() == [1, 2]


def test_select_claim_selects_and_scrolls_without_activating(qtbot, panel):
    activated = []
    panel.claim_activated.connect(activated.append)
    assert panel.select_claim(4)
    assert panel.selected_claims() == [4]
    assert panel.table.currentIndex().row() == panel.model.row_of(4)
    choose(qtbot, panel.status_combo, "Open")
    assert not panel.select_claim(4)
    assert activated == []


def test_select_claim_scrolls_a_long_table(qtbot, panel):
    from tests.ui.claim_factory import claim
    many = [claim(i, f"claim number {i}") for i in range(1, 401)]
    panel.set_claims(many, VERSION_NAMES, LABELS)
    assert panel.select_claim(390)
    rect = panel.table.visualRect(panel.model.index(panel.model.row_of(390), 0))
    assert panel.table.viewport().rect().intersects(rect)


def test_editing_a_status_through_the_delegate_asks_for_the_edit(qtbot, panel):
    click_row(qtbot, panel, 0, column=STATUS)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    editor = panel.table.findChild(QComboBox, "claim_choice_editor")
    assert editor is not None and editor.currentText() == "Open"
    with qtbot.waitSignal(panel.edit_requested) as edited:
        qtbot.keyClick(editor, Qt.Key.Key_Down)
    assert edited.args == [1, "status", "verified"]
    assert panel.model.data(panel.model.index(0, STATUS)) == "Open"  # until the window upserts


def test_editing_a_label_by_double_click(qtbot, panel):
    rect = panel.table.visualRect(panel.model.index(1, LABEL))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = panel.table.findChild(QComboBox, "claim_choice_editor")
    assert editor is not None and editor.currentText() == "Quotation"
    with qtbot.waitSignal(panel.edit_requested) as edited:
        qtbot.keyClick(editor, Qt.Key.Key_Up)
    assert edited.args == [2, "label", 1]


def test_editing_a_note_keeps_its_other_lines(qtbot, panel):
    click_row(qtbot, panel, 0, column=NOTE)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    editor = panel.table.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_A, modifier=Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "Toll confirmed")
    with qtbot.waitSignal(panel.edit_requested) as edited:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert edited.args == [1, "note", "Toll confirmed\nAsk the agency"]


def test_columns_fit_a_narrow_dock(qtbot, panel):
    header = panel.table.horizontalHeader()
    metrics = panel.table.fontMetrics()
    for column in (LABEL, STATUS, DRIFT, VERSIONS):
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= 360
    assert header.sectionSize(STATUS) >= metrics.horizontalAdvance("Unverifiable")
    assert header.sectionSize(VERSIONS) >= metrics.horizontalAdvance("1 2 3")
    assert header.sectionViewportPosition(TEXT) < panel.table.viewport().width() - 40
