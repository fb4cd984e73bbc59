"""The application shell end to end: real library, real engine, offscreen window."""

from __future__ import annotations

import itertools
import json
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from window_fixtures import ANALYSIS_TIMEOUT_MS, Counting, local_parser, wait_for_comparison

from core import ENGINE_VERSION
from core.errors import ModelError
from core.quick_analysis import QUICK_MODEL
from ui.app import install_error_hook
from ui.dialogs.paste_dialog import PastedVersion
from ui.entry import parse_args
from ui.main_window import MainWindow
from ui.settings import Settings

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
ARTICLE_A = (
    "Harbour strike ends after two days\n\n"
    "Dockworkers in Harwick Port returned to work on Friday after a 48-hour strike, "
    "the union said. About 300 workers had walked out over pay."
)
ARTICLE_B = (
    "Port strike is over\n\n"
    "Dockworkers in Harwick Port went back to work on Friday after a two-day strike, "
    "the union claimed. Some 400 workers had reportedly walked out over pay."
)


def story_titles(window: MainWindow) -> list[str]:
    model = window.library_model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


# ---------------------------------------------------------------------- first launch


def test_first_launch_imports_the_demo_and_shows_its_comparison(qtbot, make_window, dialogs):
    window = make_window()
    wait_for_comparison(qtbot, window)
    assert story_titles(window) == ["Crane collapse at Harwick Port"]
    comparison = window.compare_view.comparison()
    assert len(comparison.versions) == 3
    assert window.centre.currentWidget() is window.compare_view
    assert window.details.entities_model.rowCount() > 10
    assert window.details.summary.figure("similarity").endswith("%")
    assert window.details.quote_list.topLevelItemCount() > 0
    assert window.details.change_list.topLevelItemCount() > 0
    assert "Crane collapse" in window.windowTitle()
    assert dialogs == []


def test_gui_thread_keeps_processing_events_while_analysis_runs(qtbot, make_window):
    window = make_window()
    wait_for_comparison(qtbot, window)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    started = time.monotonic()
    window.reanalyse()
    assert window.runner.is_busy()
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=ANALYSIS_TIMEOUT_MS)
    finished = time.monotonic()
    timer.stop()
    # the timer ticked from the start of the analysis to its end, never pausing for long
    # (a count of ticks would depend on how fast this machine analyses)
    gaps = [b - a for a, b in itertools.pairwise([started, *ticks, finished])]
    assert len(ticks) >= 3
    assert max(gaps) < 0.5, f"the GUI froze for {max(gaps):.2f} s"


def test_cached_analysis_reopens_without_running_the_engine(qtbot, make_window):
    first = Counting()
    window = make_window(first)
    wait_for_comparison(qtbot, window)
    assert first.calls == 1
    window.close()

    events: list[str] = []

    def make_parser(name):
        events.append("model")
        return local_parser(name)

    second = Counting(make_parser)
    reopened = make_window(second, start=False)
    reopened.analysis.comparison_ready.connect(lambda *_: events.append("shown"))
    reopened.start()
    qtbot.waitUntil(lambda: reopened.compare_view.comparison() is not None, timeout=5000)
    assert second.calls == 0
    assert len(reopened.compare_view.comparison().versions) == 3
    # The model starts loading at once (in the app, in a process of its own), and is
    # warm for the next analysis; the cached story is shown without it.
    qtbot.waitUntil(lambda: reopened.analysis.model_key is not None, timeout=ANALYSIS_TIMEOUT_MS)
    assert sorted(events) == ["model", "shown"]


def test_cached_analysis_is_decoded_off_the_gui_thread(qtbot, make_window, monkeypatch):
    window = make_window()
    wait_for_comparison(qtbot, window)
    window.close()

    import ui.analysis

    threads: list[bool] = []
    real = ui.analysis.decode_comparison

    def watched(payload: str):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(payload)

    monkeypatch.setattr(ui.analysis, "decode_comparison", watched)
    reopened = make_window(Counting())
    qtbot.waitUntil(lambda: reopened.compare_view.comparison() is not None, timeout=5000)
    assert threads == [False]


