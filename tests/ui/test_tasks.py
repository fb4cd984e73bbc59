"""TaskRunner: one worker, results on the GUI thread, stale results dropped, progress, cancel."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread

from ui.tasks import TaskRunner, TaskState


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def test_result_is_delivered_on_the_gui_thread(qtbot, runner):
    seen: dict[str, object] = {}
    gui_thread = QThread.currentThread()

    def work(state: TaskState) -> str:
        seen["worker_is_gui"] = QThread.currentThread() == gui_thread
        return "done"

    def on_success(value: str) -> None:
        seen["value"] = value
        seen["callback_is_gui"] = QThread.currentThread() == gui_thread

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy):
        runner.submit(work, on_success=on_success)
    assert seen == {"worker_is_gui": False, "value": "done", "callback_is_gui": True}


def test_jobs_run_one_at_a_time_in_order(qtbot, runner):
    order: list[int] = []
    active = threading.Semaphore(1)

    def make(n: int):
        def work(state: TaskState) -> int:
            assert active.acquire(blocking=False), "two jobs ran at once"
            time.sleep(0.01)
            active.release()
            return n

        return work

    for n in range(5):
        runner.submit(make(n), on_success=order.append)
    qtbot.waitUntil(lambda: len(order) == 5, timeout=5000)
    assert order == [0, 1, 2, 3, 4]


def test_failure_goes_to_on_failure_not_on_success(qtbot, runner):
    errors: list[BaseException] = []

    def work(state: TaskState) -> None:
        raise ValueError("bad input")

    runner.submit(work, on_success=lambda _v: pytest.fail("no success"), on_failure=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValueError)


def test_superseded_job_is_asked_to_stop_and_its_result_is_dropped(qtbot, runner):
    started = threading.Event()
    results: list[str] = []
    stopped: list[bool] = []

    def slow(state: TaskState) -> str:
        started.set()
        while not state.should_stop():
            time.sleep(0.005)
        stopped.append(True)
        return "old"

    runner.submit(slow, key="analysis", on_success=results.append)
    assert started.wait(5)
    runner.submit(lambda state: "new", key="analysis", on_success=results.append)
    qtbot.waitUntil(lambda: results == ["new"], timeout=5000)
    qtbot.wait(50)
    assert results == ["new"]
    assert stopped == [True]


def test_progress_reaches_the_gui_with_label(qtbot, runner):
    reports: list[tuple[str, float, str]] = []
    runner.progress_changed.connect(lambda *args: reports.append(args))
    own: list[float] = []

    def work(state: TaskState) -> None:
        state.progress(0.0, "start")
        time.sleep(0.06)
        state.progress(0.5, "half")
        state.progress(0.6, "merged away")  # within the throttle interval
        state.progress(1.0, "end")

    done: list[bool] = []
    runner.submit(work, label="Analysing", on_progress=lambda f, _m: own.append(f),
                  on_success=lambda _v: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert [r[1] for r in reports] == [0.0, 0.5, 1.0]
    assert reports[0] == ("Analysing", 0.0, "start")
    assert own == [0.0, 0.5, 1.0]


def test_cancel_drops_a_queued_job(qtbot, runner):
    gate = threading.Event()
    ran: list[str] = []
    runner.submit(lambda state: gate.wait(5))
    queued = runner.submit(lambda state: ran.append("queued"))
    runner.cancel(queued)
    assert not runner.is_pending(queued)
    gate.set()
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=5000)
    qtbot.wait(50)
    assert ran == []
