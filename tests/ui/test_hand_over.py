"""A comparison's hand-over in slices: the panes first, the rest in later event-loop turns.

The GUI thread must never stall for 50 ms: ``set_comparison`` and the first paint take one
turn, the details dock and the overview's measuring come in turns of their own, with due
timers (and paints) between them, and a newer comparison drops what is left of an older one.
"""

from __future__ import annotations

import itertools
import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from window_fixtures import wait_for_comparison

from ui.compare.compare_view import CompareView
from ui.compare.prepared import prepare
from ui.panels.details_dock import DetailsDock
from ui.slices import Slices


def _busy(ms: float) -> None:
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        pass


def _ticking(qtbot, log: list[str]) -> QTimer:
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(5)
    timer.timeout.connect(lambda: log.append("tick"))
    timer.start()
    return timer


def test_slices_run_one_per_turn_with_due_timers_between(qtbot):
    log: list[str] = []
    timer = _ticking(qtbot, log)
    slices = Slices(("first", "second"))

    def step(name: str):
        def run() -> None:
            log.append(name)
            _busy(12)  # longer than the tick: it is due when the step ends
        return run

    slices.start("second", [step("b1"), step("b2")])
    slices.start("first", [step("a1"), step("a2")])
    qtbot.waitUntil(lambda: not slices.pending(), timeout=2000)
    timer.stop()
    steps = [entry for entry in log if entry != "tick"]
    assert steps == ["a1", "a2", "b1", "b2"]  # jobs in their order, steps in theirs
    for one, two in itertools.pairwise(steps):  # a tick between any two steps
        between = log[log.index(one) + 1:log.index(two)]
        assert "tick" in between, log


def test_zero_timer_chains_share_a_turn_which_is_why_slices_exist(qtbot):
    """``QTimer.singleShot(0)`` is a posted call: one chained from another runs in the same
    pass, before a due timer. If Qt changes that, ``Slices`` may be simplified."""
    log: list[str] = []
    timer = _ticking(qtbot, log)

    def first() -> None:
        log.append("one")
        _busy(12)
        QTimer.singleShot(0, lambda: log.append("two"))

    QTimer.singleShot(0, first)
    qtbot.waitUntil(lambda: "two" in log, timeout=2000)
    qtbot.wait(20)
    timer.stop()
    assert "tick" not in log[log.index("one"):log.index("two")], log


def test_starting_a_job_again_drops_what_was_left(qtbot):
    ran: list[str] = []
    slices = Slices(("job",))
    slices.start("job", [lambda: ran.append("old 1"), lambda: ran.append("old 2")])
    slices.start("job", [lambda: ran.append("new")])
    qtbot.waitUntil(lambda: not slices.pending(), timeout=2000)
    qtbot.wait(10)
    assert ran == ["new"]


def test_a_step_asking_again_runs_in_later_turns_until_done(qtbot):
    left = [3]

    def step() -> bool:
        left[0] -= 1
        return left[0] > 0

    slices = Slices()
    slices.add("measure", step)
    assert slices.pending("measure") == 1
    qtbot.waitUntil(lambda: not slices.pending(), timeout=2000)
    assert left == [0]
    slices.add("measure", lambda: None)
    slices.finish()  # runs what is left at once
    assert not slices.pending()


def test_panes_show_the_text_before_the_details_dock_fills(qtbot, make_window):
    window = make_window()
    wait_for_comparison(qtbot, window)
    comparison = window.compare_view.comparison()
    prepared = prepare(comparison, names=window.inputs.names)
    window.details.clear()
    seen: dict[str, object] = {}

    def handed_over(_story, prepared_now, _inputs) -> None:  # runs after the window's slot
        view = window.compare_view
        seen["texts"] = [p.toPlainText() for p in view.panes]
        seen["details"] = window.details.comparison()
        seen["pending"] = view.slices.pending("hand-over")
        seen["current"] = window.centre.currentWidget() is view

    window.analysis.comparison_ready.connect(handed_over)
    window.analysis.comparison_ready.emit(window.current_story, prepared, window.inputs)
    assert seen["texts"] == [v.text for v in comparison.versions]
    assert seen["current"]
    assert seen["details"] is None and seen["pending"] == 1  # the dock waits for a later turn
    qtbot.waitUntil(lambda: window.details.comparison() is comparison, timeout=5000)
    assert window.details.quote_list.topLevelItemCount() > 0


def test_a_newer_comparison_drops_the_older_ones_slices(qtbot, make_window, monkeypatch):
    window = make_window()
    wait_for_comparison(qtbot, window)
    older = prepare(window.compare_view.comparison(), names=window.inputs.names)
    newer = prepare(window.compare_view.comparison(), names=window.inputs.names)
    filled: list[object] = []
    real = DetailsDock.set_comparison

    def spy(dock, comparison, *args, **kwargs):
        filled.append(comparison)
        return real(dock, comparison, *args, **kwargs)

    monkeypatch.setattr(DetailsDock, "set_comparison", spy)
    story = window.current_story
    QTimer.singleShot(0, lambda: (
        window.analysis.comparison_ready.emit(story, older, window.inputs),
        window.analysis.comparison_ready.emit(story, newer, window.inputs)))
    qtbot.waitUntil(lambda: window.details.comparison() is newer.comparison, timeout=5000)
    qtbot.wait(50)
    assert filled == [newer.comparison]  # the older hand-over's dock slice never ran


def test_sliced_hand_over_settles_to_what_an_all_at_once_one_shows(qtbot, make_window):
    window = make_window()
    wait_for_comparison(qtbot, window)
    view = window.compare_view
    qtbot.waitUntil(lambda: not view.slices.pending("hand-over") and not view.slices.pending(
        "overview"), timeout=10_000)
    comparison, inputs = view.comparison(), window.inputs
    # The same comparison handed to a fresh view and dock in one go.
    other = CompareView()
    qtbot.addWidget(other)
    other.resize(view.size())
    other.set_comparison(prepare(comparison, names=inputs.names), inputs.version_ids,
                         inputs.names, inputs.short_names)
    other.show()
    qtbot.waitExposed(other)
    dock = DetailsDock()
    qtbot.addWidget(dock)
    dock.set_comparison(comparison, inputs.names, inputs.short_names)
    assert [p.toPlainText() for p in view.panes] == [p.toPlainText() for p in other.panes]
    assert [p.highlight_ranges() for p in view.panes] == [
        p.highlight_ranges() for p in other.panes]
    assert [g.links for g in view.gutters] == [g.links for g in other.gutters]
    assert view.shown_panes() == other.shown_panes()
    assert view.overview.marks == other.overview.marks
    assert [window.details.tabs.tabText(i) for i in range(3)] == [
        dock.tabs.tabText(i) for i in range(3)]
    assert window.details.entities_proxy.rowCount() == dock.entities_proxy.rowCount()
    assert window.details.change_list.topLevelItemCount() == dock.change_list.topLevelItemCount()


def test_the_warm_up_runs_in_idle_turns_and_leaves_nothing_behind(qtbot, make_window):
    before = set(QApplication.topLevelWidgets())
    window = make_window()
    wait_for_comparison(qtbot, window)
    qtbot.waitUntil(lambda: not window.compare_view.slices.pending("warm"), timeout=5000)
    qtbot.wait(20)  # the warm pane is deleted later
    stray = [w for w in set(QApplication.topLevelWidgets()) - before
             if w is not window and w.isVisible()]
    assert stray == []
