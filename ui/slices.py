"""Work split into slices, one per turn of the event loop, with paints and timers between.

``QTimer.singleShot(0, f)`` is no turn of its own: Qt posts it as an event, and every event
posted meanwhile (another zero-delay call, the paint it asked for) is sent in the same pass,
so a chain of them holds the GUI thread as long as one big call would. A ``QTimer`` object
with a zero interval is a real timer: the event loop hands out due timers and paints
between two of its shots. And every due timer fires in one pass, so two such chains would
share a turn: ``Slices`` runs the steps of every job one at a time, one per turn, jobs
in the order they were first started (the hand-over of a comparison before the overview
strip's measuring, say). Starting a job again drops what was left of it: a newer comparison
replaces an older one half handed over.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer

#: One slice of work; return True to be run again in a later turn (work left), else None.
Step = Callable[[], "bool | None"]


class Slices(QObject):
    """Runs queued steps one per event-loop turn, job by job in the order of ``order``."""

    def __init__(self, order: Iterable[str] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: dict[str, deque[Step]] = {name: deque() for name in order}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run_one)

    def start(self, job: str, steps: Iterable[Step]) -> None:
        """Drop what is left of ``job`` and queue these steps, the first in a later turn."""
        self._jobs[job] = deque(steps)  # a new job goes last; a known one keeps its place
        self._wake()

    def add(self, job: str, step: Step) -> None:
        """Queue one more step behind ``job``'s."""
        self._jobs.setdefault(job, deque()).append(step)
        self._wake()

    def cancel(self, job: str) -> None:
        """Drop what is left of ``job``."""
        if job in self._jobs:
            self._jobs[job].clear()

    def pending(self, job: str | None = None) -> int:
        """How many steps are queued (of ``job``, or of every job)."""
        if job is not None:
            return len(self._jobs.get(job, ()))
        return sum(len(steps) for steps in self._jobs.values())

    def finish(self, job: str | None = None) -> None:
        """Run what is left now (of ``job``, or of every job): its result is needed at once."""
        for name in [job] if job is not None else list(self._jobs):
            steps = self._jobs.get(name)
            while steps:
                step = steps[0]
                if not step() and steps and steps[0] is step:
                    steps.popleft()

    def _wake(self) -> None:
        if not self._timer.isActive() and self.pending():
            self._timer.start()

    def _run_one(self) -> None:
        steps = next((s for s in self._jobs.values() if s), None)
        if steps is None:
            return
        step = steps[0]
        again = False
        try:
            again = bool(step())
        finally:
            # The step may have restarted or cancelled its own job: pop only if it is still
            # the one that ran and it is done.
            if not again and steps and steps[0] is step:
                steps.popleft()
            self._wake()
