"""Give memory freed by a finished job back to the operating system.

CPython keeps freed objects in its own arenas and glibc keeps freed heap pages, so a
process that parsed a long text stays at its peak size; between jobs the model's
process collects its cycles and asks glibc to return what it can (``malloc_trim``).
Elsewhere this only collects.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
from functools import cache


def release_memory() -> None:
    """Collect garbage, then return free heap pages to the system where libc can."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    if not sys.platform.startswith("linux"):
        return None
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        function = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None
    function.argtypes = [ctypes.c_size_t]
    function.restype = ctypes.c_int
    return function  # type: ignore[no-any-return]
