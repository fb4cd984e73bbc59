"""Parse workers die with their parent, and signals end `compare` cleanly (Linux /proc)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))

from stress_kill_workers import alive, children  # noqa: E402
from textgen import story_pair  # noqa: E402


@pytest.fixture(scope="module")
def long_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("long")
    original, rewrite = story_pair(12_000, 5)  # > core.nlp.PARALLEL_THRESHOLD together
    a, b = folder / "a.txt", folder / "b.txt"
    a.write_text(original, encoding="utf-8")
    b.write_text(rewrite, encoding="utf-8")
    return a, b


def _start_compare(a: Path, b: Path, err: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "compare", str(a), str(b), "--format", "json"],
        cwd=REPO, env=dict(os.environ, VARIORUM_NLP_PROCESSES="2"),
        stdout=subprocess.DEVNULL, stderr=err, start_new_session=True,
    )  # fmt: skip


def _wait_for_workers(proc: subprocess.Popen[bytes]) -> list[tuple[int, str]]:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        workers = children(proc.pid)
        if workers:  # the compare parses too: one worker makes two cores
            return workers
        time.sleep(0.05)
    proc.kill()
    raise AssertionError("the compare never started its worker")


@pytest.mark.parametrize(
    ("way", "status", "last_line"),
    [
        ("SIGKILL", -signal.SIGKILL, ""),
        ("SIGTERM", 128 + signal.SIGTERM, "variorum: stopped by SIGTERM"),
        ("SIGINT", 128 + signal.SIGINT, "variorum: interrupted"),
    ],
)
def test_no_worker_outlives_a_stopped_compare(long_pair, way: str, status: int, last_line) -> None:
    with tempfile.TemporaryFile() as err:  # a pipe would be held open by orphans
        proc = _start_compare(*long_pair, err)
        workers = _wait_for_workers(proc)
        if way == "SIGINT":
            os.killpg(proc.pid, signal.SIGINT)  # as Ctrl+C does: the whole group
        else:
            os.kill(proc.pid, getattr(signal, way))
        proc.wait(timeout=60)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(alive(w) for w in workers):
            time.sleep(0.05)
        survivors = [w for w in workers if alive(w)]
        for pid, _ in survivors:
            os.kill(pid, signal.SIGKILL)
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    assert survivors == []
    assert proc.returncode == status
    assert (lines[-1] if lines else "") == last_line and not any("Traceback" in ln for ln in lines)


WATCHDOG_CHILD = """
import os, sys, time
sys.platform = "darwin"  # no prctl: only the watchdog thread stands between us and orphanhood
from core.nlp_workers import die_with_parent
parent = os.getpid()
pid = os.fork()
if pid == 0:
    die_with_parent(parent)
    time.sleep(60)
    os._exit(0)
print(pid, flush=True)
os._exit(0)  # the parent dies at once
"""


def test_the_watchdog_alone_ends_an_orphaned_worker() -> None:
    result = subprocess.run(
        [sys.executable, "-c", WATCHDOG_CHILD], cwd=REPO, capture_output=True, text=True,
        timeout=60, check=True,
    )  # fmt: skip
    pid = int(result.stdout.strip())
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and os.path.exists(f"/proc/{pid}"):
        time.sleep(0.05)
    still_there = os.path.exists(f"/proc/{pid}")
    if still_there:
        os.kill(pid, signal.SIGKILL)
    assert not still_there


@pytest.mark.parametrize("words", [10_000, 800])
def test_parallel_and_serial_parses_are_the_same(nlp, words: int, monkeypatch) -> None:
    from core.nlp import PARALLEL_THRESHOLD, parse_texts

    monkeypatch.setattr("core.nlp.PARALLEL_THRESHOLD", min(PARALLEL_THRESHOLD, 5_000))
    original, rewrite = story_pair(words, 2)

    def signature(result: list) -> list:
        return [
            [(o, [(t.text, t.tag_, t.lemma_, t.ent_type_, t.is_sent_start) for t in d])
             for o, d in chunks]
            for chunks in result
        ]  # fmt: skip

    serial = parse_texts(nlp, [original, rewrite], processes=1)
    parallel = parse_texts(nlp, [original, rewrite], processes=2)
    assert signature(parallel) == signature(serial)


@given(st.lists(st.integers(min_value=1, max_value=6000), min_size=2, max_size=40),
       st.integers(min_value=2, max_value=4))
def test_this_process_takes_the_last_share_of_the_characters(sizes, processes) -> None:
    from core.nlp_workers import _own_share_start

    pieces = ["x" * size for size in sizes]
    cut = _own_share_start(pieces, processes)
    assert 1 <= cut <= len(pieces) - 1  # workers and this process each get some
    farmed = sum(sizes[:cut])
    target = sum(sizes) * (processes - 1) / processes
    # the cut is the piece boundary nearest the target (within half a piece either way)
    assert abs(farmed - target) <= max(sizes) / 2 + 1e-9 or cut in (1, len(pieces) - 1)
