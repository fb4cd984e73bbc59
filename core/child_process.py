"""A fresh interpreter running one of Variorum's core modules, talking over a socket pair.

The model's process (``core.parse_server``) and a long story's first look
(``core.first_look_process``) start this way: ``subprocess``, not ``multiprocessing``
(whose spawn re-imports the parent's main module and starts a resource-tracker
interpreter, 12 MiB), and never a fork of the window's threaded Qt process. The child's module has a
``serve_from_argv(argv)`` that gets the socket's descriptor, the parent's pid (to die
with it) and the caller's arguments, in that order.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path

#: The folder holding the ``core`` package, put first on the child's path.
_CODE_ROOT = str(Path(__file__).resolve().parents[1])
#: Starts the child's command with the socket's descriptor passed to it.
Launcher = Callable[[list[str], int], "subprocess.Popen[bytes]"]


def launch(args: list[str], fd: int) -> subprocess.Popen[bytes]:
    """Start ``args`` with ``fd`` open in the child and no standard input."""
    return subprocess.Popen(args, stdin=subprocess.DEVNULL, pass_fds=(fd,))


def start_child(module: str, args: Sequence[str], launcher: Launcher = launch,
                ) -> tuple[subprocess.Popen[bytes], Connection]:
    """Start ``module``'s ``serve_from_argv`` in a fresh interpreter; the process and this
    end of the socket. If it cannot be started, no socket is left open."""
    code = (f"import sys; sys.path.insert(0, sys.argv[1]); "
            f"from {module} import serve_from_argv; serve_from_argv(sys.argv[2:])")
    ours, theirs = socket.socketpair()
    try:
        process = launcher([sys.executable, "-c", code, _CODE_ROOT, str(theirs.fileno()),
                            str(os.getpid()), *args], theirs.fileno())
    except BaseException:
        ours.close()
        raise
    finally:
        theirs.close()
    return process, Connection(ours.detach())
