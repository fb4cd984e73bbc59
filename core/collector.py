"""Keeping Python's cyclic garbage collector out of the way of bulk work.

The engine and the GUI's hand-over build hundreds of thousands of small objects
with no reference cycles; the collector's full passes over them free nothing and,
holding the interpreter lock, stall every other thread (the GUI's too).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block (process-wide; nesting and threads are safe:
    only the outermost pause that found it enabled turns it back on)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def settle_long_lived() -> None:
    """Exempt every object alive now from future collections (``gc.freeze``).

    For data that lives on, such as a loaded model or the comparison on screen: later
    passes then scan only what is new. Frozen objects are still freed by reference
    counting when dropped; only frozen reference cycles would stay, and these records
    have none.
    """
    gc.freeze()
