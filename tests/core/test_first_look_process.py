"""A long story's first look made by a process of its own: the very comparison this process
would make, used only for the sources it read, and gone once answered."""

from __future__ import annotations

import os
import pickle
import time
from dataclasses import replace
from pathlib import Path

import pytest

from core.first_look_process import (
    FIRST_LOOK_HERE_CHARS,
    FirstLookProcess,
    files_bytes,
    worth_a_process,
)
from core.quick_analysis import quick_comparison
from core.textio import load_file

ORIGINAL = ("Harbour reopens after storm\n\nThe port of Kelvale reopened on Monday, officials "
            "said. About 40 percent of the 1,200 berths were ready.\n\n\"We are ready,\" "
            "Mayor Ana Ruiz said on March 3, 2026.\n")
REWRITE = ("Kelvale port back in business\n\nOfficials claimed the port of Kelvale reopened "
           "on Monday. Some 45 percent of 1,200 berths were ready.\n\n\"We are ready now,\" "
           "Mayor Ana Ruiz told reporters.\n")


@pytest.fixture
def pair(tmp_path: Path) -> list[str]:
    paths = [tmp_path / "original.txt", tmp_path / "rewrite.txt"]
    for path, text in zip(paths, (ORIGINAL, REWRITE), strict=True):
        path.write_text(text, encoding="utf-8")
    return [str(p) for p in paths]


def test_the_child_compares_the_files_as_this_process_would(pair):
    sources = [load_file(p) for p in pair]
    child = FirstLookProcess(pair)
    made = child.comparison_for(sources)
    assert made is not None and made == quick_comparison(sources)
    assert child._process is None  # answered once, then gone


def test_other_sources_get_nothing(pair):
    sources = [load_file(p) for p in pair]
    edited = [sources[0], replace(sources[1], text=sources[1].text + "More.\n")]
    assert FirstLookProcess(pair).comparison_for(edited) is None
    assert FirstLookProcess(pair).comparison_for(sources[::-1]) is None


def test_a_file_it_cannot_read_gets_nothing_at_once(pair, tmp_path):
    started = time.monotonic()
    missing = [pair[0], str(tmp_path / "gone.txt")]
    assert FirstLookProcess(missing).comparison_for([load_file(pair[0])] * 2) is None
    assert time.monotonic() - started < 10  # an answer, not a timeout


def test_a_child_that_does_not_answer_in_time_is_stopped(pair):
    child = FirstLookProcess(pair)
    process = child._process
    assert process is not None
    assert child.comparison_for([load_file(p) for p in pair], timeout=0.0) is None
    assert process.poll() is not None  # killed and reaped


def test_the_first_look_crosses_the_pipe_unchanged(pair):
    comparison = quick_comparison([load_file(p) for p in pair])
    for protocol in (pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL):
        assert pickle.loads(pickle.dumps(comparison, protocol=protocol)) == comparison


def _long_pair(tmp_path: Path) -> list[str]:
    paragraph = "The port of Kelvale reopened on Monday after the storm, officials said.\n\n"
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path in paths:
        path.write_text(paragraph * (FIRST_LOOK_HERE_CHARS // len(paragraph) // 2 + 1),
                        encoding="utf-8")
    return [str(p) for p in paths]


def test_only_long_regular_files_on_a_second_core_are_worth_a_process(pair, tmp_path):
    long_pair = _long_pair(tmp_path)
    assert worth_a_process(long_pair, cores=2)
    assert not worth_a_process(long_pair, cores=1)  # it would take the window's core
    assert not worth_a_process(pair, cores=8)  # short: compared before the window shows
    assert not worth_a_process(long_pair[:1], cores=8)  # one version: nothing to compare
    assert not worth_a_process([long_pair[0], str(tmp_path / "gone.txt")], cores=8)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert not worth_a_process([*long_pair, str(fifo)], cores=8)  # read once, by the window


def test_a_wait_for_the_answer_ends_when_the_child_is_stopped(pair):
    import threading

    sources = [load_file(p) for p in pair]
    child = FirstLookProcess(pair)
    answers: list[object] = []
    waiting = threading.Thread(
        target=lambda: answers.append(child.comparison_for(sources, timeout=60)))
    child.stop()  # long before its interpreter could have answered
    started = time.monotonic()
    waiting.start()
    waiting.join(timeout=30)
    assert not waiting.is_alive() and answers == [None]
    assert time.monotonic() - started < 10


def test_hostile_file_names_reach_the_child_as_they_are(tmp_path):
    names = ["-rf --help.txt", "new\nline \u202eevil.txt"]
    paths = []
    for name, text in zip(names, (ORIGINAL, REWRITE), strict=True):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    undecodable = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(undecodable, "wb") as handle:
        handle.write(REWRITE.encode("utf-8"))
    paths.append(os.fsdecode(undecodable))  # as argv gives it: a surrogate escape
    sources = [load_file(p) for p in paths]
    made = FirstLookProcess(paths).comparison_for(sources)
    assert made is not None and made == quick_comparison(sources)



def test_files_bytes_adds_up_regular_files_only(pair, tmp_path):
    assert files_bytes(pair) == sum(os.path.getsize(p) for p in pair)
    assert files_bytes([]) == 0
    assert files_bytes([pair[0], str(tmp_path)]) is None  # a folder
    assert files_bytes([pair[0], str(tmp_path / "gone.txt")]) is None
    assert files_bytes([pair[0], "nul\x00name.txt"]) is None
