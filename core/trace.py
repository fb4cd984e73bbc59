"""Milestones written to ``$VARIORUM_TRACE`` (a file), for benchmarks watching the app.

Each line is ``<name> <time.monotonic()>``; the clock is system-wide on Linux, so a
benchmark can compare it with the moment it started the process (and the model's
process stamps the same file). Nothing is written when the variable is not set.
"""

from __future__ import annotations

import os
import time

TRACE_ENV = "VARIORUM_TRACE"


def stamp(name: str) -> None:
    """Append one milestone now."""
    path = os.environ.get(TRACE_ENV)
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8") as trace:
            trace.write(f"{name} {time.monotonic():.4f}\n")
    except OSError:
        pass
