"""Issue 10 in the main window: fitting a small screen, panels, the dock in step with the
panes, links that keep the place, help from the real marks and menus, imports."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication
from window_fixtures import ANALYSIS_TIMEOUT_MS, wait_for_comparison

from ui.compare.layer_registry import toggled_layers
from ui.compare.pane_layout import MIN_LINE_CHARS
from ui.dialogs.import_dialog import ImportDialog, ImportPlan, valid_date
from ui.dialogs.legend import LegendDialog, legend_entries
from ui.dialogs.shortcuts import ShortcutsDialog, all_rows, menu_rows
from ui.settings import Settings

ARTICLE = ("Harbour strike ends after two days\n\n"
           "Dockworkers in Harwick Port returned to work on Friday after a 48-hour strike, "
           "the union said. About 300 workers had walked out over pay.")


def _readable(window) -> list[int]:
    view = window.compare_view
    return [view.panes[i].viewport().width() for i in view.shown_panes()]


# --  Layout on a small screen


def test_small_window_stays_small_and_every_pane_stays_readable(qtbot, make_window):
    window = make_window(size=(1024, 700))
    wait_for_comparison(qtbot, window)
    qtbot.wait(50)
    view = window.compare_view
    assert len(view.comparison().versions) == 3
    assert window.width() <= 1024 and window.height() <= 700
    assert window.minimumSizeHint().width() <= 1024
    assert not window.library_panel.isVisible()  # a first launch this narrow: collapsed
    minimum = view.panes[0].fontMetrics().averageCharWidth() * MIN_LINE_CHARS
    assert len(view.shown_panes()) >= 2
    assert all(width >= minimum for width in _readable(window))
    hidden = [i for i in range(3) if i not in view.shown_panes()]
    for index in hidden:  # what does not fit is offered, not squeezed
        assert any(window.compare_view.headers[i].swap_button.isVisibleTo(window)
                   for i in view.shown_panes()[1:])
        assert view.panes[index].isHidden()


def test_panels_collapse_by_key_and_are_remembered(qtbot, make_window):
    window = make_window()
    wait_for_comparison(qtbot, window)
    layout = window.layout_state
    assert layout.toggle_library.shortcut() == QKeySequence("Ctrl+Shift+B")
    layout.toggle_library.trigger()
    assert not window.library_panel.isVisible()
    layout.toggle_side.trigger()
    assert not window.details.isVisible() and not window.claims.panel.isVisible()
    window.close()
    assert Settings().library_visible is False
    reopened = make_window()
    wait_for_comparison(qtbot, reopened)
    assert not reopened.library_panel.isVisible()
    assert not reopened.details.isVisible()
    reopened.layout_state.toggle_side.trigger()
    assert reopened.details.isVisible()


def test_a_dock_saved_narrow_comes_back_readable(qtbot, make_window):
    window = make_window()
    wait_for_comparison(qtbot, window)
    window.resizeDocks([window.details], [120], Qt.Orientation.Horizontal)
    window.close()
    reopened = make_window()
    wait_for_comparison(qtbot, reopened)
    qtbot.waitUntil(lambda: reopened.details.width() >= 270)
    table = reopened.details.entity_table
    metrics = table.fontMetrics()
    header = table.horizontalHeader()
    assert header.sectionSize(0) >= min(120, metrics.horizontalAdvance("Harwick Port") + 8)


# --  The dock and the panes in step


def test_dock_and_base_pane_compare_with_the_same_version(qtbot, make_window):
    window = make_window()
    wait_for_comparison(qtbot, window)
    view, combo = window.compare_view, window.details.other_combo
    assert combo.currentData() == view.partner() == 1
    while view.next_change():
        index, _count = view.navigator.position("change")
        if view.navigator.targets("change")[index - 1].other == 2:
            break
    assert view.partner() == 2 and combo.currentData() == 2
    assert combo.currentText() == "Meridian Wire, 2026-03-04"
    combo.setCurrentIndex(combo.findData(1))
    combo.activated.emit(combo.currentIndex())
    assert view.partner() == 1


def test_status_bar_says_where_navigation_landed(qtbot, make_window):
    window = make_window()
    wait_for_comparison(qtbot, window)
    window.compare_view.next_change()
    message = window.statusBar().currentMessage()
    count = len(window.compare_view.navigator.targets("change"))
    assert message.startswith(f"Change 1 of {count} · ")


def test_linking_keeps_the_scroll_position(qtbot, make_window):
    window = make_window()
    wait_for_comparison(qtbot, window)
    view = window.compare_view
    pane = view.panes[0]
    pane.verticalScrollBar().setValue(pane.verticalScrollBar().maximum() // 2)
    qtbot.wait(20)
    before = view.scroll_positions()
    assert before[0] > 0
    comparison = view.comparison()
    row = next(r for r in comparison.alignments[0].rows if r.base and r.other
               and r.status != "identical")
    other = next(u for u in range(len(comparison.versions[1].units)) if u not in row.other)
    view.link_requested.emit(1, row.base[0], other)
    qtbot.waitUntil(lambda: view.comparison() is not comparison, timeout=ANALYSIS_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=ANALYSIS_TIMEOUT_MS)
    qtbot.wait(50)
    assert abs(view.scroll_positions()[0] - before[0]) <= 2
    pinned = [link for link in view.gutters[0].links if link.pinned]
    assert pinned  # the link made by hand is drawn apart


# --  Details dock


def test_quotes_tab_says_which_words_and_verb_changed(qtbot, make_window):
    window = make_window()
    wait_for_comparison(qtbot, window)
    quotes = window.details.quote_list
    rows = [(quotes.topLevelItem(i).text(0), quotes.topLevelItem(i).text(1),
             quotes.topLevelItem(i).text(2)) for i in range(quotes.topLevelItemCount())]
    altered = [row for row in rows if row[0] == "altered"]
    assert any("‘serious’ → ‘grave’" in changes and "verb: told → acknowledged" in changes
               for _s, _q, changes in altered)
    assert all(not quote.endswith("…”") for _s, quote, _c in rows)  # whole quotes, wrapped
    assert quotes.wordWrap()
    assert window.details.tabs.tabText(1) == f"Quotes {len(rows)}"


# --  Help


def test_legend_explains_every_layer_with_the_palette_colours(qtbot, make_window):
    window = make_window()
    dialog = window.show_legend()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, LegendDialog)
    meanings = " ".join(entry.meaning for entry in legend_entries())
    for layer in toggled_layers():
        assert layer.description in meanings
    for letter in "VRN":
        assert any(e.kind == "badge" and e.role == letter for e in legend_entries())
    assert "CARDINAL" not in meanings and "number" in meanings
    legend = dialog.legend
    image = legend.grab().toImage()
    row = next(i for i, e in enumerate(legend.entries) if e.role == "row_changed")
    y = 4 + row * 28 + 14
    colours = {image.pixelColor(x, y).name() for x in range(10, 150)}
    assert legend.sample_colour("row_changed").name() in colours


def test_shortcuts_are_read_from_the_menus(qtbot, make_window):
    window = make_window(start=False)
    rows = all_rows(window.menus)
    keys = {(what, key) for _section, what, key in rows}
    assert ("Next Change", "Alt+Down") in keys
    assert ("Find", "Ctrl+F") in keys
    assert ("Show Library", "Ctrl+Shift+B") in keys
    listed = {what for _section, what, _key in menu_rows(window.menus)}
    for menu in window.menus.values():
        for action in menu.actions():
            if not action.shortcut().isEmpty():
                assert action.text().replace("&", "").rstrip("…. ") in listed
    window.compare_view.actions.next_change.setShortcut(QKeySequence("Ctrl+J"))
    dialog = window.show_shortcuts()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, ShortcutsDialog)
    assert ("View", "Next Change", "Ctrl+J") in dialog.rows()
    assert any(section == "In the panes" for section, _w, _k in dialog.rows())


# --  Import


def test_add_versions_to_this_story_with_outlet_and_date(qtbot, make_window, tmp_path):
    window = make_window()
    wait_for_comparison(qtbot, window)
    story = window.current_story
    path = tmp_path / "strike.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    plans: list[ImportPlan] = []

    def answer(_parent, plan: ImportPlan) -> ImportPlan:
        plans.append(plan)
        from dataclasses import replace
        return replace(plan, meta=(("Harbour Times", "2026-03-05"),))

    window.ask_import = answer
    window.actions.add_files.setEnabled(True)
    window.import_files([str(path)], story)
    qtbot.waitUntil(lambda: len(window.bridge.versions(story)) == 4, timeout=10_000)
    assert plans[0].story_id == story and plans[0].current[0] == story
    names = [v.label for v in window.bridge.versions(story)]
    assert names[-1] == "Harbour Times, 2026-03-05"
    assert not window.statusBar().currentMessage().startswith("Reading")


def test_files_dropped_on_a_story_become_its_versions(qtbot, make_window, tmp_path):
    window = make_window()
    wait_for_comparison(qtbot, window)
    story = window.current_story
    path = tmp_path / "strike.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    tree = window.library_panel.tree
    rect = tree.visualRect(window.library_model.story_index(story))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    point, copy = QPointF(rect.center()), Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point.toPoint(), copy, mime, buttons, mods)
    QApplication.sendEvent(tree.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(point, copy, mime, buttons, mods)
    QApplication.sendEvent(tree.viewport(), drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: len(window.bridge.versions(story)) == 4, timeout=10_000)


def test_import_dialog_edits_outlet_date_and_destination(qtbot):
    from core.textio import load_text

    source = load_text(ARTICLE, "strike.txt")
    plan = ImportPlan.proposed([source], 7, (7, "Crane collapse"))
    dialog = ImportDialog(plan)
    qtbot.addWidget(dialog)
    assert dialog.to_current.isChecked() and "Crane collapse" in dialog.to_current.text()
    dialog.outlets[0].setText("Harbour Times")
    dialog.dates[0].setText("5 March")
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled() and "YYYY-MM-DD" in dialog.problem.text()
    dialog.dates[0].setText("2026-03-05")
    dialog.to_new.setChecked(True)
    result = dialog.result_plan()
    assert result.meta == (("Harbour Times", "2026-03-05"),) and result.story_id is None


@pytest.mark.parametrize(("text", "ok"), [("", True), ("2026-03-05", True),
                                          ("2026-3-5", False), ("March", False)])
def test_valid_date(text, ok):
    assert valid_date(text) is ok


def test_drop_position_outside_rows_makes_a_new_story(qtbot, make_window):
    window = make_window()
    panel = window.library_panel
    assert panel.story_at(QPoint(5, panel.tree.viewport().height() - 2)) is None


def test_dark_theme_is_chosen_by_the_environment(qapp, monkeypatch):
    from ui.compare.palette import is_dark
    from ui.theme import THEME_ENV, apply_theme, dark_palette

    assert is_dark(dark_palette())
    previous_style, previous_palette = qapp.style().name(), qapp.palette()
    monkeypatch.setenv(THEME_ENV, "dark")
    try:
        assert apply_theme(qapp) == "dark"
        assert is_dark(qapp.palette()) and qapp.style().name().lower() == "fusion"
    finally:
        qapp.setStyle(previous_style)
        qapp.setPalette(previous_palette)
    assert apply_theme(qapp, "") == ""
