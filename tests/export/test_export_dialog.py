"""The export dialogs and menu actions, driven by real clicks (pytest-qt, offscreen)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from export_factory import ODD_TEXTS, build_story, comparison_of
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox

from core.export.story_data import load_story_data
from core.storage.library import Library
from ui.dialogs import export_dialog
from ui.dialogs.export_dialog import (
    ExportDialog,
    ReportDialog,
    import_story_interactively,
    install_export_actions,
)


def _fake_comparison(library, versions, **_):
    data = load_story_data(library, versions[0].story_id)
    return comparison_of(replace(data, versions=tuple(versions)))


@pytest.fixture
def shown(monkeypatch):
    """Message boxes captured instead of shown."""
    messages: list[tuple[str, str]] = []

    def capture(_parent, title, text, *args, **kwargs):
        messages.append((title, text))
        return QMessageBox.StandardButton.Ok

    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, capture)
    return messages


@pytest.fixture
def report_dialog(qtbot, lib, tmp_path):
    story = build_story(lib, ODD_TEXTS)
    target = tmp_path / "out"
    dialog = ReportDialog(
        lib, story, ask_path=lambda *_: str(target), comparison_loader=_fake_comparison
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, target


def test_report_preview_follows_the_chosen_versions_and_sections(qtbot, report_dialog):
    dialog, _ = report_dialog
    assert "Claims" in dialog.preview.toPlainText()
    dialog.versions.item(1).setCheckState(Qt.CheckState.Unchecked)
    box = dialog.sections["claims"]  # clicked on its indicator (its centre may be blank space)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    qtbot.mouseClick(dialog.update_button, Qt.MouseButton.LeftButton)
    text = dialog.preview.toPlainText()
    assert "Outlet 1" not in text and "Outlet 2" in text
    assert "Claims" not in text and "Entities" in text
    assert dialog.chosen_version_ids() == [dialog.data.versions[0].id, dialog.data.versions[2].id]


def test_no_version_ticked_is_said_in_the_dialog(qtbot, report_dialog):
    dialog, _ = report_dialog
    for row in range(dialog.versions.count()):
        dialog.versions.item(row).setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(dialog.update_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "choose at least one version"


@pytest.mark.parametrize(("button", "magic"), [("html_button", b"<!doctype html>"),
                                               ("pdf_button", b"%PDF-")])  # fmt: skip
def test_save_buttons_write_the_report(qtbot, report_dialog, button, magic):
    dialog, target = report_dialog
    qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
    suffix = ".html" if button == "html_button" else ".pdf"
    written = target.with_suffix(suffix)
    assert written.read_bytes().startswith(magic)
    assert dialog.message.text().startswith(f"Wrote {written.name}")


@pytest.mark.parametrize("fmt", ["csv", "json", "w3c", "claimreview"])
def test_export_dialog_writes_the_chosen_format(qtbot, lib, tmp_path, fmt):
    story = build_story(lib, ODD_TEXTS)
    target = tmp_path / "export"
    dialog = ExportDialog(lib, story, ask_path=lambda *_: str(target))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    (written,) = tmp_path.glob("export.*")
    assert written.stat().st_size > 0
    assert dialog.message.text().startswith(f"Wrote {written.name}.")
    if fmt == "claimreview":
        assert "open claim(s) left out" in dialog.message.text()
        assert json.loads(written.read_text(encoding="utf-8"))["@graph"]


def test_import_story_asks_for_a_new_title_when_taken(
    qtbot, lib, other_lib, tmp_path, shown, monkeypatch
):
    story = build_story(lib, ODD_TEXTS)
    path = tmp_path / "story.json"
    dialog = ExportDialog(lib, story, ask_path=lambda *_: str(path))
    qtbot.addWidget(dialog)
    dialog.save(path, "json")
    imported: list[int] = []
    importer = lambda: import_story_interactively(  # noqa: E731
        None, other_lib, lambda story_id, change: imported.append(story_id),
        ask_path=lambda *_: str(path),
    )  # fmt: skip
    first = importer()
    monkeypatch.setattr(export_dialog.QInputDialog, "getText", lambda *a, **k: ("Copy", True))
    second = importer()
    assert imported == [first, second]
    assert [s.title for s in other_lib.list_stories()] == ["Budget vote", "Copy"]
    assert [title for title, _ in shown] == ["Import story", "Import story"]


def test_hostile_import_changes_nothing_and_says_why(qtbot, other_lib, tmp_path, shown):
    bad = tmp_path / "bad.json"
    bad.write_text("[" * 5000, encoding="utf-8")
    result = import_story_interactively(
        None, other_lib, lambda *_: pytest.fail("nothing was imported"),
        ask_path=lambda *_: str(bad),
    )  # fmt: skip
    assert result is None and other_lib.list_stories() == []
    assert shown and "bad.json" in shown[0][1]


def test_actions_are_added_and_follow_the_current_story(qtbot, lib, monkeypatch):
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = window.menuBar().addMenu("&File")
    current: list[int | None] = [None]
    actions = install_export_actions(window, menu, lambda: lib, lambda: current[0], print)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Export &report…", "&Export…", "&Import story…"]
    assert not actions.report.isEnabled() and actions.import_story.isEnabled()
    current[0] = build_story(lib, ODD_TEXTS)
    menu.aboutToShow.emit()
    assert actions.report.isEnabled() and actions.export.isEnabled()
    opened: list[str] = []
    monkeypatch.setattr(ExportDialog, "exec", lambda self: opened.append(self.windowTitle()))
    actions.export.trigger()
    assert opened == ["Export: Budget vote"]


def test_a_closed_library_story_is_a_message_not_a_crash(qtbot, tmp_path, shown):
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = window.menuBar().addMenu("&File")
    library = Library.open(tmp_path / "empty.sqlite3")
    actions = install_export_actions(window, menu, lambda: library, lambda: 42, print)
    actions.report.trigger()
    assert shown == [("Variorum", "there is no story with the id or title 42")]
    library.close()
