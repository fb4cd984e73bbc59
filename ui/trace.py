"""Milestones of what the window painted, for benchmarks (``core.trace``)."""

from __future__ import annotations

import os

from core.trace import TRACE_ENV, stamp


def milestone(name: str) -> None:
    """Stamp ``name`` after the event loop has painted what was just handed over."""
    if not os.environ.get(TRACE_ENV):
        return
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: stamp(name))
