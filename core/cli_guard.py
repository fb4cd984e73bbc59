"""How a command's end becomes an exit status: errors, signals and broken outputs.

Every headless command runs through :func:`run_guarded`:

- a :class:`~core.errors.VariorumError` prints one line, ``variorum: <message>``, exit 2;
- Ctrl+C (SIGINT) exits 130, SIGTERM 143, SIGHUP 129, with one line and no traceback,
  after the ``finally`` blocks ran (worker processes are stopped there);
- a reader that went away (``variorum stories | head -1``) ends the command quietly
  (exit 141, as a shell reports SIGPIPE); a full device is a plain error;
- stdout and stderr are escaped for the terminal while the command runs
  (:mod:`core.output`), whatever the command prints.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from types import FrameType

from core.errors import VariorumError
from core.output import SafeTextStream, StreamMode, safe_streams

EXIT_ERROR = 2
EXIT_BROKEN_PIPE = 128 + 13
_SIGNALS = tuple(
    s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s
)


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived; a BaseException so no ``except Exception`` swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def run_guarded(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run ``handler(args)`` and turn how it ended into an exit status (see the module doc)."""
    mode: StreamMode = {"json": "json", "html": "markup"}.get(
        str(getattr(args, "format", "text")), "text"
    )  # type: ignore[assignment]
    with exit_on_signals(), safe_streams(mode):
        try:
            status = int(handler(args))
            sys.stdout.flush()
            return status
        except VariorumError as exc:
            _say(f"variorum: {exc}")
            return EXIT_ERROR
        except BrokenPipeError:
            return EXIT_BROKEN_PIPE
        except KeyboardInterrupt:
            _say("variorum: interrupted")
            return 128 + signal.SIGINT
        except Terminated as exc:
            _say(f"variorum: stopped by {signal.Signals(exc.signum).name}")
            return 128 + exc.signum
        finally:
            if isinstance(sys.stdout, SafeTextStream) and sys.stdout.broken:
                _silence_stdout()


@contextmanager
def exit_on_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into :class:`Terminated` for the block (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.getsignal(signum) for signum in _SIGNALS}
    for signum in _SIGNALS:
        signal.signal(signum, _raise_terminated)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _raise_terminated(signum: int, _frame: FrameType | None) -> None:
    raise Terminated(signum)


def _say(message: str) -> None:
    with suppress(OSError, VariorumError):  # stderr gone too: the exit status still tells
        print(message, file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    """Point the real stdout at /dev/null so the interpreter's last flush cannot fail."""
    stream = sys.stdout.inner if isinstance(sys.stdout, SafeTextStream) else sys.stdout
    if stream is not sys.__stdout__ or sys.__stdout__ is None:
        return
    with suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())
        os.close(devnull)