def test_unreadable_cached_analysis_is_analysed_afresh_quietly(
    qtbot, make_window, open_library, dialogs
):
    window = make_window()
    wait_for_comparison(qtbot, window)
    story = window.current_story
    inputs = window.bridge.story_inputs(story)
    key = window.analysis.cache_key()
    window.close()
    library = open_library()
    ids = list(inputs.version_ids)
    library.save_comparison(ids, key, ENGINE_VERSION, '{"schema": "garbled')
    assert library.cached_comparison(ids, key, ENGINE_VERSION) == '{"schema": "garbled'
    library.close()

    second = Counting()
    reopened = make_window(second)
    wait_for_comparison(qtbot, reopened)
    assert second.calls == 1
    assert len(reopened.compare_view.comparison().versions) == 3
    assert not dialogs


def test_window_remembers_layout_and_last_story(qtbot, make_window):
    window = make_window()
    wait_for_comparison(qtbot, window)
    window.splitter.setSizes([300, 900])
    saved = window.splitter.sizes()
    story = window.current_story
    window.close()
    settings = Settings()
    assert settings.last_story == story
    assert settings.splitter_sizes("main") == saved
    assert settings.geometry is not None


# ---------------------------------------------------------------------- undoable edits


def test_rename_story_undo_redo(qtbot, make_window):
    window = make_window()
    wait_for_comparison(qtbot, window)
    story = window.current_story
    assert window.editor.rename_story(story, "Crane story, checked")
    assert story_titles(window) == ["Crane story, checked"]
    window.undo_stack.undo()
    assert story_titles(window) == ["Crane collapse at Harwick Port"]
    window.undo_stack.redo()
    assert story_titles(window) == ["Crane story, checked"]
    assert window.actions.undo.text().startswith("&Undo Rename")


def test_delete_story_undo_restores_it_with_its_analysis(qtbot, make_window):
    counting = Counting()
    window = make_window(counting)
    wait_for_comparison(qtbot, window)
    story = window.current_story
    assert window.editor.delete_story(story)
    assert story_titles(window) == []
    assert window.centre.currentWidget() is window.placeholder
    window.undo_stack.undo()
    assert story_titles(window) == ["Crane collapse at Harwick Port"]
    window.show_story(story)
    qtbot.waitUntil(lambda: window.compare_view.comparison() is not None, timeout=5000)
    assert counting.calls == 1  # the restored story's cached analysis was reused
    window.undo_stack.redo()
    assert story_titles(window) == []


def test_delete_version_undo_redo(qtbot, make_window):
    window = make_window()
    wait_for_comparison(qtbot, window)
    story = window.current_story
    versions = window.bridge.versions(story)
    assert window.editor.delete_version(story, versions[2].id)
    assert len(window.bridge.versions(story)) == 2
    window.undo_stack.undo()
    assert [v.id for v in window.bridge.versions(story)] == [v.id for v in versions]


# ---------------------------------------------------------------------- imports


def _drop(widget, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPointF(widget.rect().center())
    actions = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos.toPoint(), actions, mime, buttons, mods)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(widget, drop)
    assert drop.isAccepted()


def test_drag_and_drop_of_files_imports_a_new_story(qtbot, make_window, tmp_path):
    window = make_window()
    wait_for_comparison(qtbot, window)
    a, b = tmp_path / "strike_agency.txt", tmp_path / "strike_rewrite.md"
    a.write_text(ARTICLE_A, encoding="utf-8")
    b.write_text(ARTICLE_B, encoding="utf-8")
    _drop(window.library_panel, [a, b])
    qtbot.waitUntil(lambda: len(story_titles(window)) == 2, timeout=10_000)
    assert "Harbour strike ends after two days" in story_titles(window)
    wait_for_comparison(qtbot, window)
    qtbot.waitUntil(lambda: len(window.compare_view.comparison().versions) == 2,
                    timeout=ANALYSIS_TIMEOUT_MS)
    names = [v.label for v in window.bridge.versions(window.current_story)]
    assert names == ["strike_agency", "strike_rewrite"]


