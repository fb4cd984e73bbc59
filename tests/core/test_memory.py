"""Memory freed after a job is given back (core.memory)."""

from __future__ import annotations

import gc
import sys

import pytest

from core.memory import _malloc_trim, release_memory


def _rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


def test_release_memory_collects_cycles():
    class Node:
        pass

    node = Node()
    node.me = node  # a cycle only the collector frees
    del node
    gc.disable()
    try:
        before = sum(1 for o in gc.get_objects() if type(o).__name__ == "Node")
        release_memory()
        after = sum(1 for o in gc.get_objects() if type(o).__name__ == "Node")
    finally:
        gc.enable()
    assert before == 1 and after == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_release_memory_returns_freed_heap_to_the_system():
    assert _malloc_trim() is not None
    # Many small blocks (below glibc's mmap threshold) freed out of order stay in the heap.
    blocks = [bytearray(64 * 1024) for _ in range(3000)]  # ~190 MiB
    keep = blocks[::97]  # a few survivors so the heap's top cannot simply shrink
    del blocks
    gc.collect()
    held = _rss_kib()
    release_memory()
    released = _rss_kib()
    assert released < held - 50 * 1024, (held, released)
    del keep
