"""File ▸ Export report of the versions on screen uses the comparison on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from window_fixtures import wait_for_comparison

import ui.dialogs.export_dialog as export_dialog
from ui.dialogs.export_dialog import ReportDialog


def _open_report(window, inspect):
    """Trigger the menu's action; ``inspect(dialog)`` runs inside its modal loop."""
    seen = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ReportDialog):
            QTimer.singleShot(20, look)
            return
        seen.append(inspect(dialog))
        dialog.reject()

    window.menus["file"].aboutToShow.emit()  # as opening the menu does: enables the action
    assert window.exports.report.isEnabled()
    QTimer.singleShot(0, look)
    window.exports.report.trigger()
    return seen


def test_the_report_of_the_shown_versions_reads_and_parses_nothing(qtbot, make_window,
                                                                    monkeypatch):
    window = make_window()
    wait_for_comparison(qtbot, window)
    loads = []

    def counting_load(library, versions, **kwargs):
        loads.append([v.id for v in versions])
        raise AssertionError("the comparison on screen was not used")

    monkeypatch.setattr(export_dialog, "load_comparison", counting_load)

    def report_text(dialog):
        used = list(dialog._comparisons.values())
        return dialog.preview.toPlainText(), dialog.message.text(), used

    (text, message, used), = _open_report(window, report_text)
    assert loads == [] and message == ""
    assert len(used) == 1 and used[0] is window.comparison  # the very comparison on screen
    assert f"Model {window.comparison.model}" in text

    def untick_last(dialog):
        last = dialog.versions.item(dialog.versions.count() - 1)
        last.setCheckState(Qt.CheckState.Unchecked)
        try:
            dialog.update_preview()
        except AssertionError as exc:  # the fallback was asked for these versions
            return str(exc)
        return "no fallback"

    _open_report(window, untick_last)
    assert loads == [list(window.inputs.version_ids[:-1])]  # other versions: loaded
