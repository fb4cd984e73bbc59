"""Parsing on worker processes (beside the calling one) that never outlive it.

spaCy's own ``nlp.pipe(n_process=...)`` starts workers that nothing ties to their
parent: a killed ``compare`` left two ~250 MB workers running, re-parented to PID 1.
Here each worker, as it starts:

- asks Linux to kill it when its parent dies (``prctl(PR_SET_PDEATHSIG, SIGKILL)``);
- watches its parent id from a thread (every other platform, and a second line on
  Linux: the parent may have died before the ``prctl``), and exits when it changes;
- ignores SIGINT (Ctrl+C reaches the whole process group: the parent alone decides)
  and takes SIGTERM's default action, so stopping it never prints a traceback.

The parent stops its workers whenever it leaves :func:`parse_in_workers` early (an
error, a cancel, SIGTERM turned into an exception, Ctrl+C). Docs come back as
``Doc.to_bytes()``, as spaCy's own multiprocessing returns them, less their tensor.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from core.errors import CancelledError

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future, ProcessPoolExecutor

    from spacy.language import Language
    from spacy.tokens import Doc

#: Pieces per task: small enough to spread the work, large enough to amortise the IPC.
BATCH_PIECES = 2
#: Pieces given to the model at once. One at a time: measured on a 70,000-character text,
#: the same speed as four (within noise) and a peak 34 MiB lower (166 against 200 MiB).
PIPE_BATCH = 1
#: How often a worker checks that its parent is still the one that started it.
WATCHDOG_INTERVAL_S = 0.5
_PR_SET_PDEATHSIG = 1
_worker_nlp: Language | None = None


def parse_in_workers(
    nlp: Language,
    pieces: Sequence[str],
    processes: int,
    should_stop: Callable[[], bool] | None = None,
) -> list[Doc]:
    """Parse ``pieces`` on ``processes`` cores; the Docs come back in order.

    This process is one of them: ``processes - 1`` workers take the first pieces
    while it parses the last ones itself, so a second core costs one worker (a copy
    of the model's process, most of it shared), not two with this one idle.
    """
    from concurrent.futures import ProcessPoolExecutor  # only a long parse needs a pool

    from spacy.tokens import Doc

    if processes < 2 or len(pieces) < 2:
        return parse_here(nlp, pieces, should_stop)
    cut = _own_share_start(pieces, processes)
    farmed, own = pieces[:cut], pieces[cut:]
    batches = [farmed[i : i + BATCH_PIECES] for i in range(0, len(farmed), BATCH_PIECES)]
    pool = ProcessPoolExecutor(
        max_workers=max(1, min(processes - 1, len(batches))),
        mp_context=_context(),
        initializer=_start_worker,
        initargs=(nlp, os.getpid()),
    )
    try:
        futures: list[Future[list[bytes]]] = [pool.submit(_parse, list(b)) for b in batches]
        own_docs = parse_here(nlp, own, should_stop)
        docs: list[Doc] = []
        for future in futures:
            if should_stop is not None and should_stop():
                raise CancelledError()
            docs += [Doc(nlp.vocab).from_bytes(data) for data in future.result()]
    except BaseException:
        stop_workers(pool)
        raise
    pool.shutdown(wait=True)
    return docs + own_docs


def _own_share_start(pieces: Sequence[str], processes: int) -> int:
    """Where this process's share begins: the last ``1 / processes`` of the characters."""
    total = sum(len(piece) for piece in pieces)
    farmed_chars = total * (processes - 1) / processes
    done = 0
    for index, piece in enumerate(pieces):
        if done + len(piece) / 2 > farmed_chars:
            return max(1, index)
        done += len(piece)
    return len(pieces) - 1


def parse_here(nlp: Language, pieces: Sequence[str],
               should_stop: Callable[[], bool] | None = None) -> list[Doc]:
    """Parse ``pieces`` in this process, hearing ``should_stop`` between them."""
    docs = []
    for doc in nlp.pipe(pieces, batch_size=PIPE_BATCH):
        if should_stop is not None and should_stop():
            raise CancelledError()
        docs.append(without_tensor(doc))
    return docs


def without_tensor(doc: Doc) -> Doc:
    """``doc`` without the tok2vec output spaCy leaves on it (384 bytes a token, three
    times the rest of the Doc): the records never read it, and the model has no vectors
    that would fall back on it."""
    import numpy

    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate every worker of ``pool`` now and wait for them to be gone."""
    # The executor offers no public handle on its processes; `_processes` has been
    # its pid -> Process map since Python 3.2.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)


def _context() -> multiprocessing.context.BaseContext:
    # fork shares the loaded model with the workers for free; elsewhere the model is
    # pickled into each worker (spaCy supports it), as spaCy itself does.
    import multiprocessing

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def _start_worker(nlp: Language, parent_pid: int) -> None:
    global _worker_nlp
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    die_with_parent(parent_pid)
    # Everything inherited from the parent (a fork) is left alone by the collector: its
    # pages stay shared, and the parent's pending garbage (an open file, say) is not
    # finalised, or warned about, here.
    gc.freeze()
    _worker_nlp = nlp


def die_with_parent(parent_pid: int) -> None:
    """Make this process end when ``parent_pid`` does (see the module docstring)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watchdog below still ends the worker
    if os.getppid() != parent_pid:
        os._exit(1)
    watchdog = threading.Thread(
        target=_watch_parent, args=(parent_pid,), name="parent-watchdog", daemon=True
    )
    watchdog.start()


def _watch_parent(parent_pid: int) -> None:
    while True:
        time.sleep(WATCHDOG_INTERVAL_S)
        if os.getppid() != parent_pid:
            os._exit(1)


def _parse(batch: list[str]) -> list[bytes]:
    assert _worker_nlp is not None, "worker started without its model"
    return [doc.to_bytes(exclude=["tensor"])
            for doc in _worker_nlp.pipe(batch, batch_size=BATCH_PIECES)]
