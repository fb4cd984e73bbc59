"""A long story's first look, made in a process of its own while the window starts.

The window's process spends its first ~0.4 s importing Qt and building the window, and
only then reads, stores and compares the files it was given: 0.3 s more for a pair of
10,000-word versions, 1.2 s for 50,000. Short stories are compared before the window is
shown (``FIRST_LOOK_HERE_CHARS``); a longer one, when the machine has a second core, is
read and compared without spaCy meanwhile by a short-lived child that sends back the
sources it read and their quick comparison, then exits. The window uses that comparison
only for sources equal, in everything the comparison reads, to the ones it stored.

Like the model's process (``core.parse_server``), the child is a fresh interpreter
started with ``subprocess`` (the window's process is not forked) and dies with its parent.
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Sequence
from contextlib import suppress
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from core.child_process import start_child
from core.trace import stamp

if TYPE_CHECKING:
    from core.compare import TextSource
    from core.records import Comparison

#: Versions shorter than this together (characters; the files' bytes before they are
#: read) are compared in the window's process before it is shown: about 30 ms for an
#: 800-word pair (11,500 characters). Longer ones are this module's.
FIRST_LOOK_HERE_CHARS = 40_000


def files_bytes(paths: Sequence[str]) -> int | None:
    """The sizes of ``paths`` added up, or None when one is missing, unreadable, named
    with a NUL, or not a regular file (a FIFO or a device has no size to go by, and is
    read once, by the window). Which side of ``FIRST_LOOK_HERE_CHARS`` a story is on."""
    total = 0
    for path in paths:
        try:
            status = os.stat(path)
        except (OSError, ValueError):
            return None
        if not stat.S_ISREG(status.st_mode):
            return None
        total += status.st_size
    return total


def worth_a_process(paths: Sequence[str], cores: int) -> bool:
    """Whether ``paths`` (two files or more) are long enough for a first look of their own
    and the machine has a core for it beside the window's."""
    if cores < 2 or len(paths) < 2:
        return False
    total = files_bytes(paths)
    return total is not None and total >= FIRST_LOOK_HERE_CHARS


def key_of(source: TextSource) -> tuple[str, str, str, object]:
    """What a quick comparison reads of a source: two sources with equal keys compare alike."""
    return (source.source, source.text, source.content_hash, getattr(source, "published", None))


class FirstLookProcess:
    """The child comparing ``paths``; :meth:`comparison_for` waits for its answer."""

    def __init__(self, paths: Sequence[str]) -> None:
        stamp("first-look-spawn")
        process, conn = start_child("core.first_look_process", paths)
        self._process: subprocess.Popen[bytes] | None = process
        self._conn: Connection | None = conn

    def comparison_for(self, sources: Sequence[TextSource],
                       timeout: float | None = None) -> Comparison | None:
        """The child's quick comparison if it compared these very sources, else None (it
        failed or was stopped, read other texts, or did not answer within ``timeout``
        seconds). By default it waits as long as the child works: it started first, so
        comparing here instead would only come later. Once: the child is gone afterwards."""
        try:
            if self._conn is None or not self._conn.poll(timeout):
                return None
            status, payload = self._conn.recv()
        except (EOFError, OSError):
            return None
        finally:
            self.close()
        if status != "ok":
            return None
        read, comparison = payload
        if [key_of(s) for s in read] != [key_of(s) for s in sources]:
            return None
        return comparison

    def stop(self) -> None:
        """Kill the child now, from any thread: a wait for its answer ends at once."""
        process = self._process
        if process is not None:
            with suppress(OSError):
                process.kill()

    def close(self) -> None:
        """Stop the child (if it still runs) and forget it."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._process is not None:
            self.stop()
            self._process.wait()
            self._process = None


def serve_from_argv(argv: Sequence[str]) -> None:
    """The child's entry (``core.child_process``): socket fd, parent pid, then the paths."""
    fd, parent, *paths = argv
    _serve(Connection(int(fd)), int(parent), paths)


def _serve(conn: Connection, parent: int, paths: Sequence[str]) -> None:
    from core.nlp_workers import die_with_parent

    die_with_parent(parent)
    try:
        from core.quick_analysis import quick_comparison
        from core.textio import load_file

        sources = [load_file(path) for path in paths]
        answer: tuple[str, object] = ("ok", (sources, quick_comparison(sources)))
        stamp("first-look-made")
    except Exception as exc:  # the window compares the files itself
        answer = ("error", f"{type(exc).__name__}: {exc}")
    with suppress(OSError):
        conn.send(answer)
    conn.close()