def test_paste_adds_a_version_to_the_current_story(qtbot, make_window):
    window = make_window(files=())
    wait_for_comparison(qtbot, window)
    story = window.current_story
    window.import_pasted(PastedVersion(ARTICLE_B, "Pasted rewrite", story))
    assert [v.label for v in window.bridge.versions(story)][-1] == "Pasted rewrite"
    qtbot.waitUntil(lambda: len(window.compare_view.comparison().versions) == 4,
                    timeout=ANALYSIS_TIMEOUT_MS)


def test_paste_as_a_new_story(qtbot, make_window):
    window = make_window()
    wait_for_comparison(qtbot, window)
    window.import_pasted(PastedVersion(ARTICLE_A, "Agency copy", None))
    assert len(story_titles(window)) == 2
    # Issue 10: a story with one version shows its text, entities and quotes (it showed
    # only "This story has one version"), says how to add another, and the dock drops
    # the previous story's counts.
    view = window.compare_view
    qtbot.waitUntil(lambda: view.comparison() is not None
                    and len(view.comparison().versions) == 1, timeout=ANALYSIS_TIMEOUT_MS)
    assert window.centre.currentWidget() is view
    assert view.panes[0].toPlainText().startswith("Harbour strike ends after two days")
    assert view.notice.isVisibleTo(window) and "Add Versions to This Story" in view.notice.text()
    assert view.layer_visible("entities")
    assert any(r[2].startswith("entity:") for r in view.panes[0].highlight_ranges())
    qtbot.waitUntil(lambda: window.details.comparison() is view.comparison())
    version = view.comparison().versions[0]
    assert window.details.quote_list.topLevelItemCount() == len(version.quotes)
    assert window.details.entities_model.columnCount() == 3  # name, type, one count
    assert window.details.entities_proxy.rowCount() == window.details.entities_model.rowCount()
    assert window.details.summary.figure("similarity") == "–"


def test_command_line_files_open_compared(qtbot, make_window, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE_A, encoding="utf-8")
    b.write_text(ARTICLE_B, encoding="utf-8")
    window = make_window(files=(str(a), str(b)))
    qtbot.waitUntil(lambda: window.compare_view.comparison() is not None
                    and len(window.compare_view.comparison().versions) == 2,
                    timeout=ANALYSIS_TIMEOUT_MS)
    assert story_titles(window) == ["Harbour strike ends after two days"]


# ---------------------------------------------------------------------- errors


def test_unreadable_file_is_reported_in_a_dialog_and_nothing_is_lost(
    qtbot, make_window, dialogs, tmp_path
):
    window = make_window()
    wait_for_comparison(qtbot, window)
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    window.import_files([str(binary), str(tmp_path / "missing.txt")])
    qtbot.waitUntil(lambda: bool(dialogs), timeout=10_000)
    _title, text = dialogs[0]
    assert "photo.txt" in text
    assert "missing.txt: no such file" in text
    assert "Traceback" not in text
    assert story_titles(window) == ["Crane collapse at Harwick Port"]


def test_missing_model_is_explained_not_raised(qtbot, make_window, dialogs):
    def no_model(_name):
        raise ModelError("The spaCy model 'xx' is not installed; install one with: pip …")

    window = make_window(Counting(make_parser=no_model))
    qtbot.waitUntil(lambda: any("spaCy model" in text for _t, text in dialogs), timeout=10_000)
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=10_000)
    qtbot.wait(50)
    assert "Traceback" not in " ".join(text for _t, text in dialogs)
    # One dialog for one cause (the model's load and the analysis waiting for it fail
    # with the same words), and the first look stays: its sentences and words are right.
    assert len(dialogs) == 1
    assert window.centre.currentWidget() is window.compare_view
    assert window.compare_view.comparison().model == QUICK_MODEL
    assert "stays on screen" in window.statusBar().currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_F5)  # asked again: told again, once
    qtbot.waitUntil(lambda: len(dialogs) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=10_000)
    qtbot.wait(50)
    assert len(dialogs) == 2


