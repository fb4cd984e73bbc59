"""The language model in a process of its own, serving the GUI's parses.

Importing spaCy and parsing hold the interpreter lock for tens of milliseconds at a
time; in the GUI process that froze the window (gaps of 100 ms and more between
event-loop turns). Here a child process, a fresh interpreter (forking a threaded Qt
process is unsafe), loads the model once and answers requests over a socket pair:
the GUI's worker thread waits on it without holding the lock. Answers are plain
flattened analyses and DocBin bytes; spaCy is never imported by the GUI process.

The child is started by ``core.child_process`` (``subprocess``, not ``multiprocessing``'s
``spawn``, which also starts a resource-tracker interpreter: 12 MiB, and a start
competing with the window's). It dies with its parent
(``core.nlp_workers.die_with_parent``: a parent-death signal on Linux, a watchdog
elsewhere), so a killed app leaves no server behind.
"""

from __future__ import annotations

import atexit
import os
import subprocess
import threading
from collections.abc import Sequence
from contextlib import suppress
from multiprocessing.connection import Connection
from typing import Any

from core.analysis import TextAnalysis
from core.child_process import launch, start_child
from core.errors import CancelledError, ModelError
from core.machine import available_cores
from core.parsers import ModelInfo, ShouldStop
from core.trace import stamp

#: How much lower the model's process runs than the window's on a one-core machine
#: (``model_niceness``).
SERVER_NICENESS = 5
#: Texts parsed in one request, in characters: two 10,000-word versions (about 140,000)
#: go together and so parse side by side when the model has two cores
#: (``model_processes``, ``core.nlp.PARALLEL_THRESHOLD``);
#: longer texts go one by one (each on two cores), so a cancel is heard between them.
REQUEST_CHARS = 240_000


class ParseServer:
    """A process of its own holding the model; the methods block until it answers."""

    def __init__(self, model_name: str | None = None) -> None:
        stamp("server-spawn")
        self._process, self._conn = start_child(
            "core.parse_server", [model_name or ""], launcher=_spawn_yielding)
        self._lock = threading.Lock()
        self._info: ModelInfo | None = None
        self._answered = False  # the model loaded: a goodbye is heard at once
        self._closed = False
        atexit.register(self.close)

    @property
    def pid(self) -> int:
        return self._process.pid

    @property
    def running(self) -> bool:
        """Whether the model's process is still there."""
        return self._process.poll() is None

    def _call(self, op: str, *args: object) -> Any:
        with self._lock:
            try:
                self._conn.send((op, args))
                status, value = self._conn.recv()
                self._answered = True
            except (EOFError, OSError, BrokenPipeError) as exc:
                raise ModelError("The language model's process stopped; analyse again "
                                 "(F5) to start it again") from exc
        if status == "error":
            raise ModelError(str(value))
        return value

    def info(self) -> ModelInfo:
        """The model's key, name and version (waits for the model to load, once)."""
        if self._info is None:
            self._info = ModelInfo(*self._call("info"))
        return self._info

    def decode(self, text: str, data: bytes) -> TextAnalysis | None:
        """A cached parse flattened by the server (None when it cannot read it)."""
        result: TextAnalysis | None = self._call("decode", text, data)
        return result

    def parse(self, texts: Sequence[str], should_stop: ShouldStop | None = None,
              ) -> list[tuple[TextAnalysis, bytes]]:
        """Each text parsed. Texts go together while they are short (parsed side by side
        on two cores once they are long enough and the model has them), a long text
        alone, so a cancel is heard between requests."""
        result: list[tuple[TextAnalysis, bytes]] = []
        for group in request_groups(texts):
            if should_stop is not None and should_stop():
                raise CancelledError()
            result.extend(self._call("parse", group))
        return result

    def close(self) -> None:
        """Stop the server (it also stops by itself when this process ends); once.

        An idle server is asked to stop. One still loading (nothing loaded worth a
        goodbye) or busy with a request (closing the window during a long parse) is
        killed at once, so closing never waits for spaCy; a request in flight then fails
        with ModelError, which nobody is waiting for any more.
        """
        if self._closed:
            return
        self._closed = True
        atexit.unregister(self.close)
        if self._answered and self._lock.acquire(blocking=False):
            try:
                with suppress(OSError):
                    self._conn.send(("stop", ()))
            finally:
                self._lock.release()
            with suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=2)
        if self._process.poll() is None:
            self._process.kill()
            with suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=2)
        self._conn.close()


