"""Outlet and date…: a version's outlet and publication date corrected after import, by
the analyst's keys, undoable; relative dates are read again from the cached parses."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from window_fixtures import ANALYSIS_TIMEOUT_MS, wait_for_comparison

from core.textio import load_text
from ui.dialogs.version_properties import VersionPropertiesDialog

_TEXTS = (
    "Bridge repairs\n\nThe bridge was repaired in May last year, the council said.",
    "Bridge repairs done\n\nThe bridge was repaired last May, the council said.",
)


def test_the_dialog_takes_an_outlet_and_refuses_a_bad_date(qtbot):
    dialog = VersionPropertiesDialog("v1", None, None)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.outlet, "  River Gazette ")
    qtbot.keyClicks(dialog.date, "2026-13-40")
    assert not ok.isEnabled() and "Not a date" in dialog.problem.text()
    dialog.date.selectAll()
    qtbot.keyClicks(dialog.date, "2026-09-01")
    assert ok.isEnabled() and dialog.problem.text() == ""
    assert dialog.properties() == ("River Gazette", "2026-09-01")


def _change_rows(window) -> list[tuple[str, str]]:
    changes = window.details.change_list
    return [(changes.topLevelItem(i).text(0), changes.topLevelItem(i).text(3))
            for i in range(changes.topLevelItemCount())]


def _answer(qtbot, outlet: str, date: str) -> list[str]:
    """Fill the dialog with real keys once it is open, and press Enter."""
    seen: list[str] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, VersionPropertiesDialog):
            QTimer.singleShot(20, fill)
            return
        seen.append(dialog.date.text())
        dialog.outlet.selectAll()
        qtbot.keyClicks(dialog.outlet, outlet)
        dialog.date.selectAll()
        qtbot.keyClicks(dialog.date, date)
        qtbot.keyClick(dialog.date, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill)
    return seen


def _wait_for_new_comparison(qtbot, window, shown) -> None:
    """Until another comparison is on screen and the Details dock shows it too."""
    qtbot.waitUntil(lambda: window.compare_view.comparison() is not shown
                    and window.details.comparison() is window.compare_view.comparison(),
                    timeout=ANALYSIS_TIMEOUT_MS)


def test_outlet_and_date_from_the_library_menu_re_read_the_dates(
    qtbot, make_window, open_library, monkeypatch
):
    with open_library() as library:
        story, _ = library.add_story("Bridge repairs")
        ids = [library.add_version(story, load_text(text, f"v{i}.txt"), outlet="Council",
                                   published="2026-03-12", make_base=i == 0)[0]
               for i, text in enumerate(_TEXTS)]
    window = make_window()
    wait_for_comparison(qtbot, window)
    assert _change_rows(window)[0][0] == "date reworded (same date)"

    def no_parsing(*_args, **_kwargs):
        raise AssertionError("a new date must not parse the texts again")

    monkeypatch.setattr("core.nlp.parse_texts", no_parsing)
    panel, model = window.library_panel, window.library_model
    menu = panel.build_menu(model.version_index(story, ids[1]))
    action = next(a for a in menu.actions() if a.text() == "Outlet and date…")
    shown = window.compare_view.comparison()
    seen = _answer(qtbot, "River Gazette", "2026-08-17")
    action.trigger()
    assert seen == ["2026-03-12"]  # the dialog opened on the stored date
    _wait_for_new_comparison(qtbot, window, shown)
    row = window.library.get_version(ids[1])
    assert (row.outlet, row.published) == ("River Gazette", "2026-08-17")
    assert _change_rows(window)[0][0] == "date changed"
    assert "River Gazette, 2026-08-17" in window.inputs.names
    shown = window.compare_view.comparison()
    window.undo_stack.undo()
    _wait_for_new_comparison(qtbot, window, shown)
    row = window.library.get_version(ids[1])
    assert (row.outlet, row.published) == ("Council", "2026-03-12")
    assert _change_rows(window)[0][0] == "date reworded (same date)"
