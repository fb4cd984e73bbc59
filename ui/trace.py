"""Milestones written to ``$VARIORUM_TRACE`` (a file), for benchmarks watching the app.

Each line is ``<name> <time.monotonic()>``; the clock is system-wide on Linux, so a
benchmark can compare it with the moment it started the process. Nothing is written
when the variable is not set.
"""

from __future__ import annotations

import os
import time

TRACE_ENV = "VARIORUM_TRACE"


def milestone(name: str) -> None:
    """Append one milestone (after the event loop has painted what was just handed over)."""
    path = os.environ.get(TRACE_ENV)
    if not path:
        return
    from PySide6.QtCore import QTimer

    def write() -> None:
        try:
            with open(path, "a", encoding="utf-8") as trace:
                trace.write(f"{name} {time.monotonic():.4f}\n")
        except OSError:
            pass

    QTimer.singleShot(0, write)