def test_unexpected_exception_shows_a_plain_dialog(qtbot, make_window, dialogs, monkeypatch):
    window = make_window(start=False)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    hook = install_error_hook(window)
    try:
        raise KeyError("story 99")
    except KeyError as exc:
        hook(type(exc), exc, exc.__traceback__)
    assert len(dialogs) == 1
    assert "Something went wrong" in dialogs[0][1]
    assert "Traceback" not in dialogs[0][1]


def test_database_failure_during_an_edit_is_shown_and_not_pushed(
    qtbot, make_window, dialogs, monkeypatch
):
    from core.errors import StorageError

    window = make_window()
    wait_for_comparison(qtbot, window)

    def broken(*_args, **_kwargs):
        raise StorageError("The library database is read-only.")

    monkeypatch.setattr(window.library, "rename_story", broken)
    assert not window.editor.rename_story(window.current_story, "New title")
    assert window.undo_stack.count() == 0
    assert dialogs[-1][1] == "The library database is read-only."
    assert story_titles(window) == ["Crane collapse at Harwick Port"]


# ---------------------------------------------------------------------- command line


def test_command_line_options():
    args = parse_args(["a.txt", "b.html", "--db", "lib.sqlite3", "--model", "en_x", "--demo"])
    assert args.files == ["a.txt", "b.html"]
    assert (args.db, args.model, args.demo) == ("lib.sqlite3", "en_x", True)


# ---------------------------------------------------------------------- details dock


def test_clicking_a_details_row_selects_the_text_in_the_panes(qtbot, make_window):
    window = make_window()
    wait_for_comparison(qtbot, window)
    details = window.details
    details.tabs.setCurrentWidget(details.change_list)
    tree = details.change_list
    item = tree.topLevelItem(0)
    rect = tree.visualItemRect(item)
    with qtbot.waitSignal(details.span_requested, timeout=2000) as signal:
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    version, start, end = signal.args
    pane = window.compare_view.panes[version]
    assert pane.textCursor().hasSelection()
    assert start < end


def test_entity_table_sorts_and_clicks_through_mentions(qtbot, make_window):
    window = make_window()
    wait_for_comparison(qtbot, window)
    details = window.details
    table, proxy = details.entity_table, details.entities_proxy
    details.only_differences.setChecked(False)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert names == sorted(names, key=str.casefold)
    details.only_differences.setChecked(True)
    assert proxy.rowCount() < details.entities_model.rowCount()
    spans: list[tuple[int, int, int]] = []
    details.span_requested.connect(lambda *args: spans.append(args))
    table.clicked.emit(proxy.index(0, 0))
    assert spans
    # Columns sized from the font: every type name and count header fits, the name column
    # takes the rest.
    header, metrics = table.horizontalHeader(), table.fontMetrics()
    types = {proxy.index(r, 1).data() for r in range(proxy.rowCount())}
    assert header.sectionSize(1) > max(metrics.horizontalAdvance(t) for t in types)
    for column in range(2, proxy.columnCount()):
        # Issue 10: the versions' short names head the columns, on two lines ("V2" before).
        title = proxy.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) > max(
            metrics.horizontalAdvance(line) for line in title.split("\n"))


# ---------------------------------------------------------------------- settings


