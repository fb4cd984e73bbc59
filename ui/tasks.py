"""Run slow work on one background thread and deliver results on the GUI thread.

The design follows Anki's ``taskman`` (one single-thread executor for all work) and
Orange's ``TaskState`` (work is a plain function that receives progress and cancel
callables). Every job gets an id. A job submitted under a ``key`` supersedes the
earlier jobs with that key: they are asked to stop, and their results are dropped
even if they finish anyway, so a slow old analysis never overwrites a newer one.

Only the GUI thread touches the library's SQLite connection; work functions take
and return plain values.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Progress reports closer together than this are merged, so a chatty engine cannot
#: flood the GUI thread's event queue.
PROGRESS_INTERVAL_S = 0.05


class TaskState:
    """What a work function sees of its job: report progress, and check for cancellation."""

    def __init__(self, job_id: int, report: Callable[[int, float, str], None]) -> None:
        self.job_id = job_id
        self._report = report
        self._stop = threading.Event()
        self._last_report = 0.0

    def should_stop(self) -> bool:
        """Whether the job was cancelled or superseded; the work should return early."""
        return self._stop.is_set()

    def progress(self, fraction: float, message: str = "") -> None:
        """Report progress in [0, 1]; safe to call from the worker as often as it likes."""
        now = time.monotonic()
        if fraction < 1.0 and now - self._last_report < PROGRESS_INTERVAL_S:
            return
        self._last_report = now
        self._report(self.job_id, max(0.0, min(1.0, float(fraction))), message)

    def cancel(self) -> None:
        self._stop.set()


@dataclass
class _Job(Generic[T]):
    state: TaskState
    key: str | None
    label: str
    on_success: Callable[[T], None] | None
    on_failure: Callable[[BaseException], None] | None
    on_progress: Callable[[float, str], None] | None
    future: Future[T] | None = field(default=None)


class _Relay(QObject):
    """The worker's side of the signals: an object with no parent, kept alive by the
    worker's own reference, so a job that finishes after its runner (and the window
    owning it) was deleted emits into a live object whose receiver is simply gone.
    Emitting on the runner itself from the worker raced with its deletion (a crash)."""

    began = Signal(int)
    done = Signal(int, object, object)
    progress = Signal(int, float, str)


#: Every relay, kept for the life of the process: a few small objects, and none is ever
#: destroyed by a worker thread dropping the last reference (QObjects die in their thread).
_RELAYS: list[_Relay] = []


class TaskRunner(QObject):
    """One worker thread, job ids, stale results dropped, progress bridged to Qt signals.

    Signals:
        busy_changed(bool): whether any job is queued or running.
        job_started(str): the label of the job the worker just began.
        progress_changed(str, float, str): label, fraction and message of the current job.
    """

    busy_changed = Signal(bool)
    job_started = Signal(str)
    progress_changed = Signal(str, float, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="variorum-worker")
        self._jobs: dict[int, _Job[Any]] = {}
        self._next_id = 1
        self._closed = False
        self._relay = _Relay()
        _RELAYS.append(self._relay)  # never deleted from a worker thread (see _Relay)
        self._relay.began.connect(self._on_job_began)
        self._relay.done.connect(self._on_job_done)
        self._relay.progress.connect(self._on_job_progress)

    # ------------------------------------------------------------------ public API

    def submit(
        self,
        work: Callable[[TaskState], T],
        *,
        key: str | None = None,
        label: str = "",
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[float, str], None] | None = None,
    ) -> int:
        """Queue ``work(state)`` and return its job id; callbacks run on the GUI thread."""
        if self._closed:
            raise RuntimeError("TaskRunner is shut down")
        if key is not None:
            self.cancel_key(key)
        job_id = self._next_id
        self._next_id += 1
        state = TaskState(job_id, self._relay.progress.emit)
        job: _Job[T] = _Job(state, key, label, on_success, on_failure, on_progress)
        was_idle = not self._jobs
        self._jobs[job_id] = job
        job.future = self._executor.submit(_run, self._relay, job_id, work, state)
        if was_idle:
            self.busy_changed.emit(True)
        return job_id

    @property
    def is_closed(self) -> bool:
        """Whether ``shutdown`` was called (nothing more can be submitted)."""
        return self._closed

    def cancel(self, job_id: int) -> None:
        """Ask a job to stop and drop its result."""
        job = self._jobs.pop(job_id, None)
        if job is None:
            return
        job.state.cancel()
        if job.future is not None:
            job.future.cancel()
        if not self._jobs:
            self.busy_changed.emit(False)

    def cancel_key(self, key: str) -> None:
        """Cancel every pending job submitted under ``key``."""
        for job_id in [jid for jid, job in self._jobs.items() if job.key == key]:
            self.cancel(job_id)

    def is_busy(self) -> bool:
        return bool(self._jobs)

    def is_pending(self, job_id: int) -> bool:
        return job_id in self._jobs

    def shutdown(self, wait: bool = True) -> None:
        """Cancel everything; with ``wait``, block until the running job has returned."""
        self._closed = True
        for job_id in list(self._jobs):
            self.cancel(job_id)
        self._executor.shutdown(wait=wait, cancel_futures=True)

    # ------------------------------------------------------------------ GUI side

    def _on_job_done(self, job_id: int, result: object, error: BaseException | None) -> None:
        job = self._jobs.pop(job_id, None)
        if job is None:  # cancelled or superseded: stale
            return
        if not self._jobs:
            self.busy_changed.emit(False)
        if error is None:
            if job.on_success is not None:
                job.on_success(result)
        elif job.on_failure is not None:
            job.on_failure(error)
        else:
            log.error("background job %r failed", job.label, exc_info=error)

    def _on_job_began(self, job_id: int) -> None:
        job = self._jobs.get(job_id)
        if job is not None:
            self.job_started.emit(job.label)

    def _on_job_progress(self, job_id: int, fraction: float, message: str) -> None:
        job = self._jobs.get(job_id)
        if job is None:
            return
        if job.on_progress is not None:
            job.on_progress(fraction, message)
        self.progress_changed.emit(job.label, fraction, message)


def _run(relay: _Relay, job_id: int, work: Callable[[TaskState], Any], state: TaskState) -> None:
    """The worker side of a job: run it and send the outcome through ``relay``."""
    if state.should_stop():
        return
    try:
        relay.began.emit(job_id)
        result = work(state)
    except BaseException as exc:  # delivered to on_failure, never lost in the thread
        relay.done.emit(job_id, None, exc)
    else:
        relay.done.emit(job_id, result, None)
