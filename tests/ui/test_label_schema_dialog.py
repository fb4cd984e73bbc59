"""LabelSchemaDialog driven by clicks and keys: add, collide, recolour, move, export/import."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QDialog, QFileDialog, QPushButton

from core.label_schema import LabelSpec, default_labels
from ui.dialogs.label_schema import COLOUR, DESCRIPTION, NAME, SHORTCUT, LabelSchemaDialog

SPECS = [
    LabelSpec("Statistic", "#332288", "1", "A number", 0),
    LabelSpec("Quotation", "#882255", "2", "Someone's words", 1),
    LabelSpec("Other", "#117777", None, "", 2),
]
IDS = [11, 12, 13]


@pytest.fixture
def dialog(qtbot):
    picked = []

    def picker(current: QColor, _parent):
        picked.append(current.name())
        return QColor("#ff8800")

    dialog = LabelSchemaDialog(SPECS, IDS, colour_picker=picker)
    dialog.picked = picked
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def button(dialog: LabelSchemaDialog, name: str) -> QPushButton:
    found = dialog.findChild(QPushButton, f"{name}_button")
    assert found is not None
    return found


def click(qtbot, dialog: LabelSchemaDialog, name: str) -> None:
    qtbot.mouseClick(button(dialog, name), Qt.MouseButton.LeftButton)


def cell_centre(dialog: LabelSchemaDialog, row: int, column: int):
    return dialog.table.visualRect(dialog.table.model().index(row, column)).center()


def finish_editing(qtbot, dialog: LabelSchemaDialog) -> None:
    """Enter, then wait for the queued commit, as the event loop would run it."""
    qtbot.keyClick(dialog.table.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.state() != QAbstractItemView.State.EditingState)


def type_into_cell(qtbot, dialog: LabelSchemaDialog, row: int, column: int, text: str) -> None:
    table = dialog.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell_centre(dialog, row,
                                                                                  column))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_A, modifier=Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)
    finish_editing(qtbot, dialog)


def press_ok(qtbot, dialog: LabelSchemaDialog) -> None:
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_rows_show_the_labels_in_order_with_their_ids(qtbot):
    shuffled = [SPECS[2], SPECS[0], SPECS[1]]
    dialog = LabelSchemaDialog(shuffled, [13, 11, 12])
    qtbot.addWidget(dialog)
    assert dialog.result_labels() == list(zip(IDS, SPECS, strict=True))
    assert dialog.table.item(0, COLOUR).data(Qt.ItemDataRole.DecorationRole) == QColor("#332288")


def test_default_schema_opens_unchanged(qtbot):
    labels = default_labels()
    dialog = LabelSchemaDialog(labels)
    qtbot.addWidget(dialog)
    assert [spec for _id, spec in dialog.result_labels()] == labels


def test_add_a_label_and_name_it(qtbot, dialog):
    click(qtbot, dialog, "add")
    editor = dialog.table.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_A, modifier=Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "Rumour")
    finish_editing(qtbot, dialog)
    assert dialog.isVisible()  # Enter ended the edit, it did not press OK
    added = dialog.result_labels()[-1]
    assert added == (None, LabelSpec("Rumour", "#777700", "3", "", 3))
    press_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()


def test_a_colliding_shortcut_is_shown_and_the_dialog_stays_open(qtbot, dialog):
    type_into_cell(qtbot, dialog, 2, SHORTCUT, "1")
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.message.text() == "Shortcut 1 is used by both Statistic and Other."
    type_into_cell(qtbot, dialog, 2, SHORTCUT, "o")
    assert dialog.message.text() == ""  # editing clears the message
    press_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_bad_name_is_shown_not_trimmed(qtbot, dialog):
    type_into_cell(qtbot, dialog, 0, NAME, "Statistic ")
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "starts or ends with a space" in dialog.message.text()
    assert dialog.result_labels()[0][1].name == "Statistic "


def test_double_click_on_a_colour_opens_the_picker(qtbot, dialog):
    table = dialog.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell_centre(dialog, 1,
                                                                                  COLOUR))
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell_centre(dialog, 1,
                                                                                   COLOUR))
    assert dialog.picked == ["#882255"]
    assert dialog.result_labels()[1][1].colour == "#ff8800"
    assert table.item(1, COLOUR).data(Qt.ItemDataRole.DecorationRole) == QColor("#ff8800")


def test_remove_and_move_keep_ids_with_their_labels(qtbot, dialog):
    table = dialog.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell_centre(dialog, 0,
                                                                                  DESCRIPTION))
    click(qtbot, dialog, "down")
    assert [i for i, _s in dialog.result_labels()] == [12, 11, 13]
    click(qtbot, dialog, "down")
    click(qtbot, dialog, "down")  # already last: nothing moves
    assert [i for i, _s in dialog.result_labels()] == [12, 13, 11]
    click(qtbot, dialog, "up")
    assert [i for i, _s in dialog.result_labels()] == [12, 11, 13]
    click(qtbot, dialog, "remove")  # the moved row is still current
    assert [i for i, _s in dialog.result_labels()] == [12, 13]
    assert dialog.removed_ids() == [11]
    assert [s.position for _i, s in dialog.result_labels()] == [0, 1]


def test_export_then_import_round_trips(qtbot, dialog, tmp_path, monkeypatch):
    path = tmp_path / "labels.json"
    type_into_cell(qtbot, dialog, 1, DESCRIPTION, "Words credited to someone")
    dialog.table.item(2, DESCRIPTION).setText("Anything else — “other”")  # QTest types ASCII only
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    click(qtbot, dialog, "export")
    exported = [spec for _id, spec in dialog.result_labels()]
    assert json.loads(path.read_text(encoding="utf-8"))["schema"] == "variorum.labels/1"

    other = LabelSchemaDialog([])
    qtbot.addWidget(other)
    other.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    click(qtbot, other, "import")
    assert other.result_labels() == [(None, spec) for spec in exported]


def test_import_keeps_the_ids_of_labels_with_the_same_name(qtbot, dialog, tmp_path):
    path = tmp_path / "schema.json"
    path.write_text(json.dumps({"schema": "variorum.labels/1", "labels": [
        {"name": "quotation", "colour": "#000000", "shortcut": "q"},
        {"name": "Prediction", "colour": "#ffffff"}]}), encoding="utf-8")
    assert dialog.import_from(path)
    assert [(i, s.name) for i, s in dialog.result_labels()] == [(12, "quotation"),
                                                                 (None, "Prediction")]
    assert dialog.removed_ids() == [11, 13]


def test_a_bad_file_is_reported_and_changes_nothing(qtbot, dialog, tmp_path, monkeypatch):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"schema": "variorum.labels/1",
                                "labels": [{"name": "A", "colour": "#12345"}]}), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    before = dialog.result_labels()
    click(qtbot, dialog, "import")
    assert dialog.message.text().startswith("bad.json: ")
    assert "#12345" in dialog.message.text()
    assert dialog.result_labels() == before
    assert not dialog.import_from(tmp_path / "missing.json")
    assert dialog.message.text().startswith("Could not read missing.json")


def test_export_refuses_an_invalid_schema(qtbot, dialog, tmp_path):
    type_into_cell(qtbot, dialog, 1, NAME, "statistic")
    assert not dialog.export_to(tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()
    assert "differ only in case" in dialog.message.text()


def test_ids_must_match_labels(qtbot):
    with pytest.raises(ValueError, match="one id"):
        LabelSchemaDialog(SPECS, [1])