def test_settings_round_trip(qapp):
    from PySide6.QtCore import QByteArray

    settings = Settings()
    assert (settings.db_path, settings.model_name, settings.last_story) == (None, None, None)
    assert settings.font_size == 11
    settings.db_path = "/tmp/lib.sqlite3"
    settings.model_name = "en_core_web_sm"
    settings.model_key = "en_core_web_sm@3.8.0"
    settings.font_size = 99  # clamped
    settings.geometry = QByteArray(b"\x01\x02geometry")
    settings.window_state = QByteArray(b"state")
    settings.set_splitter_sizes("main", [280, 1000])
    settings.last_story = 7
    settings.sync()
    again = Settings()
    assert again.db_path == "/tmp/lib.sqlite3"
    assert again.model_name == "en_core_web_sm"
    assert again.model_key == "en_core_web_sm@3.8.0"
    assert again.font_size == 40
    assert bytes(again.geometry) == b"\x01\x02geometry"
    assert bytes(again.window_state) == b"state"
    assert again.splitter_sizes("main") == [280, 1000]
    assert again.last_story == 7
    again.last_story = None
    assert Settings().last_story is None


def test_set_base_and_link_are_undoable_and_reanalyse(qtbot, make_window):
    counting = Counting()
    window = make_window(counting)
    wait_for_comparison(qtbot, window)
    story = window.current_story
    before = [v.id for v in window.bridge.versions(story)]
    assert window.editor.set_base(story, before[1])
    assert window.bridge.versions(story)[0].id == before[1]
    window.undo_stack.undo()
    assert [v.id for v in window.bridge.versions(story)] == before
    runs = counting.calls
    assert window.editor.override_units(story, "pin", 1, 0, 0)
    qtbot.waitUntil(lambda: counting.calls == runs + 1, timeout=ANALYSIS_TIMEOUT_MS)
    wait_for_comparison(qtbot, window)
    assert window.bridge.story_inputs(story).overrides[1].pinned == frozenset({(0, 0)})
    window.undo_stack.undo()
    assert window.bridge.story_inputs(story).overrides == {}


def test_cancel_stops_the_analysis_quietly(qtbot, make_window, dialogs):
    window = make_window(start=False)
    window.analysis.load_model_in_background()
    window.open_demo()
    assert window.runner.is_busy()
    window._cancel_analysis()
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=ANALYSIS_TIMEOUT_MS)
    assert "cancelled" in window.placeholder.text()
    assert window.compare_view.comparison() is None
    assert dialogs == []


def test_analysis_cache_is_written_after_the_hand_over_and_before_shutdown(qtbot):
    from comparison_factory import fire_story

    from core.stored_compare import ParsedComparison
    from ui.analysis import AnalysisController
    from ui.compare.prepared import prepare
    from ui.library_bridge import StoryInputs
    from ui.tasks import TaskRunner

    class Bridge:
        def __init__(self) -> None:
            self.saved: list[str] = []

        def save_analysis(self, inputs, parsed, payload):
            self.saved.append(payload)

    bridge, runner = Bridge(), TaskRunner()
    controller = AnalysisController(bridge, runner, hooks=Counting().hooks)  # type: ignore[arg-type]
    controller.current_story = 1
    shown: list[object] = []
    controller.comparison_ready.connect(lambda _s, prepared, _n: shown.append(bridge.saved[:]))
    inputs = StoryInputs(1, (1, 2), (), ("a", "b"))
    comparison = fire_story()
    parsed = ParsedComparison(comparison, "model", "1", {})
    controller._analysed(1, inputs, (prepare(comparison), parsed))
    assert shown == [[]]  # the window had the result before the cache was written
    controller.shutdown()  # the window closes before the event loop ran again
    assert len(bridge.saved) == 1 and json.loads(bridge.saved[0])["versions"]
    runner.shutdown()


def test_an_unsure_encoding_is_named_and_can_be_read_again(qtbot, make_window, tmp_path):
    czech = "Druhý odstavec českého textu o přístavu.\n\nDělníci se vrátili do práce.\n"
    path = tmp_path / "czech.txt"
    path.write_bytes(czech.encode("cp1250"))
    window = make_window()
    wait_for_comparison(qtbot, window)
    asked: list[str] = []

    def choose(_parent, source):
        asked.append(source.encoding)
        return "cp1250"

    window.ask_encoding = choose
    window.import_files([str(path)], window.current_story)
    qtbot.waitUntil(lambda: bool(asked), timeout=30_000)
    assert asked == ["cp1252"]  # the guess is said, not silently kept

    def stored_texts():
        return [v.text for v in window.library.list_versions(window.current_story)]

    qtbot.waitUntil(lambda: czech.strip() in "\n".join(stored_texts()), timeout=30_000)
    assert window.undo_stack.canUndo()  # reading it again is one undoable step