def request_groups(texts: Sequence[str]) -> list[list[str]]:
    """``texts`` in order, cut into requests of at most ``REQUEST_CHARS`` (a longer text
    is a request of its own)."""
    groups: list[list[str]] = []
    size = 0
    for text in texts:
        if groups and size + len(text) <= REQUEST_CHARS:
            groups[-1].append(text)
            size += len(text)
        else:
            groups.append([text])
            size = len(text)
    return groups


def serve_from_argv(argv: list[str]) -> None:
    """The child's entry point: ``FD PARENT_PID MODEL`` (the socket's end, who to die
    with, the model's name or "" for the default)."""
    fd, parent, model_name = argv
    _serve(Connection(int(fd)), int(parent), model_name or None)


def _serve(conn: Connection, parent: int, model_name: str | None) -> None:
    """The server's loop: load the model it is told, answer until told to stop."""
    from core.memory import release_memory
    from core.nlp_workers import die_with_parent
    from core.spacy_import import import_spacy

    die_with_parent(parent)
    _yield_to_the_window()
    stamp("server-started")
    try:
        import_spacy()
        stamp("server-imported")
        from core.parsers import LocalParser

        parser = LocalParser(model_name, processes=model_processes())  # forks: no Qt here
        release_memory()  # the model's load leaves ~12 MiB of freed heap behind
        stamp("model-loaded")
    except ModelError as exc:
        _answer_errors(conn, str(exc))
        return
    while True:
        try:
            op, args = conn.recv()
        except (EOFError, OSError):
            return
        if op == "stop":
            return
        try:
            if op == "info":
                info = parser.info()
                value: object = (info.key, info.name, info.version)
            elif op == "decode":
                value = parser.decode(*args)
            elif op == "parse":
                value = parser.parse(args[0])
                stamp("parsed")
            else:
                raise ModelError(f"unknown request {op!r}")
            conn.send(("ok", value))
        except Exception as exc:  # an answer, never a dead server
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
        if op == "parse":  # a long text's Docs and answer are gone: give their memory back
            value = None
            release_memory()


def model_processes() -> int:
    """Processes for a long parse beside the window: every core but one, at most two.

    The core left over is the window's (its painting, the analyst's scrolling, the
    first look). On two cores a second process bought the model's layers of a
    10,000-word pair 1 s sooner, with the diff long on screen, for 100 MiB more at the
    peak; with three or more, a core is free for it. $VARIORUM_NLP_PROCESSES decides
    instead when set, as for the command line (a value that is not a count is a
    ModelError, which the window shows as the model's failure to load).
    """
    from core.nlp import processes_from_env

    return processes_from_env() or max(1, min(2, available_cores() - 1))


def model_niceness() -> int:
    """How much lower than the window the model's processes run: on one core the window
    must win it. With two or more, ``model_processes`` leaves the window a core of its
    own, and running lower only slowed the model beside other programs (whole analysis
    of an 800-word pair 1.12-1.22x the spaCy-only floor at niceness 5, 1.00-1.09x at 0,
    in alternating runs of bench_first_sight; the window's largest gap unchanged)."""
    return SERVER_NICENESS if available_cores() < 2 else 0


def _spawn_yielding(args: list[str], fd: int) -> subprocess.Popen[bytes]:
    """Start the child already at the model's lower priority, its interpreter's start
    included: from a thread of its own that lowers its own priority first (on Linux a
    nice value is a thread's, and a child inherits the thread's that starts it)."""
    started: list[subprocess.Popen[bytes]] = []
    failed: list[BaseException] = []

    def spawn() -> None:
        try:
            _yield_to_the_window()
            started.append(launch(args, fd))
        except BaseException as exc:  # raised again on the calling thread
            failed.append(exc)

    spawner = threading.Thread(target=spawn, name="model-spawn")
    spawner.start()
    spawner.join()
    if failed:
        raise failed[0]
    return started[0]


def _yield_to_the_window() -> None:
    """A lower priority (``model_niceness``, once, whatever it inherited): when the
    model's work and the window's (its first look, its painting) want the same core, the
    window gets it; alone, the model runs as fast."""
    with suppress(OSError, AttributeError):  # no os.nice on Windows
        os.nice(max(0, model_niceness() - os.nice(0)))


def _answer_errors(conn: Connection, message: str) -> None:
    """The model could not load: say so to every request until told to stop."""
    while True:
        try:
            op, _args = conn.recv()
        except (EOFError, OSError):
            return
        if op == "stop":
            return
        conn.send(("error", message))
