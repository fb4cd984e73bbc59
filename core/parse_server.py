"""The language model in a spawned process of its own, serving the GUI's parses.

Importing spaCy and parsing hold the interpreter lock for tens of milliseconds at a
time; in the GUI process that froze the window (gaps of 100 ms and more between
event-loop turns). Here a child process, started with ``spawn`` (forking a threaded
Qt process is unsafe), loads the model once and answers requests over a pipe: the
GUI's worker thread waits on the pipe without holding the lock. Answers are plain
flattened analyses and DocBin bytes; spaCy is never imported by the GUI process.

The child dies with its parent (``core.nlp_workers.die_with_parent``: a parent-death
signal on Linux, a watchdog elsewhere), so a killed app leaves no server behind.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection
from typing import Any

from core.analysis import TextAnalysis
from core.errors import CancelledError, ModelError
from core.parsers import ModelInfo, ShouldStop
from core.trace import stamp

#: Sent instead of a model name: the server imports spaCy at once and waits to be told
#: which model to load (``ParseServer.warming``, started before the app knows it).
_NAMED_LATER = "\0named-later"
#: How much lower the model's process runs than the window's (``os.nice``).
SERVER_NICENESS = 5


class ParseServer:
    """A spawned process holding the model; the methods block until it answers."""

    def __init__(self, model_name: str | None = None) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        # Not a daemon: a daemon may not start processes, and the server parses a long
        # text on two forked workers (safe: no Qt threads there). It still never outlives
        # this process (``die_with_parent``), and an exit that skips ``close`` closes it.
        self._process = context.Process(target=_serve, args=(child, model_name, os.getpid()),
                                        name="variorum-parser", daemon=False)
        stamp("server-spawn")
        with _main_module_hidden():
            self._process.start()
        child.close()
        self._lock = threading.Lock()
        self._info: ModelInfo | None = None
        self._named = model_name != _NAMED_LATER
        self._closed = False
        atexit.register(self.close)

    @classmethod
    def warming(cls) -> ParseServer:
        """A server started before the model's name is known (the first thing the app
        does, before Qt loads): spaCy's import, most of the wait, overlaps the window's
        start; ``use_model`` then names the model."""
        return cls(_NAMED_LATER)

    def use_model(self, model_name: str | None) -> ParseServer:
        """Name the model of a ``warming`` server (once; later calls change nothing)."""
        if not self._named:
            self._named = True
            # A send that fails is said by the next request (the process stopped).
            with self._lock, suppress(OSError):
                self._conn.send(("load", (model_name,)))
        return self

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def _call(self, op: str, *args: object) -> Any:
        with self._lock:
            try:
                self._conn.send((op, args))
                status, value = self._conn.recv()
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
        """Each text parsed, one request per text so a cancel is heard between texts."""
        result = []
        for text in texts:
            if should_stop is not None and should_stop():
                raise CancelledError()
            result.append(self._call("parse", text))
        return result

    def close(self) -> None:
        """Stop the server (it also stops by itself when this process ends); once.

        An idle server is asked to stop. One still warming up (nothing loaded worth a
        goodbye) or busy with a request (closing the window during a long parse) is
        killed at once, so closing never waits for spaCy; a request in flight then fails
        with ModelError, which nobody is waiting for any more.
        """
        if self._closed:
            return
        self._closed = True
        atexit.unregister(self.close)
        if self._named and self._lock.acquire(blocking=False):
            try:
                with suppress(OSError):
                    self._conn.send(("stop", ()))
            finally:
                self._lock.release()
            self._process.join(timeout=2)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(timeout=2)
        self._conn.close()


@contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Start the child without running the parent's main script again.

    ``spawn`` re-imports the ``__main__`` module in the child (so a script without an
    ``if __name__ == "__main__"`` guard would run twice); the server needs nothing from
    it, so the module's file and spec are hidden while the child starts.
    """
    main = sys.modules.get("__main__")
    saved = {key: main.__dict__.get(key) for key in ("__file__", "__spec__")
             if main is not None and key in main.__dict__}
    if main is not None:
        main.__dict__.pop("__file__", None)
        main.__spec__ = None
    try:
        yield
    finally:
        if main is not None:
            main.__dict__.update(saved)


def _serve(conn: Connection, model_name: str | None, parent: int) -> None:
    """The server's loop: load the model, then answer until told to stop."""
    from core.memory import release_memory
    from core.nlp_workers import die_with_parent

    die_with_parent(parent)
    _yield_to_the_window()
    stamp("server-started")
    try:
        if model_name == _NAMED_LATER:
            from core.spacy_import import import_spacy

            import_spacy()  # the import is most of the wait

            stamp("server-imported")
            model_name = _model_name_from(conn)
            if model_name == _NAMED_LATER:
                return
        from core.parsers import LocalParser

        parser = LocalParser(model_name)  # long texts on two forked workers (no Qt here)
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
                value = parser.parse([args[0]])[0]
                stamp("parsed")
            else:
                raise ModelError(f"unknown request {op!r}")
            conn.send(("ok", value))
        except Exception as exc:  # an answer, never a dead server
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
        if op == "parse":  # a long text's Docs and answer are gone: give their memory back
            value = None
            release_memory()


def _yield_to_the_window() -> None:
    """A lower priority: when the model's work and the window's (its first look, its
    painting) want the same core, the window gets it; alone, the model runs as fast."""
    with suppress(OSError, AttributeError):  # no os.nice on Windows
        os.nice(SERVER_NICENESS)


def _model_name_from(conn: Connection) -> str | None:
    """Wait for the app to name the model (``_NAMED_LATER`` when it stops first)."""
    try:
        op, args = conn.recv()
    except (EOFError, OSError):
        return _NAMED_LATER
    if op != "load":
        return _NAMED_LATER
    name: str | None = args[0]
    return name


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