def test_a_first_look_paints_before_the_model_and_nothing_drawn_moves(qtbot, make_window,
                                                                      tmp_path):
    from core.quick_analysis import QUICK_MODEL

    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(ARTICLE_A, encoding="utf-8")
    second.write_text(ARTICLE_B, encoding="utf-8")
    window = make_window(start=False, files=(str(first), str(second)))
    shown: list[tuple[str, list[int]]] = []

    def painted(_story, prepared, _inputs):
        # After the window handled the hand-over: what each pane's document holds.
        QTimer.singleShot(0, lambda: shown.append((prepared.comparison.model, [
            (pane.document().revision(), pane.geometry().getRect())
            for pane in window.compare_view.panes])))

    window.analysis.comparison_ready.connect(painted)
    window.start()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=ANALYSIS_TIMEOUT_MS)
    (quick_model, quick_revisions), (final_model, final_revisions) = shown
    assert quick_model == QUICK_MODEL and final_model != QUICK_MODEL
    # The text was not set again and no pane moved or changed size (the entity legend
    # once widened the view, then wrapped to a second line and shortened the panes, when
    # the model's entity types arrived): nothing drawn moved.
    assert final_revisions == quick_revisions
    final = window.compare_view.comparison()
    assert [p.document().toPlainText() for p in window.compare_view.panes] == [
        v.text for v in final.versions]
    assert any(v.entities for v in final.versions)  # the model's layers arrived


def test_the_app_runs_the_model_in_a_process_of_its_own(qtbot, make_window):
    from core.parse_server import ParseServer

    window = make_window(Counting(make_parser=ParseServer))
    wait_for_comparison(qtbot, window)
    comparison = window.compare_view.comparison()
    assert any(v.entities for v in comparison.versions)  # the model's layers came back
    server = window.analysis._parser
    assert isinstance(server, ParseServer)
    pid = server.pid
    window.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        time.sleep(0.05)
    assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text()


def test_f5_starts_a_model_process_that_was_killed_again(qtbot, make_window):
    import os
    import signal

    from core.parse_server import ParseServer

    window = make_window(Counting(make_parser=ParseServer))
    wait_for_comparison(qtbot, window)
    killed = window.analysis._parser
    os.kill(killed.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: not killed.running, timeout=10_000)
    before = window.compare_view.comparison()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.compare_view.comparison() is not before
                    and not window.runner.is_busy(), timeout=ANALYSIS_TIMEOUT_MS)
    server = window.analysis._parser
    assert server is not killed and server.running
    assert any(v.entities for v in window.compare_view.comparison().versions)


def test_the_file_menu_offers_report_export_and_import(qtbot, make_window):
    window = make_window()
    wait_for_comparison(qtbot, window)
    texts = [a.text().replace("&", "") for a in window.menus["file"].actions()]
    assert any(t.startswith("Export report") for t in texts)
    assert any(t.startswith("Export…") or t.startswith("Export...") for t in texts)
    assert any(t.startswith("Import story") for t in texts)


def test_the_compared_message_is_counted_again_when_more_panes_fit(qtbot, make_window):
    window = make_window(size=(1000, 800))
    wait_for_comparison(qtbot, window)
    qtbot.waitUntil(lambda: window.comparison.model != QUICK_MODEL, timeout=ANALYSIS_TIMEOUT_MS)
    count = len(window.comparison.versions)
    assert count == 3 and len(window.compare_view.shown_panes()) < count
    assert "fit side by side" in window.statusBar().currentMessage()
    window.resize(2400, 1000)  # room for every version
    qtbot.waitUntil(lambda: len(window.compare_view.shown_panes()) == count)
    assert window.statusBar().currentMessage() == "3 versions compared"
