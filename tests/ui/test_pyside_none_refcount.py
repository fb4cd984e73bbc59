"""Regression guard: PySide6 6.12.0 leaks a reference to None per void Qt call on Python <= 3.11.

After a few hundred thousand such calls the interpreter dies with
"Fatal Python error: none_dealloc". pyproject pins PySide6 below 6.12; this test fails
if an installed PySide6 brings the leak back.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QObject

CALLS = 20_000
#: Unrelated activity (caches, interned frames) may move None's count by a few references.
TOLERANCE = 16


def _none_references_gained(call: Callable[[int], object]) -> int:
    call(-1)  # let any one-off caches fill before counting
    before = sys.getrefcount(None)
    for i in range(CALLS):
        call(i)
    return sys.getrefcount(None) - before


def test_void_qt_calls_do_not_leak_references_to_none():
    obj = QObject()
    names = [f"object-{i % 7}" for i in range(CALLS)] + ["warm-up"]
    gained = _none_references_gained(lambda i: obj.setObjectName(names[i]))
    assert gained <= TOLERANCE, (
        f"{gained} references to None leaked over {CALLS} void Qt calls; "
        "this PySide6 build has the none_dealloc leak (use PySide6 < 6.12)"
    )


def test_the_measurement_catches_a_leak_of_one_reference_per_call():
    leaked: list[None] = []
    if sys.getrefcount(None) > 1 << 30:  # Python 3.12+: None is immortal, nothing to count
        return
    assert _none_references_gained(lambda _i: leaked.append(None)) > TOLERANCE
